/**
 * The right edge of a tree: the hashes of its maximal complete subtrees, largest first (one per
 * set bit of the size). It is all a sequencer needs to extend the tree and compute its root, and
 * what an auditor stores to resume verification where it stopped.
 *
 * The hasher is chosen at construction (the portable one by default): a sequencer hands in a
 * native SHA-256, since appending is where a log computes interior hashes at its ingest rate.
 */
import { TlogError } from "./errors.js";
import { HASH_SIZE, portableTreeHasher } from "./hash.js";
import type { NodeId } from "./hash-reader.js";
import type { TreeHasher } from "./tree-hasher.js";
import { assertIndex, popcount } from "./tree-math.js";

export class CompactRange {
  #size: number;
  readonly #hashes: Uint8Array[];
  readonly #hasher: TreeHasher;

  private constructor(size: number, hashes: Uint8Array[], hasher: TreeHasher) {
    this.#size = size;
    this.#hashes = hashes;
    this.#hasher = hasher;
  }

  static empty(hasher: TreeHasher = portableTreeHasher): CompactRange {
    return new CompactRange(0, [], hasher);
  }

  /** Restores a range from its hashes; there must be exactly one per set bit of `size`. */
  static fromHashes(
    size: number,
    hashes: readonly Uint8Array[],
    hasher: TreeHasher = portableTreeHasher,
  ): CompactRange {
    assertIndex("size", size);
    const want = popcount(size);
    if (hashes.length !== want) {
      throw new TlogError(`a compact range of size ${size} has ${want} hashes, got ${hashes.length}`);
    }
    for (const [i, h] of hashes.entries()) {
      if (h.length !== HASH_SIZE)
        throw new TlogError(`compact range hash ${i} has ${h.length} bytes, expected ${HASH_SIZE}`);
    }
    return new CompactRange(
      size,
      hashes.map((h) => h.slice()),
      hasher,
    );
  }

  get size(): number {
    return this.#size;
  }

  /** Copies of the subtree hashes, largest (leftmost) subtree first. */
  hashes(): Uint8Array[] {
    return this.#hashes.map((h) => h.slice());
  }

  /**
   * Appends one leaf hash. `onNode` sees every complete subtree that becomes known: the leaf at
   * level 0, then each parent it completes (RFC 9162 §2.1.1 MTH of a power-of-two range), which is
   * exactly the set of hashes a tile store must persist.
   */
  append(leafHash: Uint8Array, onNode?: (id: NodeId, hash: Uint8Array) => void): void {
    if (leafHash.length !== HASH_SIZE)
      throw new TlogError(`leaf hash has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new TlogError("compact range is full");
    let index = this.#size;
    let level = 0;
    let hash = leafHash;
    onNode?.({ level, index }, hash);
    // Each set low bit of the old size is a complete left sibling waiting for this node.
    while (index % 2 === 1) {
      const left = this.#hashes.pop();
      if (left === undefined) throw new TlogError("compact range is inconsistent with its size");
      hash = this.#hasher.nodeHash(left, hash);
      index = (index - 1) / 2;
      level++;
      onNode?.({ level, index }, hash);
    }
    // A lone leaf is copied so that the caller may reuse its buffer.
    this.#hashes.push(level === 0 ? hash.slice() : hash);
    this.#size++;
  }

  /** RFC 9162 §2.1.1 MTH over all appended leaves: the subtrees folded from the right. */
  root(): Uint8Array {
    let at = this.#hashes.length - 1;
    let acc = this.#hashes[at];
    if (acc === undefined) return this.#hasher.emptyRoot();
    for (at--; at >= 0; at--) {
      const left = this.#hashes[at];
      if (left !== undefined) acc = this.#hasher.nodeHash(left, acc);
    }
    return acc.slice();
  }
}
