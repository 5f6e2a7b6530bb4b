/**
 * Index arithmetic for RFC 9162 §2.1 trees. Sizes are JavaScript safe integers (< 2^53), so
 * shifts are written as division: the 32-bit bitwise operators would silently wrap.
 */
import type { NodeId } from "./hash-reader.js";

const TWO_32 = 2 ** 32;

/** Throws a RangeError unless `value` is a non-negative safe integer. */
export function assertIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** floor(log2(n)) for n >= 1. */
export function floorLog2(n: number): number {
  if (n < TWO_32) return 31 - Math.clz32(n);
  return 32 + floorLog2(Math.floor(n / TWO_32));
}

/** True for 1, 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** floorLog2(n) === n;
}

/** RFC 9162 §2.1.1: k, the largest power of two smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  return 2 ** floorLog2(n - 1);
}

/** The number of trailing zero bits of n (n >= 1), i.e. the alignment of a leaf index. */
function trailingZeros(n: number): number {
  if (n % TWO_32 !== 0) return 31 - Math.clz32(n & -n);
  return 32 + trailingZeros(n / TWO_32);
}

/** Number of set bits: the count of maximal complete subtrees in a tree of size n. */
export function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}

/**
 * Appends the maximal complete subtrees covering leaves [start, end), left to right. For the
 * ranges proofs use (start aligned to the range's size) folding their hashes from the right
 * yields MTH(D[start:end]) per RFC 9162 §2.1.1.
 */
export function appendRangeNodes(start: number, end: number, out: NodeId[]): void {
  let at = start;
  while (at < end) {
    const fit = floorLog2(end - at);
    const level = at === 0 ? fit : Math.min(fit, trailingZeros(at));
    const width = 2 ** level;
    out.push({ level, index: at / width });
    at += width;
  }
}

/** True if the node is a complete subtree inside a tree of `size` leaves. */
export function nodeWithin(id: NodeId, size: number): boolean {
  return (
    Number.isSafeInteger(id.level) &&
    Number.isSafeInteger(id.index) &&
    id.level >= 0 &&
    id.level < 53 &&
    id.index >= 0 &&
    (id.index + 1) * 2 ** id.level <= size
  );
}
