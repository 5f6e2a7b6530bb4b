/**
 * Runner for the MLS interop `tree-validation.json` vectors (RFC 9420 §4.1.1, §7.8, §7.9.2, §12.4.3.1).
 * One case per JSON element, covering the tree hash and the resolution of every node of the full tree and
 * the joiner's validation of the whole tree (parent hashes, leaf signatures bound to `group_id`, unmerged
 * leaves, unique keys) against the vector's root hash.
 */
import { toHex } from "@parley/codec";
import type { CryptoProvider } from "../crypto/provider.js";
import type { NodeIndex } from "../tree-math/index.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import { validateRatchetTree } from "../tree/tree-validation.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { ShapeError, array, hex, runCases } from "./vector-case.js";

function hexAt(list: readonly unknown[], i: number, field: string): Uint8Array {
  return hex({ [`${field}[${i}]`]: list[i] }, `${field}[${i}]`);
}

function indexList(raw: unknown, where: string): number[] {
  if (!Array.isArray(raw) || !raw.every((v) => Number.isSafeInteger(v) && (v as number) >= 0)) {
    throw new ShapeError(`${where} is not a list of node indices`);
  }
  return raw as number[];
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("tree-validation", data, provider, (cs, c, diffs) => {
    const tree = ratchetTreeFromBytes(cs, hex(c, "tree"), "tree");
    const hashes = array(c, "tree_hashes");
    const resolutions = array(c, "resolutions");
    diffs.check(
      `tree_hashes has ${hashes.length} entries, the tree ${tree.nodeCount}`,
      hashes.length === tree.nodeCount,
    );
    diffs.check(`resolutions has ${resolutions.length} entries`, resolutions.length === tree.nodeCount);
    for (let x = 0; x < tree.nodeCount; x++) {
      const node = x as NodeIndex;
      if (x < hashes.length)
        diffs.bytes(`tree hash of node ${x}`, tree.treeHash(node), hexAt(hashes, x, "tree_hashes"));
      if (x >= resolutions.length) continue;
      const want = indexList(resolutions[x], `resolutions[${x}]`);
      const got = tree.resolution(node);
      diffs.check(
        `resolution of node ${x}: got [${got.join(",")}], want [${want.join(",")}]`,
        got.join() === want.join(),
      );
    }
    const root = hashes[tree.root];
    validateRatchetTree(tree, {
      groupId: hex(c, "group_id"),
      treeHash: root === undefined ? undefined : hexAt(hashes, tree.root, "tree_hashes"),
    });
    if (root === undefined) diffs.check(`no tree hash for the root ${toHex(tree.treeHash())}`, false);
  });
