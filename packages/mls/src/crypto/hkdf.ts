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
  /**
   * Expand for L <= HashLen, where `infoAndCounter` is info followed by one spare byte that this sets to the
   * block counter: callers that assemble info themselves (labelled KDFs) leave room for it and save a copy.
   */
  expandOneBlock(prk: Uint8Array, infoAndCounter: Uint8Array, length: number): Uint8Array;
}

export function createHkdf(hash: HashPrimitive): Kdf {
  const nh = hash.length;

  function checkExpand(prk: Uint8Array, length: number, max: number): void {
    // RFC 5869 §2.3: L <= 255*HashLen.
    if (!Number.isInteger(length) || length < 0 || length > max) {
      throw new CryptoError(`HKDF-Expand length must be 0..${max}, got ${length}`);
    }
    if (prk.length < nh) throw new CryptoError(`HKDF-Expand PRK must be at least ${nh} bytes`);
  }

  /** The common case in MLS and HPKE (L <= HashLen): T(1) = HMAC(PRK, info | 0x01), truncated. */
  function firstBlock(prk: Uint8Array, block: Uint8Array, length: number): Uint8Array {
    block[block.length - 1] = 1;
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
    expandOneBlock(prk, infoAndCounter, length) {
      checkExpand(prk, length, nh);
      if (infoAndCounter.length < 1) throw new CryptoError("HKDF-Expand block lacks the counter byte");
      return firstBlock(prk, infoAndCounter, length);
    },
    expand(prk, info, length) {
      checkExpand(prk, length, 255 * nh);
      if (length <= nh) {
        const block = new Uint8Array(info.length + 1);
        block.set(info);
        return firstBlock(prk, block, length);
      }
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
