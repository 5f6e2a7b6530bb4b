/**
 * The RFC 9420 ratchet-tree and TreeKEM validation rules (§7, §12.4.3.1), each raised as a `ValidationError`
 * with this id and section and each with a negative test in `test/tree-*.test.ts` / `test/treekem*.test.ts`.
 * Ids are stable; match on them, never on message text.
 */
import { ValidationError } from "../errors.js";

export const TreeRule = {
  /** §7.8, §12.4.3.1: the tree hash of the root equals the one the group agreed on. */
  treeHash: { id: "TREE-1", section: "§7.8" },
  /** §7.9.2: every non-blank parent node is parent-hash valid (exactly one child chain authenticates it). */
  parentHash: { id: "TREE-2", section: "§7.9.2" },
  /** §7.1: `unmerged_leaves` is sorted in strictly increasing order. */
  unmergedOrder: { id: "TREE-3", section: "§7.1" },
  /** §12.4.3.1: an unmerged leaf is a non-blank leaf below the parent that lists it. */
  unmergedLeaf: { id: "TREE-4", section: "§12.4.3.1" },
  /** §12.4.3.1: every non-blank node between an unmerged leaf and the parent listing it lists it too. */
  unmergedChain: { id: "TREE-5", section: "§12.4.3.1" },
  /** §7.3, §12.4.3.1: no HPKE encryption key appears in two nodes of the tree. */
  duplicateEncryptionKey: { id: "TREE-6", section: "§7.3" },
  /** §7.3: no two members share a signature key. */
  duplicateSignatureKey: { id: "TREE-7", section: "§7.3" },
  /** §12.4.3.3, Appendix C: leaves at even positions, parents at odd ones, the last entry non-blank. */
  shape: { id: "TREE-8", section: "§12.4.3.3" },
  /** §7.3: every member supports every credential type in use in the group. */
  credentialSupport: { id: "TREE-9", section: "§7.3" },
  /** §7.3: the LeafNode signature verifies under its signature_key over the right LeafNodeTBS. */
  leafSignature: { id: "LEAF-1", section: "§7.3" },
  /** §7.2: the leaf's own credential type is listed in its capabilities. */
  leafCredentialCapability: { id: "LEAF-2", section: "§7.2" },
  /** §7.2, §7.3: every non-default extension type of the leaf is listed in its capabilities. */
  leafExtensionCapability: { id: "LEAF-3", section: "§7.3" },
  /** §7.3, §11.1: the group's required_capabilities are all listed in the leaf's capabilities. */
  leafRequiredCapabilities: { id: "LEAF-4", section: "§7.3" },
  /** §7.3: a key_package leaf is used only within its lifetime (checked when the caller supplies a time). */
  leafLifetime: { id: "LEAF-5", section: "§7.3" },
  /** §7.3: leaf_node_source matches where the leaf appears (KeyPackage, Update, Commit). */
  leafSource: { id: "LEAF-6", section: "§7.3" },
  /** §7.3: an Update's (or path's) leaf carries a new encryption key. */
  leafKeyChanged: { id: "LEAF-7", section: "§7.3" },
  /** §7.2: the leaf lists protocol version mls10 (and, when the caller asks, the group's cipher suite). */
  leafGroupCapability: { id: "LEAF-8", section: "§7.2" },
  /** §7.6, §12.4.2: an UpdatePath has one node per entry of the sender's filtered direct path. */
  pathLength: { id: "PATH-1", section: "§7.6" },
  /** §7.6: each UpdatePathNode has one ciphertext per copath resolution node (new leaves excluded). */
  pathCiphertextCount: { id: "PATH-2", section: "§7.6" },
  /** §7.9.2: the committer's leaf parent_hash equals the parent hash recomputed after merging. */
  pathParentHash: { id: "PATH-3", section: "§7.9.2" },
  /** §7.5: the ciphertext addressed to us decrypts with our private key and the provisional GroupContext. */
  pathDecrypt: { id: "PATH-4", section: "§7.5" },
  /** §7.5: public keys derived from the decrypted path secret equal those sent in the UpdatePath. */
  pathPublicKey: { id: "PATH-5", section: "§7.5" },
  /** §12.4.3.1: a private key installed for a node corresponds to that node's public key. */
  privateKey: { id: "PATH-6", section: "§12.4.3.1" },
} as const;

export type TreeRuleEntry = (typeof TreeRule)[keyof typeof TreeRule];

export function violation(rule: TreeRuleEntry, message: string, options?: ErrorOptions): ValidationError {
  return new ValidationError(rule.id, rule.section, message, options);
}
