/**
 * SHA-2 and HMAC through OpenSSL.
 *
 * Digests use Node's one-shot `crypto.hash` (Node >= 20.12) instead of a `createHash` object per call, and
 * take the result as a latin1 ("binary") string copied into Node's pooled Buffer space: a `"buffer"` result gets its own
 * ArrayBuffer, whose allocation and garbage collection cost more than hashing a tree node. A 50,000-leaf tree
 * hash makes ~130,000 such calls (bench/mls-crypto/tree-hash.ts: about 1.5–2x faster than "buffer" output,
 * 3x faster than `createHash`). The string holds only the digest, never the input, and is why a digest must
 * not be used as a secret — RFC 9420 never does (tree and transcript hashes, RefHash, the exporter context);
 * every secret is derived with HMAC, whose output stays in Buffers.
 *
 * HMAC keeps `createHmac`: HMAC written as two one-shot hashes (RFC 2104 §2) measured slower on Node 20.20
 * for the 40–300-byte inputs of HKDF, because each one-shot digest allocates its own output.
 */
import { createHmac, hash } from "node:crypto";
import type { HashName } from "../algorithms.js";
import type { HashPrimitive } from "../primitives.js";
import { asBytes } from "./buffers.js";

const LENGTH: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

export function nodeHash(name: HashName): HashPrimitive {
  return {
    name,
    length: LENGTH[name],
    digest: (data) => asBytes(Buffer.from(hash(name, data, "binary"), "latin1")),
    mac: (key, data) => asBytes(createHmac(name, key).update(data).digest()),
  };
}
