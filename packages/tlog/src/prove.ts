/**
 * Proof generation from stored complete-subtree hashes (RFC 9162 §2.1.3.1, §2.1.4.1). Each proof
 * element is the Merkle Tree Hash of a leaf range; ranges on the tree's right edge are not
 * complete subtrees, so they are rebuilt from their maximal complete subtrees. All hashes a proof
 * needs are requested from the HashReader in a single batched call.
 */
import { ProofError } from "./errors.js";
import { HASH_SIZE, emptyRoot, nodeHash } from "./hash.js";
import type { HashReader, NodeId } from "./hash-reader.js";
import { type LeafRange, consistencyPlan, inclusionRanges, runInclusionRanges } from "./proof-plan.js";
import { isValidSubtree } from "./subtree.js";
import { appendRangeNodes, assertIndex } from "./tree-math.js";

/** Reads the hashes of all `ranges` in one call and returns one Merkle Tree Hash per range. */
async function rangeHashes(ranges: readonly LeafRange[], reader: HashReader): Promise<Uint8Array[]> {
  if (ranges.length === 0) return [];
  const ids: NodeId[] = [];
  const bounds: number[] = [0];
  for (const [start, end] of ranges) {
    appendRangeNodes(start, end, ids);
    bounds.push(ids.length);
  }
  const hashes = await reader.readHashes(ids);
  if (hashes.length !== ids.length) {
    throw new ProofError(`hash reader returned ${hashes.length} hashes for ${ids.length} nodes`);
  }
  const out: Uint8Array[] = [];
  for (let r = 0; r < ranges.length; r++) {
    const first = bounds[r] ?? 0;
    let at = (bounds[r + 1] ?? 0) - 1;
    let acc = checked(hashes[at], ids[at]);
    // RFC 9162 §2.1.1: a right-edge range hashes as its left complete subtree over the rest.
    for (at--; at >= first; at--) acc = nodeHash(checked(hashes[at], ids[at]), acc);
    out.push(acc);
  }
  return out;
}

function checked(hash: Uint8Array | undefined, id: NodeId | undefined): Uint8Array {
  if (hash === undefined || hash.length !== HASH_SIZE) {
    const where = id === undefined ? "?" : `${id.level}/${id.index}`;
    throw new ProofError(`hash reader returned no valid ${HASH_SIZE}-byte hash for node ${where}`);
  }
  return hash;
}

/** RFC 9162 §2.1.3.1: the inclusion proof PATH(index, D[size]). */
export async function proveInclusion(index: number, size: number, reader: HashReader): Promise<Uint8Array[]> {
  assertIndex("index", index);
  assertIndex("size", size);
  if (index >= size) throw new ProofError(`leaf index ${index} is not in a tree of size ${size}`);
  return rangeHashes(inclusionRanges(index, 0, size), reader);
}

/**
 * A run inclusion proof for the consecutive leaves [begin, end) at `size` (verify-run-inclusion.ts):
 * one proof for all of them, at most about 2·log2(size) hashes.
 */
export async function proveRunInclusion(
  begin: number,
  end: number,
  size: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  assertIndex("begin", begin);
  assertIndex("end", end);
  assertIndex("size", size);
  if (begin >= end) throw new ProofError(`leaf run [${begin}, ${end}) is empty`);
  if (end > size) throw new ProofError(`leaves [${begin}, ${end}) are not all in a tree of size ${size}`);
  return rangeHashes(runInclusionRanges(begin, end, size), reader);
}

/** RFC 9162 §2.1.4.1: the consistency proof PROOF(first, D[second]), for 0 < first <= second. */
export async function proveConsistency(
  first: number,
  second: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  assertIndex("first", first);
  assertIndex("second", second);
  if (first === 0)
    throw new ProofError("no consistency proof exists from an empty tree (RFC 9162 §2.1.4: 0 < m)");
  if (first > second) throw new ProofError(`first tree size ${first} exceeds second tree size ${second}`);
  return rangeHashes(consistencyPlan(0, first, second).ranges, reader);
}

/** The Merkle Tree Hash of the whole tree of `size` leaves (RFC 9162 §2.1.1). */
export async function treeRoot(size: number, reader: HashReader): Promise<Uint8Array> {
  assertIndex("size", size);
  if (size === 0) return emptyRoot();
  const [root] = await rangeHashes([[0, size]], reader);
  if (root === undefined) throw new ProofError("no root computed");
  return root;
}

/** The Merkle Tree Hash of a valid subtree [start, end) (draft-ietf-plants-merkle-tree-certs, "Subtrees"). */
export async function subtreeRoot(start: number, end: number, reader: HashReader): Promise<Uint8Array> {
  requireSubtree(start, end);
  const [root] = await rangeHashes([[start, end]], reader);
  if (root === undefined) throw new ProofError("no subtree hash computed");
  return root;
}

/** Inclusion of leaf `index` in the subtree [start, end): PATH over the subtree's own leaves. */
export async function proveSubtreeInclusion(
  index: number,
  start: number,
  end: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  requireSubtree(start, end);
  assertIndex("index", index);
  if (index < start || index >= end)
    throw new ProofError(`leaf index ${index} is not in subtree [${start}, ${end})`);
  return rangeHashes(inclusionRanges(index, start, end), reader);
}

/** Consistency of the subtree [start, end) with the tree of `size` leaves. */
export async function proveSubtreeConsistency(
  start: number,
  end: number,
  size: number,
  reader: HashReader,
): Promise<Uint8Array[]> {
  requireSubtree(start, end);
  assertIndex("size", size);
  if (end > size) throw new ProofError(`subtree [${start}, ${end}) extends past tree size ${size}`);
  return rangeHashes(consistencyPlan(start, end, size).ranges, reader);
}

function requireSubtree(start: number, end: number): void {
  assertIndex("start", start);
  assertIndex("end", end);
  if (!isValidSubtree(start, end)) throw new ProofError(`[${start}, ${end}) is not a valid subtree`);
}
