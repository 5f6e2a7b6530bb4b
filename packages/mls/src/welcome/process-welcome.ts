/**
 * RFC 9420 §12.4.3.1 "Joining via Welcome Message", joiner side. The Welcome is untrusted until this returns:
 * the steps run in the RFC's order (find our entry → open GroupSecrets → PSKs → open GroupInfo → signature →
 * suite → group id → tree hash → key schedule → confirmation tag), and only a Welcome that passed all of them
 * yields a `ProcessedWelcome`. Ratchet-tree validation (§12.4.3.1 "Verify the integrity of the ratchet tree")
 * and private-key installation belong to `tree/`; this module checks the tree hash of the tree it is given.
 */
import { Reader, bytesEqual } from "@parley/codec";
import { ProtocolVersion, decodeGroupInfo } from "../codec/index.js";
import type {
  EncryptedGroupSecrets,
  GroupContext,
  GroupInfo,
  GroupSecrets,
  Welcome,
} from "../codec/index.js";
import { makeKeyPackageRef } from "../crypto/labels.js";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { computeConfirmationTag } from "../framing/tags.js";
import type { EpochSecrets } from "../schedule/epoch-secrets.js";
import { deriveEpochSecrets, deriveWelcomeSecret, groupContextBytes } from "../schedule/key-schedule.js";
import { computeInterimTranscriptHash } from "../schedule/transcript-hashes.js";
import { wipeBytes } from "../schedule/secret.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { decryptGroupInfo } from "./group-info-encryption.js";
import { verifyGroupInfoSignature } from "./group-info-signature.js";
import { decryptGroupSecrets } from "./group-secrets.js";
import type { KeyPackageWithBytes } from "./group-secrets.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";
import { isReinitOrBranch, welcomePskSecret } from "./welcome-psks.js";
import type { PskLookup } from "./welcome-psks.js";

/** One of this client's KeyPackages with the init private key that opens Welcomes sent to it. */
export interface JoinerKeyPackage extends KeyPackageWithBytes {
  readonly initPrivateKey: Uint8Array;
}

/**
 * Where the GroupInfo signer's public key comes from: the group's ratchet tree (the leaf at
 * `GroupInfo.signer`, as §12.4.3 requires), or a key the application already trusts for that signer.
 */
export type GroupInfoSignerSource =
  | { readonly tree: RatchetTree }
  | { readonly publicKey: Uint8Array }
  | {
      /**
       * The tree is found only once the GroupInfo is open (§12.4.3.3: in its `ratchet_tree` extension, or
       * fetched by group and epoch); called once, after decryption and before the signature check.
       */
      readonly resolveTree: (groupInfo: GroupInfo) => RatchetTree;
    };

export interface ProcessWelcomeInput {
  readonly provider: CryptoProvider;
  readonly welcome: Welcome;
  /** The client's candidate KeyPackages; the Welcome names at most one of them. */
  readonly keyPackages: readonly JoinerKeyPackage[];
  readonly signer: GroupInfoSignerSource;
  /** Needed only when GroupSecrets names PSKs. */
  readonly resolvePsk?: PskLookup;
  /** §12.4.3.1: true when the client is already in a group with this group_id. */
  readonly isKnownGroupId?: (groupId: Uint8Array) => boolean;
}

/** A verified Welcome: everything needed to build the joined epoch's state. */
export interface ProcessedWelcome {
  /** The KeyPackage the Welcome was addressed to; its init private key should now be deleted (§16.8). */
  readonly keyPackage: JoinerKeyPackage;
  readonly groupInfo: GroupInfo;
  readonly groupContext: GroupContext;
  /** Holds joiner_secret and path_secret: the caller installs the path secret, then wipes both. */
  readonly groupSecrets: GroupSecrets;
  readonly epochSecrets: EpochSecrets;
  /** §8.2: interim_transcript_hash of the joined epoch, from its confirmed hash and confirmation tag. */
  readonly interimTranscriptHash: Uint8Array;
  /** The ratchet tree the GroupInfo was checked against, unless the signer was given as a public key. */
  readonly ratchetTree?: RatchetTree | undefined;
}

