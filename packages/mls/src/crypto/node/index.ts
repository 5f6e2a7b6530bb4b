/**
 * The `node:crypto` backend: OpenSSL for every primitive. The default provider, because it is several times
 * faster than the portable one for signatures and DH.
 */
import { createProvider } from "../cipher-suite.js";
import { memo } from "../memo.js";
import type { HashName } from "../algorithms.js";
import type {
  AeadPrimitive,
  DhPrimitive,
  HashPrimitive,
  Primitives,
  SignaturePrimitive,
} from "../primitives.js";
import { nodeAead } from "./aead.js";
import { nodeDh } from "./dh.js";
import { nodeHash } from "./hash.js";
import { createRandomPool } from "./random-pool.js";
import { nodeSignature } from "./signature.js";

const randomBytes = createRandomPool();

/** The backend's primitives, one instance per algorithm so key caches are shared across suites. */
export const nodePrimitives: Primitives = {
  name: "node",
  hash: memo<HashName, HashPrimitive>(nodeHash),
  aead: memo<number, AeadPrimitive>(nodeAead),
  dh: memo<number, DhPrimitive>((kemId) => nodeDh(kemId, randomBytes)),
  signature: memo<number, SignaturePrimitive>(nodeSignature),
  randomBytes,
};

export const nodeProvider = createProvider(nodePrimitives);
