/** RFC 9420 §9: the secret tree and its per-sender hash ratchets. */
export { SecretTree } from "./secret-tree.js";
export {
  SenderRatchet,
  defaultRatchetPolicy,
  type RatchetKey,
  type RatchetPolicy,
  type RatchetType,
} from "./sender-ratchet.js";
export { SecretTreeRule } from "./rules.js";
export { wipeSecretTreeState } from "./tree-state.js";
export type { LeafRatchetsState, RetainedKey, SecretTreeState, SenderRatchetState } from "./tree-state.js";
