/** SHA-2 and HMAC from @noble/hashes. */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import type { HashName } from "../algorithms.js";
import type { HashPrimitive } from "../primitives.js";

const HASHES = { sha256, sha384, sha512 } as const;

export function nobleHash(name: HashName): HashPrimitive {
  const fn = HASHES[name];
  return {
    name,
    length: fn.outputLen,
    digest: (data) => fn(data),
    mac: (key, data) => hmac(fn, key, data),
  };
}
