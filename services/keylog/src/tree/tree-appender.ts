/**
 * The sequencer's growing tree: the RFC 9162 compact range (one complete-subtree hash per set bit
 * of the size, largest first), extended one leaf at a time. It is @parley/tlog's CompactRange
 * algorithm on the service's node:crypto hashing (tree-hash.ts), because appending is the one
 * place the log computes interior hashes at Append rate; the tests check both agree.
 */
import type { NodeId } from "@parley/tlog";
import { HASH_SIZE, nodeHash } from "./tree-hash.js";

export class TreeAppender {
  private constructor(
    private count: number,
    private readonly subtrees: Uint8Array[],
  ) {}

  /** Resumes from a compact range; there must be one 32-byte hash per set bit of `size`. */
  static fromCompactRange(size: number, hashes: readonly Uint8Array[]): TreeAppender {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`tree size must be a non-negative safe integer, got ${String(size)}`);
    }
    let bits = 0;
    for (let rest = size; rest > 0; rest = Math.floor(rest / 2)) bits += rest % 2;
    if (hashes.length !== bits || hashes.some((h) => h.length !== HASH_SIZE)) {
      throw new RangeError(
        `a tree of ${size} leaves needs ${bits} compact-range hashes of ${HASH_SIZE} bytes`,
      );
    }
    return new TreeAppender(
      size,
      hashes.map((h) => h.slice()),
    );
  }

  get size(): number {
    return this.count;
  }

  /** The compact range, largest subtree first (a fresh array; the hashes are never mutated). */
  hashes(): Uint8Array[] {
    return [...this.subtrees];
  }

  /**
   * Appends one leaf hash; `onNode` sees the leaf at level 0 and then every parent it completes
   * (RFC 9162 §2.1.1 MTH of a power-of-two range): exactly what the tiles must store.
   */
  append(leafHash: Uint8Array, onNode: (id: NodeId, hash: Uint8Array) => void): void {
    if (leafHash.length !== HASH_SIZE) {
      throw new RangeError(`leaf hash has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
    }
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new RangeError("the tree is full");
    let index = this.count;
    let level = 0;
    let hash: Uint8Array = leafHash.slice();
    onNode({ level, index }, hash);
    // Each set low bit of the old size is a complete left sibling waiting for this node.
    while (index % 2 === 1) {
      const left = this.subtrees.pop();
      if (left === undefined) throw new RangeError("compact range is inconsistent with its size");
      hash = nodeHash(left, hash);
      index = (index - 1) / 2;
      level++;
      onNode({ level, index }, hash);
    }
    this.subtrees.push(hash);
    this.count++;
  }
}