interface OurEntry {
  readonly keyPackage: JoinerKeyPackage;
  readonly entry: EncryptedGroupSecrets;
}

/**
 * §12.4.3.1: "Identify an entry in the secrets array where the new_member value corresponds to one of this
 * client's KeyPackages, using the hash indicated by the cipher_suite field." (WELCOME-2), then require the
 * KeyPackage's suite to be the Welcome's (WELCOME-3).
 */
function findOurEntry(cs: CipherSuite, welcome: Welcome, keyPackages: readonly JoinerKeyPackage[]): OurEntry {
  for (const keyPackage of keyPackages) {
    const ref = makeKeyPackageRef(cs, keyPackage.keyPackageBytes);
    const entry = welcome.secrets.find((s) => bytesEqual(s.newMember, ref));
    if (entry === undefined) continue;
    const { version, cipherSuite } = keyPackage.keyPackage;
    if (version !== ProtocolVersion.mls10 || cipherSuite !== cs.id) {
      throw welcomeViolation(
        WelcomeRule.keyPackageSuite,
        `the Welcome (suite ${cs.id}) names a KeyPackage of version ${version}, suite ${cipherSuite}`,
      );
    }
    return { keyPackage, entry };
  }
  throw welcomeViolation(
    WelcomeRule.noEntry,
    `none of the ${welcome.secrets.length} secrets entries names one of our ${keyPackages.length} KeyPackages`,
  );
}

/** §12.4.3.1: derive welcome_key/nonce, open `encrypted_group_info` (WELCOME-8) and decode it (WELCOME-9). */
function openGroupInfo(
  cs: CipherSuite,
  welcome: Welcome,
  joinerSecret: Uint8Array,
  psk: Uint8Array,
): GroupInfo {
  const welcomeSecret = deriveWelcomeSecret(cs, joinerSecret, psk);
  let plaintext: Uint8Array;
  try {
    plaintext = decryptGroupInfo(cs, welcomeSecret.bytes, welcome.encryptedGroupInfo);
  } catch (e) {
    throw welcomeViolation(WelcomeRule.groupInfoDecrypt, "encrypted_group_info does not decrypt", e);
  } finally {
    welcomeSecret.wipe();
  }
  try {
    const r = new Reader(plaintext);
    const groupInfo = decodeGroupInfo(r);
    r.done("GroupInfo");
    return groupInfo;
  } catch (e) {
    throw welcomeViolation(WelcomeRule.groupInfoMalformed, "the decrypted GroupInfo is malformed", e);
  }
}

/** The tree of the signer source, resolving it from the opened GroupInfo when asked to. */
function treeOf(source: GroupInfoSignerSource, groupInfo: GroupInfo): RatchetTree | undefined {
  if ("tree" in source) return source.tree;
  return "resolveTree" in source ? source.resolveTree(groupInfo) : undefined;
}

/** §12.4.3.1: "If the node is blank or if signature verification fails, return an error." */
function signerKey(
  source: GroupInfoSignerSource,
  tree: RatchetTree | undefined,
  groupInfo: GroupInfo,
): Uint8Array {
  if ("publicKey" in source) return source.publicKey;
  const leafCount = tree?.leafCount ?? 0;
  const leaf = groupInfo.signer < leafCount ? tree?.leaf(toLeafIndex(groupInfo.signer)) : undefined;
  if (leaf === undefined) {
    throw welcomeViolation(
      WelcomeRule.signerLeaf,
      `signer ${groupInfo.signer} is a blank leaf or outside a tree of ${leafCount} leaves`,
    );
  }
  return leaf.signatureKey;
}

