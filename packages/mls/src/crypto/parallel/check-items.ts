/** Boundary checks of a batch, in the caller's thread: a malformed item is a `UsageError` naming it. */
import { UsageError } from "../../errors.js";
import { OP_NAMES, type BatchRequest } from "./batch.js";

const FIELDS = {
  hpkeSeal: { bytes: ["publicKey", "info", "aad", "plaintext"], strings: [] },
  encryptWithLabel: { bytes: ["publicKey", "context", "plaintext"], strings: ["label"] },
  verifyWithLabel: { bytes: ["publicKey", "content", "signature"], strings: ["label"] },
  checkWithLabel: { bytes: ["publicKey", "content", "signature"], strings: ["label"] },
} as const satisfies Record<BatchRequest["op"], { bytes: readonly string[]; strings: readonly string[] }>;

export function checkItems(batch: BatchRequest): void {
  const name = OP_NAMES[batch.op];
  if (!Array.isArray(batch.items)) throw new UsageError(`${name}: items must be an array`);
  if (!Number.isInteger(batch.suiteId)) throw new UsageError(`${name}: suiteId must be an integer`);
  const { bytes, strings } = FIELDS[batch.op];
  batch.items.forEach((item: unknown, i) => {
    if (typeof item !== "object" || item === null) throw new UsageError(`${name} item ${i} is not an object`);
    const fields = item as Record<string, unknown>;
    for (const f of bytes) {
      if (!(fields[f] instanceof Uint8Array))
        throw new UsageError(`${name} item ${i}: ${f} must be a Uint8Array`);
    }
    for (const f of strings) {
      if (typeof fields[f] !== "string") throw new UsageError(`${name} item ${i}: ${f} must be a string`);
    }
  });
}
