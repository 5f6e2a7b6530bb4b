/**
 * The RFC 9162 TreeHasher on node:crypto (OpenSSL) SHA-256, for servers: on the 65-byte interior
 * and ~200-byte leaf inputs of a key log it takes about half the time of @noble/hashes. Reached
 * only through the `@parley/tlog/node` entry point, so browser bundles of `@parley/tlog` never
 * import node:crypto.
 */
import { createHash, hash } from "node:crypto";
import { createTreeHasher, type Sha256, type TreeHasher } from "./tree-hasher.js";

/** A plain Uint8Array view: Buffer's `slice` shares memory, and callers copy hashes with `slice`. */
function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** node:crypto's one-shot `hash` (Node ≥ 20.12) where present, else a Hash object per call. */
function pickSha256(): Sha256 {
  if (typeof hash === "function") return (data) => view(hash("sha256", data, "buffer"));
  return (data) => view(createHash("sha256").update(data).digest());
}

export const nodeTreeHasher: TreeHasher = createTreeHasher(pickSha256());