/** The checks on the verified GroupInfo against the client's own state: WELCOME-12, -13, -14. */
function checkGroupContext(
  cs: CipherSuite,
  input: ProcessWelcomeInput,
  tree: RatchetTree | undefined,
  context: GroupContext,
): void {
  if (context.cipherSuite !== cs.id) {
    throw welcomeViolation(
      WelcomeRule.groupInfoSuite,
      `the GroupInfo is for suite ${context.cipherSuite}, the KeyPackage for suite ${cs.id}`,
    );
  }
  if (input.isKnownGroupId?.(context.groupId) === true) {
    throw welcomeViolation(WelcomeRule.groupIdUnique, "the client is already in a group with this group_id");
  }
  if (tree !== undefined && !bytesEqual(tree.treeHash(), context.treeHash)) {
    throw welcomeViolation(WelcomeRule.treeHash, "the ratchet tree's hash differs from GroupInfo tree_hash");
  }
}

/** §12.4.3.1: derive the epoch's secrets and verify the confirmation tag (WELCOME-15). */
function enterEpoch(
  cs: CipherSuite,
  secrets: GroupSecrets,
  psk: Uint8Array,
  groupInfo: GroupInfo,
): EpochSecrets {
  const context = groupInfo.groupContext;
  const epoch = deriveEpochSecrets(cs, secrets.joinerSecret, psk, groupContextBytes(context));
  const tag = computeConfirmationTag(cs, epoch.confirmationKey.bytes, context.confirmedTranscriptHash);
  if (!bytesEqual(tag, groupInfo.confirmationTag)) {
    epoch.wipe();
    throw welcomeViolation(WelcomeRule.confirmationTag, "the GroupInfo confirmation tag does not verify");
  }
  return epoch;
}

/** Processes a Welcome for one of the client's KeyPackages; every failure is a `ValidationError` WELCOME-n. */
export function processWelcome(input: ProcessWelcomeInput): ProcessedWelcome {
  const { welcome } = input;
  const cs = input.provider.suite(welcome.cipherSuite);
  const { keyPackage, entry } = findOurEntry(cs, welcome, input.keyPackages);
  const groupSecrets = decryptGroupSecrets(cs, keyPackage.initPrivateKey, entry, welcome.encryptedGroupInfo);
  let psk: Uint8Array | undefined;
  try {
    psk = welcomePskSecret(cs, groupSecrets.psks, input.resolvePsk);
    const groupInfo = openGroupInfo(cs, welcome, groupSecrets.joinerSecret, psk);
    const ratchetTree = treeOf(input.signer, groupInfo);
    verifyGroupInfoSignature(cs, signerKey(input.signer, ratchetTree, groupInfo), groupInfo);
    const groupContext = groupInfo.groupContext;
    checkGroupContext(cs, input, ratchetTree, groupContext);
    const epochSecrets = enterEpoch(cs, groupSecrets, psk, groupInfo);
    // §12.4.3.1: a reinit or branch PSK means the Welcome starts a new group, whose first epoch is 1.
    if (groupSecrets.psks.some(isReinitOrBranch) && groupContext.epoch !== 1n) {
      epochSecrets.wipe();
      throw welcomeViolation(
        WelcomeRule.resumptionEpoch,
        `a reinit/branch Welcome must start at epoch 1, not ${groupContext.epoch}`,
      );
    }
    const interimTranscriptHash = computeInterimTranscriptHash(
      cs,
      groupContext.confirmedTranscriptHash,
      groupInfo.confirmationTag,
    );
    return {
      ...{ keyPackage, groupInfo, groupContext, groupSecrets, epochSecrets },
      ...{ interimTranscriptHash, ratchetTree },
    };
  } catch (e) {
    // A rejected Welcome leaves nothing secret behind (§9.2).
    wipeBytes(groupSecrets.joinerSecret, groupSecrets.pathSecret?.pathSecret);
    throw e;
  } finally {
    wipeBytes(psk);
  }
}
