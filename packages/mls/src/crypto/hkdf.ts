/**
 * RFC 5869 HKDF, written once over a backend's HMAC. Extract and Expand are separate because RFC 9420 §8 and
 * RFC 9180 §4 call them separately (Node's `hkdfSync` only offers the fused form).
 */
import { CryptoError } from "../errors.js";
import type { HashPrimitive } from "./primitives.js";
import { wipe } from "./bytes.js";

export interface Kdf {
  readonly nh: number;
  extract(salt: Uint8Array, ikm: Uint8Array): Uint8Array;
  expand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array;
}

export function createHkdf(hash: HashPrimitive): Kdf {
  const nh = hash.length;

  /** The common case in MLS and HPKE (L <= HashLen): T(1) = HMAC(PRK, info | 0x01), truncated. */
  function expandOneBlock(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
    const block = new Uint8Array(info.length + 1);
    block.set(info);
    block[info.length] = 1;
    const t = hash.mac(prk, block);
    if (length === nh) return t;
    const out = t.slice(0, length);
    wipe(t);
    return out;
  }

  return {
    nh,
    // RFC 5869 §2.2: an empty salt acts as HashLen zero bytes, which HMAC's key padding already yields.
    extract: (salt, ikm) => hash.mac(salt, ikm),
    expand(prk, info, length) {
      // RFC 5869 §2.3: L <= 255*HashLen.
      if (!Number.isInteger(length) || length < 0 || length > 255 * nh) {
        throw new CryptoError(`HKDF-Expand length must be 0..${255 * nh}, got ${length}`);
      }
      if (prk.length < nh) throw new CryptoError(`HKDF-Expand PRK must be at least ${nh} bytes`);
      if (length <= nh) return expandOneBlock(prk, info, length);
      const out = new Uint8Array(length);
      const input = new Uint8Array(nh + info.length + 1);
      input.set(info, nh);
      let prev: Uint8Array = new Uint8Array(0);
      for (let i = 1, at = 0; at < length; i++) {
        // T(i) = HMAC(PRK, T(i-1) | info | i); T(0) is empty, so the first block skips the prefix.
        const block = i === 1 ? input.subarray(nh) : input;
        if (i > 1) block.set(prev, 0);
        block[block.length - 1] = i;
        wipe(prev);
        prev = hash.mac(prk, block);
        out.set(prev.subarray(0, Math.min(nh, length - at)), at);
        at += nh;
      }
      wipe(prev, input);
      return out;
    },
  };
}
