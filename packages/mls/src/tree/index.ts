/** RFC 9420 §7: the ratchet tree (public state, hashes, validation) and TreeKEM. */
export { RatchetTree, type FilteredPathEntry } from "./ratchet-tree.js";
export { ratchetTreeFromBytes } from "./tree-decode.js";
export { leafNodeBytes } from "./leaf-encoding.js";
export { hashLeafNode, hashParentNode } from "./tree-hash.js";
export {
  computeParentHash,
  setParentHashChain,
  originalTreeHash,
  verifyParentHashes,
} from "./parent-hash.js";
export { validateLeafNode, verifyLeafSignature, type LeafValidationContext } from "./leaf-validation.js";
export {
  validateRatchetTree,
  verifyUnmergedLeaves,
  verifyUniqueKeys,
  verifyCredentialSupport,
  type TreeValidationOptions,
} from "./tree-validation.js";
export { leafSpan, subtreeHasLeaf } from "./subtree.js";
export { TreeRule } from "./rules.js";
export { nextPathSecret, nodeKeyPair } from "./path-secrets.js";
export { TreePrivateKeys } from "./private-keys.js";
export { verifyPrivateKey, installNodeSecret, installPathSecrets } from "./path-secret-install.js";
export {
  createUpdatePath,
  encryptionTargets,
  type CreateUpdatePathInput,
  type CreatedUpdatePath,
  type LeafNodeTemplate,
} from "./update-path-create.js";
export {
  mergeUpdatePath,
  applyUpdatePath,
  decryptUpdatePath,
  type MergeUpdatePathInput,
  type MergedUpdatePath,
  type ApplyUpdatePathInput,
  type AppliedUpdatePath,
} from "./update-path-apply.js";
