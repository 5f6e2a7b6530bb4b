/**
 * RFC 9420 §7 ratchet tree, public state: the Appendix C node array of a full binary tree (leaf L at 2L,
 * parents at odd positions, `undefined` for blank), with tree hashes (§7.8), resolutions (§4.1.1) and their
 * sizes memoised per node (`node-memo.ts`). Every write goes through one method that drops the cached values
 * of the written node and its ancestors only, so a commit in a 50,000-leaf tree rehashes O(path) nodes.
 */
import type { LeafNode } from "../codec/leaf-node.js";
import type { ParentNode } from "../codec/parent-node.js";
import { type Node, NodeType, type RatchetTree as RatchetTreeNodes } from "../codec/ratchet-tree.js";
import type { CipherSuite } from "../crypto/provider.js";
import { InternalError, UsageError } from "../errors.js";
import * as tm from "../tree-math/index.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { TreeRule, violation } from "./rules.js";
import { mergeSortedLeaves } from "./sorted-leaves.js";
import { NodeMemo } from "./node-memo.js";

/** A parent node on a leaf's filtered direct path (§4.1.2) with its child on the leaf's copath. */
export interface FilteredPathEntry {
  readonly parent: NodeIndex;
  readonly copathChild: NodeIndex;
}

export class RatchetTree {
  #leafCount: number;
  #nodes: (Node | undefined)[];
  #memo: NodeMemo;
  /** No blank leaf lies left of this index, so repeated Adds find the leftmost blank in amortised O(1). */
  #blankHint = 0;

  private constructor(
    readonly cs: CipherSuite,
    leafCount: number,
    nodes: (Node | undefined)[],
    memoFrom?: NodeMemo,
  ) {
    this.#leafCount = leafCount;
    this.#nodes = nodes;
    this.#memo = new NodeMemo(cs, nodes, memoFrom);
  }

  /** A one-member tree, as the creator of a group starts it (§11). */
  static withFirstLeaf(cs: CipherSuite, leafNode: LeafNode): RatchetTree {
    const leaf = { nodeType: NodeType.leaf, leafNode } as const;
    return new RatchetTree(cs, 1, [leaf]);
  }

  /**
   * Builds the tree from a decoded `ratchet_tree` (§12.4.3.3): checks the array shape, then extends it
   * with blanks to the smallest full tree. Nothing cryptographic is checked here; see `validateRatchetTree`.
   */
  static fromNodes(cs: CipherSuite, nodes: RatchetTreeNodes): RatchetTree {
    const shape = TreeRule.shape;
    if (nodes.length === 0) throw violation(shape, "the ratchet tree has no nodes");
    if (nodes[nodes.length - 1] === undefined) throw violation(shape, "the last node of the tree is blank");
    let leafCount = 1;
    while (tm.nodeWidth(leafCount) < nodes.length) leafCount *= 2;
    const width = tm.nodeWidth(leafCount);
    const full: (Node | undefined)[] = new Array<Node | undefined>(width).fill(undefined);
    nodes.forEach((node, i) => {
      const want = i % 2 === 0 ? NodeType.leaf : NodeType.parent;
      if (node !== undefined && node.nodeType !== want) {
        throw violation(
          shape,
          `node ${i} holds a ${node.nodeType === NodeType.leaf ? "leaf" : "parent"} node`,
        );
      }
      full[i] = node;
    });
    return new RatchetTree(cs, leafCount, full);
  }

