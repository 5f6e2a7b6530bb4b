/**
 * RFC 9420 §2.1.2 variable-length integers: the top two bits of the first byte give the length
 * (00 → 1 byte, 01 → 2, 10 → 4); 11 is invalid. Values must use the shortest encoding.
 */
export const VARINT_MAX = 0x3fffffff;

export function varintSize(value: number): 1 | 2 | 4 {
  if (!Number.isInteger(value) || value < 0 || value > VARINT_MAX) {
    throw new RangeError(`varint out of range: ${value} (RFC 9420 §2.1.2 allows 0..2^30-1)`);
  }
  if (value < 0x40) return 1;
  if (value < 0x4000) return 2;
  return 4;
}
