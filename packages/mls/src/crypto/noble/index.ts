/**
 * The portable backend: pure-JS @noble/curves, @noble/hashes and @noble/ciphers, for runtimes without
 * `node:crypto` (browsers) and as an independent second implementation the tests cross-check against.
 */
import { randomBytes } from "@noble/hashes/utils.js";
import type { HashName } from "../algorithms.js";
import { createProvider } from "../cipher-suite.js";
import { memo } from "../memo.js";
import type {
  AeadPrimitive,
  DhPrimitive,
  HashPrimitive,
  Primitives,
  SignaturePrimitive,
} from "../primitives.js";
import { nobleAead } from "./aead.js";
import { nobleDh } from "./dh.js";
import { nobleHash } from "./hash.js";
import { nobleSignature } from "./signature.js";

export const noblePrimitives: Primitives = {
  name: "noble",
  hash: memo<HashName, HashPrimitive>(nobleHash),
  aead: memo<number, AeadPrimitive>(nobleAead),
  dh: memo<number, DhPrimitive>(nobleDh),
  signature: memo<number, SignaturePrimitive>(nobleSignature),
  randomBytes: (n) => randomBytes(n),
};

export const nobleProvider = createProvider(noblePrimitives);
