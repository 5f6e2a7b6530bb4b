import type { VectorRunner } from "./types.js";
import { run as cryptoBasics } from "./crypto-basics.js";
import { run as deserialization } from "./deserialization.js";
import { run as keySchedule } from "./key-schedule.js";
import { run as messageProtection } from "./message-protection.js";
import { run as messages } from "./messages.js";
import { run as passiveClient } from "./passive-client.js";
import { run as pskSecret } from "./psk-secret.js";
import { run as secretTree } from "./secret-tree.js";
import { run as transcriptHashes } from "./transcript-hashes.js";
import { run as treeMath } from "./tree-math.js";
import { run as treeOperations } from "./tree-operations.js";
import { run as treeValidation } from "./tree-validation.js";
import { run as treekem } from "./treekem.js";
import { run as welcome } from "./welcome.js";

/** How the runner treats a vector file, chosen by its name. */
export type RunnerLookup =
  { kind: "run"; run: VectorRunner } | { kind: "pending"; reason: string } | { kind: "unknown" };

const runners: ReadonlyMap<string, VectorRunner> = new Map([
  ["crypto-basics.json", cryptoBasics],
  ["deserialization.json", deserialization],
  ["key-schedule.json", keySchedule],
  ["message-protection.json", messageProtection],
  ["messages.json", messages],
  ["psk_secret.json", pskSecret],
  ["secret-tree.json", secretTree],
  ["transcript-hashes.json", transcriptHashes],
  ["tree-math.json", treeMath],
  ["tree-operations.json", treeOperations],
  ["tree-validation.json", treeValidation],
  ["treekem.json", treekem],
  ["welcome.json", welcome],
]);

/** Vector types whose runner is not built yet, with the reason the CLI prints. */
const pending: ReadonlyMap<string, string> = new Map<string, string>();

export function runnerFor(fileName: string): RunnerLookup {
  const run = runners.get(fileName);
  if (run !== undefined) return { kind: "run", run };
  // Any passive-client-* file is in the passive-client format, whatever follows the prefix.
  if (fileName.startsWith("passive-client-") && fileName.endsWith(".json"))
    return { kind: "run", run: passiveClient };
  const reason = pending.get(fileName);
  return reason === undefined ? { kind: "unknown" } : { kind: "pending", reason };
}
