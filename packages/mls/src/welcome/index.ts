/** RFC 9420 §12.4.3 / §12.4.3.1: GroupInfo signing and encryption, building and processing Welcome messages. */
export { WelcomeRule, type WelcomeRuleId } from "./rules.js";
export { encryptGroupInfo, decryptGroupInfo } from "./group-info-encryption.js";
export { signGroupInfo, verifyGroupInfoSignature } from "./group-info-signature.js";
export { encryptGroupSecrets, decryptGroupSecrets, type KeyPackageWithBytes } from "./group-secrets.js";
export { welcomePskSecret, isReinitOrBranch, type PskLookup } from "./welcome-psks.js";
export { buildWelcome, type BuildWelcomeInput, type WelcomeRecipient } from "./build-welcome.js";
export { decodeWelcomeMessage, encodeWelcomeMessage } from "./welcome-message.js";
export {
  processWelcome,
  type ProcessWelcomeInput,
  type ProcessedWelcome,
  type JoinerKeyPackage,
  type GroupInfoSignerSource,
} from "./process-welcome.js";
export {
  checkResumptionPsk,
  checkReinitParameters,
  checkBranchGroup,
  sameEncodedCredential,
  type ResumedGroup,
  type SameClient,
} from "./resumption-checks.js";
