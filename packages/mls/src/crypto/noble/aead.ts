/** AES-GCM and ChaCha20-Poly1305 from @noble/ciphers (tag appended, as RFC 5116 and RFC 9420 §5.1 expect). */
import { gcm } from "@noble/ciphers/aes.js";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { CryptoError } from "../../errors.js";
import { aeadParams } from "../algorithms.js";
import type { AeadPrimitive } from "../primitives.js";

export function nobleAead(aeadId: number): AeadPrimitive {
  const params = aeadParams(aeadId);
  const make = params.name === "chacha20-poly1305" ? chacha20poly1305 : gcm;
  return {
    params,
    seal: (key, nonce, aad, plaintext) => make(key, nonce, aad).encrypt(plaintext),
    open(key, nonce, aad, ciphertext) {
      try {
        return make(key, nonce, aad).decrypt(ciphertext);
      } catch (cause) {
        throw new CryptoError(`${params.name} open failed: ciphertext does not authenticate`, { cause });
      }
    },
  };
}
