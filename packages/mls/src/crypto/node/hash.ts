/** SHA-2 and HMAC through OpenSSL. */
import { createHash, createHmac } from "node:crypto";
import type { HashName } from "../algorithms.js";
import type { HashPrimitive } from "../primitives.js";
import { asBytes } from "./buffers.js";

const LENGTH: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

export function nodeHash(name: HashName): HashPrimitive {
  return {
    name,
    length: LENGTH[name],
    digest: (data) => asBytes(createHash(name).update(data).digest()),
    mac: (key, data) => asBytes(createHmac(name, key).update(data).digest()),
  };
}
