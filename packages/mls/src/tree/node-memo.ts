/**
 * The values a ratchet tree derives from its node array — tree hashes (§7.8), resolutions (§4.1.1) and their
 * sizes — memoised per node. The owning `RatchetTree` reports every write with `invalidate`, which drops the
 * written node's values and its ancestors' only, so a commit in a 50,000-leaf tree recomputes O(path) nodes.
 * Values of a subtree depend only on that subtree, so they stay valid when §7.7 extends or truncates the tree.
 */
import { type Node, NodeType } from "../codec/ratchet-tree.js";
import type { CipherSuite } from "../crypto/provider.js";
import * as tm from "../tree-math/index.js";
import type { NodeIndex } from "../tree-math/index.js";
import { hashLeafNode, hashParentNode } from "./tree-hash.js";

export class NodeMemo {
  #hashes: (Uint8Array | undefined)[];
  #resolutions: (readonly NodeIndex[] | undefined)[];
  #sizes: (number | undefined)[];

  /** `nodes` is the owner's array, read (never written) here; `from` copies another memo's values. */
  constructor(
    private readonly cs: CipherSuite,
    private readonly nodes: readonly (Node | undefined)[],
    from?: NodeMemo,
  ) {
    if (from === undefined) {
      const empty = () => new Array<undefined>(nodes.length).fill(undefined);
      this.#hashes = empty();
      this.#resolutions = empty();
      this.#sizes = empty();
    } else {
      this.#hashes = from.#hashes.slice();
      this.#resolutions = from.#resolutions.slice();
      this.#sizes = from.#sizes.slice();
    }
  }

  /** Follows the node array to a new width (§7.7): new nodes start unknown, dropped ones are forgotten. */
  resize(width: number): void {
    for (const a of [this.#hashes, this.#resolutions, this.#sizes] as unknown[][]) {
      const from = a.length;
      a.length = width;
      if (width > from) a.fill(undefined, from);
    }
  }

  /** Node `x` was written: forget its values and those of its ancestors up to `root`. */
  invalidate(x: NodeIndex, leafCount: number): void {
    const root = tm.root(leafCount);
    for (let at = x; ; at = tm.parent(at, leafCount)) {
      this.#hashes[at] = undefined;
      this.#resolutions[at] = undefined;
      this.#sizes[at] = undefined;
      if (at === root) break;
    }
  }

  /** RFC 9420 §7.8 tree hash of the subtree headed by `x`. */
  hash(x: NodeIndex): Uint8Array {
    const cached = this.#hashes[x];
    if (cached !== undefined) return cached;
    const node = this.nodes[x];
    let h: Uint8Array;
    if (tm.isLeaf(x)) {
      h = hashLeafNode(this.cs, x / 2, node?.nodeType === NodeType.leaf ? node.leafNode : undefined);
    } else {
      const p = node?.nodeType === NodeType.parent ? node.parentNode : undefined;
      h = hashParentNode(this.cs, p, this.hash(tm.left(x)), this.hash(tm.right(x)));
    }
    this.#hashes[x] = h;
    return h;
  }

  /** RFC 9420 §4.1.1 resolution of `x`; callers must not modify the array. */
  resolution(x: NodeIndex): readonly NodeIndex[] {
    const cached = this.#resolutions[x];
    if (cached !== undefined) return cached;
    const node = this.nodes[x];
    let res: readonly NodeIndex[];
    if (node?.nodeType === NodeType.parent) {
      res = [x, ...node.parentNode.unmergedLeaves.map((l) => (2 * l) as NodeIndex)];
    } else if (node !== undefined) res = [x];
    else if (tm.isLeaf(x)) res = [];
    else res = [...this.resolution(tm.left(x)), ...this.resolution(tm.right(x))];
    this.#resolutions[x] = res;
    return res;
  }

  /** |resolution(x)|, without building the list. */
  resolutionSize(x: NodeIndex): number {
    const cached = this.#sizes[x] ?? this.#resolutions[x]?.length;
    if (cached !== undefined) return cached;
    const node = this.nodes[x];
    let size: number;
    if (node?.nodeType === NodeType.parent) size = 1 + node.parentNode.unmergedLeaves.length;
    else if (node !== undefined) size = 1;
    else if (tm.isLeaf(x)) size = 0;
    else size = this.resolutionSize(tm.left(x)) + this.resolutionSize(tm.right(x));
    this.#sizes[x] = size;
    return size;
  }
}
