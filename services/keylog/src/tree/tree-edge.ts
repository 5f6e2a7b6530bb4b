/**
 * The right edge of one tree size, kept next to the checkpoint that signs it so that proofs
 * against that size need no hashing.
 *
 * RFC 9162 §2.1.1 splits a tree of n leaves at k, the largest power of two below n; repeating the
 * split on the right part walks down the right spine. The left part at each step is a maximal
 * complete subtree (one per set bit of n: the compact range), and the right parts are the ranges
 * [start_j, n) with start_j the sum of the j largest of those subtrees. Every inclusion proof at
 * size n uses only complete subtrees (stored in tiles) and some of these right parts, so their
 * hashes are folded once here, from the right, and the last fold is the root itself.
 */
import { HASH_SIZE } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";

export class TreeEdge {
  private constructor(
    readonly size: number,
    readonly root: Uint8Array,
    /** MTH(D[start:size]) for each spine start, keyed by start. */
    private readonly suffixes: ReadonlyMap<number, Uint8Array>,
  ) {}

  /**
   * From the compact range of `size` leaves (largest subtree first, one hash per set bit). The
   * caller's arrays are not kept.
   */
  static fromCompactRange(size: number, hashes: readonly Uint8Array[]): TreeEdge {
    const widths = subtreeWidths(size);
    if (widths.length !== hashes.length) {
      throw new RangeError(
        `a tree of ${size} leaves has ${widths.length} edge subtrees, got ${hashes.length}`,
      );
    }
    const suffixes = new Map<number, Uint8Array>();
    let end = size;
    let acc: Uint8Array | undefined;
    for (let j = hashes.length - 1; j >= 0; j--) {
      const h = hashes[j];
      const width = widths[j] ?? 0;
      if (h?.length !== HASH_SIZE) throw new RangeError(`edge subtree ${j} is not a ${HASH_SIZE}-byte hash`);
      // RFC 9162 §2.1.1: MTH(D[start:n]) = SHA-256(0x01 || MTH(left subtree) || MTH(rest)).
      acc = acc === undefined ? h.slice() : nodeTreeHasher.nodeHash(h, acc);
      end -= width;
      suffixes.set(end, acc);
    }
    if (acc === undefined) throw new RangeError("an empty tree has no edge");
    return new TreeEdge(size, acc, suffixes);
  }

  /** MTH(D[start:size]) if `start` begins a right-spine range of this tree, else undefined. */
  suffix(start: number): Uint8Array | undefined {
    return this.suffixes.get(start);
  }
}

/** Widths of the maximal complete subtrees of a tree of `size` leaves, largest first. */
function subtreeWidths(size: number): number[] {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`tree size must be a positive safe integer, got ${String(size)}`);
  }
  const widths: number[] = [];
  let bit = 1;
  for (let rest = size; rest > 0; rest = Math.floor(rest / 2), bit *= 2) {
    if (rest % 2 === 1) widths.push(bit);
  }
  return widths.reverse();
}
