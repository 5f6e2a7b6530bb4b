/**
 * The RFC 9420 Welcome-processing rules (§12.4.3, §12.4.3.1), each raised as a `ValidationError` with this id
 * and section and each with a negative test in `test/welcome*.test.ts`. Ids are stable; match on them, never on
 * message text. Decryption failures are reported under a rule too (with the `CryptoError` as `cause`): a
 * joiner needs to know which stage of the Welcome was unusable, and the cause says nothing about the keys.
 */
import { ValidationError } from "../errors.js";

export interface WelcomeRuleId {
  readonly id: string;
  readonly section: string;
}

export const WelcomeRule = {
  /** §6: the MLSMessage handed to Welcome processing has wire format mls_welcome. */
  wireFormat: { id: "WELCOME-1", section: "§6" },
  /** §12.4.3.1: some `secrets` entry names (by KeyPackageRef) one of this client's KeyPackages. */
  noEntry: { id: "WELCOME-2", section: "§12.4.3.1" },
  /** §12.4.3.1: the KeyPackage's version is mls10 and its cipher suite is the Welcome's. */
  keyPackageSuite: { id: "WELCOME-3", section: "§12.4.3.1" },
  /** §12.4.3.1: `encrypted_group_secrets` opens with the KeyPackage's init private key. */
  groupSecretsDecrypt: { id: "WELCOME-4", section: "§12.4.3.1" },
  /** §12.4.3.1: the decrypted GroupSecrets decodes exactly, its secrets KDF.Nh bytes long. */
  groupSecretsMalformed: { id: "WELCOME-5", section: "§12.4.3.1" },
  /** §12.4.3.1: the client holds every PSK named in GroupSecrets.psks. */
  pskMissing: { id: "WELCOME-6", section: "§12.4.3.1" },
  /** §12.4.3.1: at most one resumption PSK with usage reinit or branch. */
  pskResumptionUsage: { id: "WELCOME-7", section: "§12.4.3.1" },
  /** §12.4.3.1: `encrypted_group_info` opens with welcome_key / welcome_nonce. */
  groupInfoDecrypt: { id: "WELCOME-8", section: "§12.4.3.1" },
  /** §12.4.3: the decrypted GroupInfo decodes exactly. */
  groupInfoMalformed: { id: "WELCOME-9", section: "§12.4.3" },
  /** §12.4.3.1: the leaf at `GroupInfo.signer` exists and is not blank. */
  signerLeaf: { id: "WELCOME-10", section: "§12.4.3.1" },
  /** §12.4.3: the GroupInfo signature verifies under the signer's key with label "GroupInfoTBS". */
  groupInfoSignature: { id: "WELCOME-11", section: "§12.4.3" },
  /** §12.4.3.1: GroupInfo.group_context.cipher_suite equals the KeyPackage's (and so the Welcome's). */
  groupInfoSuite: { id: "WELCOME-12", section: "§12.4.3.1" },
  /** §12.4.3, §12.4.3.1: the group_id is not one of a group the client is already in. */
  groupIdUnique: { id: "WELCOME-13", section: "§12.4.3.1" },
  /** §12.4.3.1: the supplied ratchet tree's tree hash equals GroupInfo.group_context.tree_hash. */
  treeHash: { id: "WELCOME-14", section: "§12.4.3.1" },
  /** §12.4.3.1: confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash) of the joined epoch. */
  confirmationTag: { id: "WELCOME-15", section: "§12.4.3.1" },
  /** §12.4.3.1: a Welcome carrying a reinit or branch resumption PSK starts the group at epoch 1. */
  resumptionEpoch: { id: "WELCOME-16", section: "§12.4.3.1" },
  /**
   * §11.2, §11.3: a Welcome joined as the successor of an old group carries a resumption PSK of the expected
   * usage (reinit or branch) naming that old group — for reinit, the epoch of the Commit that covered the ReInit.
   */
  resumptionPsk: { id: "WELCOME-17", section: "§11.2" },
  /** §11.2: a reinit Welcome's GroupContext has the ReInit's version, cipher_suite, group_id and extensions. */
  reinitParameters: { id: "WELCOME-18", section: "§11.2" },
  /** §11.3: a branch Welcome has the old group's version and cipher suite. */
  branchParameters: { id: "WELCOME-19", section: "§11.3" },
  /** §11.3: every LeafNode of a branched group matches (by credential identity) a member of the old group. */
  branchMembers: { id: "WELCOME-20", section: "§11.3" },
} as const satisfies Record<string, WelcomeRuleId>;

export function welcomeViolation(rule: WelcomeRuleId, message: string, cause?: unknown): ValidationError {
  return new ValidationError(rule.id, rule.section, message, cause === undefined ? undefined : { cause });
}
