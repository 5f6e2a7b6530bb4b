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
