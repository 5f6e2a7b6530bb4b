/** Buffer ↔ Uint8Array at the provider boundary. */

/**
 * A plain `Uint8Array` view of a Buffer's bytes, without copying. Callers of the provider get plain arrays so
 * Buffer-only behaviour (e.g. `slice` returning a view) cannot leak into protocol code.
 */
export function asBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A fixed-width big-endian integer: OpenSSL may drop leading zero bytes of a scalar. */
export function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length === length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes.subarray(Math.max(0, bytes.length - length)), Math.max(0, length - bytes.length));
  return out;
}
