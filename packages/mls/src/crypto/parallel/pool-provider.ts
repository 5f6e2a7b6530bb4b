/**
 * The built-in provider a pool runs, by name, for the pools' own (calling-thread) side. Kept out of
 * batch.ts, which the worker threads load: a worker loads only the one provider it serves (worker-entry.js).
 */
import { UsageError } from "../../errors.js";
import { nobleProvider } from "../noble/index.js";
import { nodeProvider } from "../node/index.js";
import type { CryptoProvider } from "../provider.js";
import type { ProviderName } from "./batch.js";

/** A pool option naming the provider: "node" (the default) or "noble". */
export function poolProviderName(name: ProviderName | undefined): ProviderName {
  const chosen = name ?? "node";
  if (chosen !== "node" && chosen !== "noble") {
    throw new UsageError(`crypto pool provider must be "node" or "noble", got ${String(name)}`);
  }
  return chosen;
}

export function poolProvider(name: ProviderName): CryptoProvider {
  return name === "noble" ? nobleProvider : nodeProvider;
}
