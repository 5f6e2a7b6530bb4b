/**
 * Runner for the MLS interop `treekem.json` vectors (RFC 9420 §7.4–§7.6, §7.9). One case per JSON element;
 * its sub-checks are, in order:
 * - the private state of every `leaves_private` entry matches the tree (leaf key and each path secret's
 *   derived node key), and the tree is parent-hash valid;
 * - for every `update_paths` entry: merging it gives `tree_hash_after`, and every private leaf other than
 *   the sender decrypts exactly `path_secrets[leaf]` and derives `commit_secret`;
 * - fresh UpdatePaths created by the first and by the last private leaf leave parent-hash-valid trees,
 *   merge publicly to the creator's tree hash, and the other of the two processes each to the same commit
 *   secret. (Every creator with every receiver would triple the run time with the P-384/P-521 suites for
 *   little extra coverage: `update_paths` already exercises every receiver position.)
 * The provisional GroupContext is the vector's group_id, epoch and confirmed_transcript_hash with the merged
 * tree's root hash and no extensions.
 */
import { bytesEqual, decode, encode, toHex } from "@parley/codec";
import { encodeGroupContext } from "../codec/group-context.js";
import { decodeUpdatePath } from "../codec/update-path.js";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { type LeafIndex, type NodeIndex, toLeafIndex, toNodeIndex } from "../tree-math/index.js";
import { verifyParentHashes } from "../tree/parent-hash.js";
import { installNodeSecret, verifyPrivateKey } from "../tree/path-secret-install.js";
import { TreePrivateKeys } from "../tree/private-keys.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import { decryptUpdatePath, mergeUpdatePath } from "../tree/update-path-apply.js";
import { createUpdatePath } from "../tree/update-path-create.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { type Diffs, type Json, ShapeError, array, hex, object, runCases, uint } from "./vector-case.js";

interface PrivateLeaf {
  readonly index: LeafIndex;
  readonly keys: TreePrivateKeys;
  readonly signaturePrivateKey: Uint8Array;
}

interface Setting {
  readonly tree: RatchetTree;
  readonly groupId: Uint8Array;
  readonly groupContext: (treeHash: Uint8Array) => Uint8Array;
  readonly leaves: readonly PrivateLeaf[];
}

function loadPrivateLeaf(tree: RatchetTree, raw: unknown, i: number): PrivateLeaf {
  const p = object(raw, `leaves_private[${i}]`);
  const index = toLeafIndex(uint(p, "index"));
  const publicKey = tree.leaf(index)?.encryptionKey;
  if (publicKey === undefined) throw new ShapeError(`leaves_private[${i}] names blank leaf ${index}`);
  const keys = new TreePrivateKeys();
  const leafKey = hex(p, "encryption_priv");
  verifyPrivateKey(tree.cs, (2 * index) as NodeIndex, leafKey, publicKey);
  keys.set((2 * index) as NodeIndex, leafKey);
  array(p, "path_secrets").forEach((rawSecret, j) => {
    const s = object(rawSecret, `leaves_private[${i}].path_secrets[${j}]`);
    installNodeSecret(tree, keys, toNodeIndex(uint(s, "node")), hex(s, "path_secret"));
  });
  return { index, keys, signaturePrivateKey: hex(p, "signature_priv") };
}

function expectedPathSecret(u: Json, leaf: LeafIndex): Uint8Array | undefined {
  const v = array(u, "path_secrets")[leaf];
  return v === null || v === undefined ? undefined : hex({ v }, "v");
}

function checkUpdatePath(s: Setting, raw: unknown, k: number, diffs: Diffs): void {
  const u = object(raw, `update_paths[${k}]`);
  const sender = toLeafIndex(uint(u, "sender"));
  const updatePath = decode(hex(u, "update_path"), (r) => decodeUpdatePath(r), "update_path");
  const base = { tree: s.tree, sender, updatePath, groupId: s.groupId };
  const merged = mergeUpdatePath(base);
  diffs.bytes(`update_paths[${k}] tree hash after`, merged.tree.treeHash(), hex(u, "tree_hash_after"));
  for (const leaf of s.leaves) {
    if (leaf.index === sender) continue;
    const got = decryptUpdatePath(
      { ...base, privateKeys: leaf.keys, ownLeaf: leaf.index, groupContext: s.groupContext },
      merged,
    );
    const want = expectedPathSecret(u, leaf.index);
    const where = `update_paths[${k}] at leaf ${leaf.index}`;
    if (want === undefined) diffs.check(`${where}: the vector has no path secret`, false);
    else diffs.bytes(`${where} path secret`, got.pathSecret, want);
    diffs.bytes(`${where} commit secret`, got.commitSecret, hex(u, "commit_secret"));
    got.privateKeys.wipe();
  }
}

/** A fresh UpdatePath from `from`, merged publicly and processed by the private leaf `to`. */
function checkFreshPath(
  s: Setting,
  from: PrivateLeaf,
  to: PrivateLeaf,
  provider: CryptoProvider,
  diffs: Diffs,
): void {
  const current = s.tree.leaf(from.index);
  if (current === undefined) throw new ShapeError(`leaf ${from.index} is blank`);
  const created = createUpdatePath({
    tree: s.tree,
    privateKeys: from.keys,
    leafIndex: from.index,
    groupId: s.groupId,
    leafNode: current,
    signaturePrivateKey: from.signaturePrivateKey,
    groupContext: s.groupContext,
    randomBytes: (n) => provider.randomBytes(n),
  });
  verifyParentHashes(created.tree);
  const input = { tree: s.tree, sender: from.index, updatePath: created.updatePath, groupId: s.groupId };
  const merged = mergeUpdatePath(input);
  const where = `fresh path from leaf ${from.index}`;
  diffs.bytes(`${where}: merged tree hash`, merged.tree.treeHash(), created.tree.treeHash());
  const got = decryptUpdatePath(
    { ...input, privateKeys: to.keys, ownLeaf: to.index, groupContext: s.groupContext },
    merged,
  );
  diffs.check(
    `${where} at leaf ${to.index}: commit secrets differ`,
    bytesEqual(got.commitSecret, created.commitSecret),
  );
  got.privateKeys.wipe();
  created.privateKeys.wipe();
}

function setting(cs: CipherSuite, c: Json): Setting {
  const tree = ratchetTreeFromBytes(cs, hex(c, "ratchet_tree"), "ratchet_tree");
  const groupId = hex(c, "group_id");
  const epoch = BigInt(uint(c, "epoch"));
  const confirmedTranscriptHash = hex(c, "confirmed_transcript_hash");
  const groupContext = (treeHash: Uint8Array) =>
    encode(
      { cipherSuite: cs.id, groupId, epoch, treeHash, confirmedTranscriptHash, extensions: [] },
      encodeGroupContext,
    );
  const leaves = array(c, "leaves_private").map((raw, i) => loadPrivateLeaf(tree, raw, i));
  return { tree, groupId, groupContext, leaves };
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("treekem", data, provider, (cs, c, diffs) => {
    const s = setting(cs, c);
    verifyParentHashes(s.tree);
    array(c, "update_paths").forEach((u, k) => checkUpdatePath(s, u, k, diffs));
    const first = s.leaves[0];
    const last = s.leaves.at(-1);
    if (first !== undefined && last !== undefined && first !== last) {
      checkFreshPath(s, first, last, provider, diffs);
      checkFreshPath(s, last, first, provider, diffs);
    }
    diffs.check(`no private leaves in tree ${toHex(s.tree.treeHash())}`, s.leaves.length > 0);
    for (const leaf of s.leaves) leaf.keys.wipe();
  });
