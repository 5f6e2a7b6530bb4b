/** Byte helpers for the crypto layer: RFC 8017 I2OSP, length checks that name the field, wiping. */
import { CryptoError } from "../errors.js";

const utf8 = new TextEncoder();

/** ASCII/UTF-8 bytes of a label string. */
export function labelBytes(label: string): Uint8Array {
  return utf8.encode(label);
}

/** RFC 8017 §4.1 I2OSP: big-endian encoding of a non-negative integer into exactly `length` bytes. */
export function i2osp(value: number, length: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || (length < 6 && value >= 256 ** length)) {
    throw new RangeError(`I2OSP: ${value} does not fit in ${length} bytes`);
  }
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/** RFC 8017 §4.2 OS2IP. */
export function os2ip(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Rejects a key, nonce or point of the wrong size before it reaches a primitive; never prints the value. */
export function checkLength(what: string, value: Uint8Array, expected: number): void {
  if (!(value instanceof Uint8Array)) throw new CryptoError(`${what} must be a Uint8Array`);
  if (value.length !== expected) {
    throw new CryptoError(`${what} must be ${expected} bytes, got ${value.length}`);
  }
}

/** Overwrites intermediate secrets once they are no longer needed (best effort in a GC'd runtime). */
export function wipe(...secrets: Uint8Array[]): void {
  for (const s of secrets) s.fill(0);
}

export function isAllZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (const b of bytes) acc |= b;
  return acc === 0;
}