  /** The `ratchet_tree` extension form: the node array without trailing blanks. */
  toNodes(): (Node | undefined)[] {
    let end = this.#nodes.length;
    while (end > 0 && this.#nodes[end - 1] === undefined) end--;
    return this.#nodes.slice(0, end);
  }

  /** An independent copy sharing only immutable values (nodes, cached hashes and resolutions). */
  clone(): RatchetTree {
    const copy = new RatchetTree(this.cs, this.#leafCount, this.#nodes.slice(), this.#memo);
    copy.#blankHint = this.#blankHint;
    return copy;
  }

  get leafCount(): number {
    return this.#leafCount;
  }

  get nodeCount(): number {
    return this.#nodes.length;
  }

  get root(): NodeIndex {
    return tm.root(this.#leafCount);
  }

  /** The node at `x`, `undefined` when blank; throws `UsageError` outside the tree. */
  node(x: NodeIndex): Node | undefined {
    this.#checkNode(x);
    return this.#nodes[x];
  }

  leaf(leaf: LeafIndex): LeafNode | undefined {
    const node = this.node(this.#leafNode(leaf));
    return node?.nodeType === NodeType.leaf ? node.leafNode : undefined;
  }

  parent(x: NodeIndex): ParentNode | undefined {
    const node = this.node(x);
    return node?.nodeType === NodeType.parent ? node.parentNode : undefined;
  }

  /** The HPKE public key held by a node, `undefined` for a blank node. */
  encryptionKey(x: NodeIndex): Uint8Array | undefined {
    const node = this.node(x);
    if (node === undefined) return undefined;
    return node.nodeType === NodeType.leaf ? node.leafNode.encryptionKey : node.parentNode.encryptionKey;
  }

  setLeaf(leaf: LeafIndex, leafNode: LeafNode | undefined): void {
    const x = this.#leafNode(leaf);
    this.#write(x, leafNode === undefined ? undefined : { nodeType: NodeType.leaf, leafNode });
    if (leafNode === undefined) this.#blankHint = Math.min(this.#blankHint, leaf);
  }

  setParent(x: NodeIndex, parentNode: ParentNode | undefined): void {
    this.#checkNode(x);
    if (tm.isLeaf(x)) throw new UsageError(`node ${x} is a leaf, not a parent`);
    this.#write(x, parentNode === undefined ? undefined : { nodeType: NodeType.parent, parentNode });
  }

  /** The parents of `leaf` up to the root, leaf to root (Appendix C direct path). */
  directPath(leaf: LeafIndex): NodeIndex[] {
    return tm.directPath(this.#leafNode(leaf), this.#leafCount);
  }

  blankDirectPath(leaf: LeafIndex): void {
    for (const x of this.directPath(leaf)) if (this.#nodes[x] !== undefined) this.#write(x, undefined);
  }

  /**
   * RFC 9420 §4.1.1 resolution: `x` itself and its unmerged leaves if non-blank, nothing for a blank leaf,
   * else the resolutions of its children, left first. Memoised; callers must not modify the array.
   */
  resolution(x: NodeIndex): readonly NodeIndex[] {
    this.#checkNode(x);
    return this.#memo.resolution(x);
  }

  /** The number of nodes in `resolution(x)`, without building the list. */
  resolutionSize(x: NodeIndex): number {
    this.#checkNode(x);
    return this.#memo.resolutionSize(x);
  }

  /**
   * RFC 9420 §4.1.2 filtered direct path of `leaf`: its direct path minus the parents whose copath child
   * has an empty resolution (unmerged leaves count), each with that copath child.
   */
  filteredDirectPath(leaf: LeafIndex): FilteredPathEntry[] {
    const x = this.#leafNode(leaf);
    const path = tm.directPath(x, this.#leafCount);
    const copath = tm.copath(x, this.#leafCount);
    const out: FilteredPathEntry[] = [];
    path.forEach((parent, i) => {
      const copathChild = copath[i];
      if (copathChild !== undefined && this.#memo.resolutionSize(copathChild) > 0)
        out.push({ parent, copathChild });
    });
    return out;
  }

  /** RFC 9420 §7.8 tree hash of the subtree headed by `x` (the root by default). */
  treeHash(x: NodeIndex = this.root): Uint8Array {
    this.#checkNode(x);
    return this.#memo.hash(x);
  }

  /** RFC 9420 §12.1.1 Add of one leaf; see `addLeaves`. */
  addLeaf(leafNode: LeafNode): LeafIndex {
    const [leaf] = this.addLeaves([leafNode]);
    if (leaf === undefined) throw new InternalError("adding a leaf placed none");
    return leaf;
  }

  /**
   * RFC 9420 §12.1.1 Add, for each LeafNode in order: the leftmost blank leaf, or the first new leaf after
   * extending the tree (§7.7); each new leaf becomes unmerged at every non-blank parent above it. The batch
   * rewrites each such parent's list once, so A Adds under a non-blank root cost O(A log N), not O(A²).
   */
  addLeaves(leafNodes: readonly LeafNode[]): LeafIndex[] {
    // Each placement takes the leftmost blank, so the leaves come out strictly increasing.
    const placed = leafNodes.map((leafNode) => this.#placeLeaf(leafNode));
    const byParent = new Map<NodeIndex, number[]>();
    for (const leaf of placed) {
      for (const x of this.directPath(leaf)) {
        if (this.#nodes[x] === undefined) continue;
        const list = byParent.get(x);
        if (list === undefined) byParent.set(x, [leaf]);
        else list.push(leaf);
      }
    }
    for (const [x, leaves] of byParent) {
      const p = this.parent(x);
      if (p === undefined) continue;
      const unmergedLeaves = mergeSortedLeaves(p.unmergedLeaves, leaves);
      this.#write(x, { nodeType: NodeType.parent, parentNode: { ...p, unmergedLeaves } });
    }
    return placed;
  }

  /** RFC 9420 §12.1.2 Update: replace the sender's leaf and blank its direct path. */
  updateLeaf(leaf: LeafIndex, leafNode: LeafNode): void {
    this.#requireMember(leaf);
    this.setLeaf(leaf, leafNode);
    this.blankDirectPath(leaf);
  }

  /** RFC 9420 §12.1.3 Remove: blank the leaf and its direct path, then truncate (§7.7). */
  removeLeaf(leaf: LeafIndex): void {
    this.removeLeaves([leaf]);
  }

  /**
   * RFC 9420 §12.1.3 Remove of each leaf in turn, truncating (§7.7) once at the end. That leaves the same tree
   * as truncating after every Remove — a truncation drops only blank leaves, which no later Remove can name —
   * without rescanning a growing blank tail each time.
   */
  removeLeaves(leaves: readonly LeafIndex[]): void {
    for (const leaf of leaves) {
      this.#requireMember(leaf);
      this.setLeaf(leaf, undefined);
      this.blankDirectPath(leaf);
    }
    this.truncate();
  }

  /** RFC 9420 §7.7: halve the tree while its right half holds no non-blank leaf. */
  truncate(): void {
    let last = this.#leafCount - 1;
    while (last > 0 && this.#nodes[2 * last] === undefined) last--;
    let count = this.#leafCount;
    while (count > 1 && count / 2 > last) count /= 2;
    if (count === this.#leafCount) return;
    const width = tm.nodeWidth(count);
    this.#leafCount = count;
    this.#nodes.length = width;
    this.#memo.resize(width);
    this.#blankHint = Math.min(this.#blankHint, count);
  }

  /** Leaf indices of the non-blank leaves, in order. */
  members(): LeafIndex[] {
    const out: LeafIndex[] = [];
    for (let l = 0; l < this.#leafCount; l++) if (this.#nodes[2 * l] !== undefined) out.push(l as LeafIndex);
    return out;
  }

  /** RFC 9420 §7.7: double the leaf count; the old tree becomes the left subtree of a new blank root. */
  #extend(): void {
    const count = this.#leafCount * 2;
    const width = tm.nodeWidth(count);
    const from = this.#nodes.length;
    this.#nodes.length = width;
    this.#nodes.fill(undefined, from);
    this.#memo.resize(width);
    this.#leafCount = count;
  }

  /** The leftmost blank leaf (extending the tree if there is none, §7.7) now holding `leafNode`. */
  #placeLeaf(leafNode: LeafNode): LeafIndex {
    let leaf = this.#blankHint;
    while (leaf < this.#leafCount && this.#nodes[2 * leaf] !== undefined) leaf++;
    if (leaf === this.#leafCount) this.#extend();
    this.#write(2 * leaf, { nodeType: NodeType.leaf, leafNode });
    this.#blankHint = leaf + 1;
    return tm.toLeafIndex(leaf);
  }

  #write(x: number, node: Node | undefined): void {
    this.#nodes[x] = node;
    this.#memo.invalidate(x as NodeIndex, this.#leafCount);
  }

  #checkNode(x: NodeIndex): void {
    if (!Number.isInteger(x) || x < 0 || x >= this.#nodes.length) {
      throw new UsageError(`node ${x} is outside a tree of ${this.#nodes.length} nodes`);
    }
  }

  #leafNode(leaf: LeafIndex): NodeIndex {
    if (!Number.isInteger(leaf) || leaf < 0 || leaf >= this.#leafCount) {
      throw new UsageError(`leaf ${leaf} is outside a tree of ${this.#leafCount} leaves`);
    }
    return (2 * leaf) as NodeIndex;
  }

  #requireMember(leaf: LeafIndex): void {
    if (this.leaf(leaf) === undefined) throw new UsageError(`leaf ${leaf} is blank`);
  }
}
