/** AES-GCM and ChaCha20-Poly1305 (RFC 5116 / RFC 8439) through OpenSSL, 16-byte tags appended. */
import { createCipheriv, createDecipheriv, type CipherGCM, type DecipherGCM } from "node:crypto";
import { CryptoError } from "../../errors.js";
import { aeadParams, type AeadParams } from "../algorithms.js";
import type { AeadPrimitive } from "../primitives.js";
import { asBytes } from "./buffers.js";

export function nodeAead(aeadId: number): AeadPrimitive {
  const params = aeadParams(aeadId);
  const { name, nt } = params;
  return {
    params,
    seal(key, nonce, aad, plaintext) {
      const cipher = cipherFor(name, key, nonce, nt);
      cipher.setAAD(aad);
      const body = cipher.update(plaintext);
      const tail = cipher.final();
      const tag = cipher.getAuthTag();
      // The ciphertext is public, so it may live in Node's shared small-buffer pool: allocUnsafe from the pool
      // costs a fraction of a fresh ArrayBuffer, which matters at two seals per PrivateMessage.
      const out = Buffer.allocUnsafe(body.length + tail.length + tag.length);
      out.set(body, 0);
      out.set(tail, body.length);
      out.set(tag, body.length + tail.length);
      return asBytes(out);
    },
    open(key, nonce, aad, ciphertext) {
      const split = ciphertext.length - nt;
      const decipher = decipherFor(name, key, nonce, nt);
      decipher.setAAD(aad);
      decipher.setAuthTag(ciphertext.subarray(split));
      const body = decipher.update(ciphertext.subarray(0, split));
      try {
        const tail = decipher.final();
        return tail.length === 0 ? asBytes(body) : asBytes(Buffer.concat([body, tail]));
      } catch (cause) {
        body.fill(0);
        throw new CryptoError(`${name} open failed: ciphertext does not authenticate`, { cause });
      }
    },
  };
}

// Node types GCM and ChaCha20-Poly1305 ciphers separately; both expose setAAD/setAuthTag/getAuthTag.
function cipherFor(name: AeadParams["name"], key: Uint8Array, nonce: Uint8Array, nt: number): CipherGCM {
  return name === "chacha20-poly1305"
    ? createCipheriv(name, key, nonce, { authTagLength: nt })
    : createCipheriv(name, key, nonce, { authTagLength: nt });
}

function decipherFor(name: AeadParams["name"], key: Uint8Array, nonce: Uint8Array, nt: number): DecipherGCM {
  return name === "chacha20-poly1305"
    ? createDecipheriv(name, key, nonce, { authTagLength: nt })
    : createDecipheriv(name, key, nonce, { authTagLength: nt });
}
