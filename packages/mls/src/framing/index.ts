/** RFC 9420 §6: signing, membership and confirmation tags, PublicMessage and PrivateMessage protection. */
export {
  framedContentTbs,
  signFramedContent,
  verifyFramedContent,
  signAuthenticatedContent,
  withConfirmationTag,
  verifyAuthenticatedContent,
  type SignContentInput,
  type UnverifiedAuthenticatedContent,
  type VerifiedAuthenticatedContent,
} from "./content-auth.js";
export {
  computeMembershipTag,
  verifyMembershipTag,
  computeConfirmationTag,
  verifyConfirmationTag,
} from "./tags.js";
export { protectPublicMessage, unprotectPublicMessage, type PublicMessageKeys } from "./public-message.js";
export {
  protectPrivateMessage,
  unprotectPrivateMessage,
  ratchetTypeFor,
  type PrivateMessageKeys,
  type ProtectOptions,
  type UnprotectOptions,
} from "./private-message.js";
export {
  deriveSenderDataKey,
  encryptSenderData,
  decryptSenderData,
  type SenderDataKey,
} from "./sender-data.js";
export { checkGroupAndEpoch } from "./epoch-check.js";
export { FramingRule } from "./rules.js";
