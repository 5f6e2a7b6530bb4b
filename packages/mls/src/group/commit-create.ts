/**
 * RFC 9420 §12.4.1 "Creating a Commit" by a member: validate and apply the proposal list, decide on and build
 * the path (new leaves excluded from its encryption, §7.6), sign over the old GroupContext, derive the new epoch
 * and its confirmation tag, protect with the old epoch's keys, then build the GroupInfo and the Welcome (§12.4.3)
 * for the members added. The result is a pending Commit: the group stays in its epoch until it is merged.
 */
import { encode } from "@parley/codec";
import {
  ContentType,
  ProposalOrRefType,
  SenderType,
  WireFormat,
  encodeFramedContent,
  encodeMLSMessage,
} from "../codec/index.js";
import type {
  AuthenticatedContent,
  Commit,
  FramedContent,
  Proposal,
  ProposalOrRef,
  ResumptionPSKUsage,
  UpdatePath,
} from "../codec/index.js";
import { UsageError } from "../errors.js";
import { signAuthenticatedContent, withConfirmationTag } from "../framing/content-auth.js";
import { publicMessageBytes } from "../framing/content-bytes.js";
import { protectPublicMessage } from "../framing/public-message.js";
import { computeConfirmationTag } from "../framing/tags.js";
import { groupContextBytes, zeroSecret } from "../schedule/key-schedule.js";
import { wipeBytes } from "../schedule/secret.js";
import type { Secret } from "../schedule/secret.js";
import { computeInterimTranscriptHash } from "../schedule/transcript-hashes.js";
import { commonAncestor } from "../tree-math/index.js";
import type { NodeIndex } from "../tree-math/index.js";
import { createUpdatePath } from "../tree/update-path-create.js";
import { buildWelcome } from "../welcome/build-welcome.js";
import type { WelcomeRecipient } from "../welcome/build-welcome.js";
import { unverifiedKeyPackage } from "../key-package/unverified-key-package.js";
import { applyProposals } from "./apply-proposals.js";
import type { AppliedProposals } from "./apply-proposals.js";
import { validateCommitProposals } from "./commit-proposals.js";
import { makeEpochState } from "./epoch-state.js";
import type { EpochState } from "./epoch-state.js";
import { buildGroupInfo, encodeGroupInfoMessage } from "./group-info.js";
import type { GroupInfoOptions } from "./group-info.js";
import type { MemberState } from "./member-state.js";
import { discardPending } from "./member-state.js";
import { protectContent, wireFormatOf } from "./message-out.js";
import { deriveNextEpoch, provisionalContext } from "./next-epoch.js";
import { pruneKeys } from "./own-keys.js";
import { selectByRef, selectPending } from "./pending-selection.js";
import type { ProposalWithSender } from "./proposal-cache.js";
import { pathRequired } from "./proposal-list.js";
import { commitPskSecret, pskLookup } from "./psks.js";
import type { StagedEpoch } from "./staged-epoch.js";

export interface CommitOptions {
  /** Proposals to commit by value (this member's own, new ones). */
  readonly proposals?: readonly Proposal[];
  /** Cover the proposals received this epoch, by reference (§12.4 SHOULD). Default true. */
  readonly includePending?: boolean;
  /**
   * Cover exactly these cached proposals (ProposalRefs, §5.2) by reference, in this order, instead of the
   * automatic choice of `includePending` — for applications that decide themselves which proposals a Commit
   * takes up (§12.4 makes including every received proposal a SHOULD, not a MUST). An unknown or repeated
   * ref is a UsageError; the list is then validated like any other (§12.2). Cannot be combined with
   * `includePending: true`.
   */
  readonly proposalRefs?: readonly Uint8Array[];
  /** Send a path even when no proposal requires one (§12.4: a "full" Commit). */
  readonly forcePath?: boolean;
  readonly authenticatedData?: Uint8Array;
  /** Put the ratchet tree into the Welcome's GroupInfo (otherwise new members get it out of band). Default true. */
  readonly ratchetTreeInWelcome?: boolean;
  /** Also return the new epoch's signed GroupInfo (e.g. with external_pub, for external joins). */
  readonly groupInfo?: GroupInfoOptions;
}

/** What to send: the Commit to the group, the Welcome to new members, optionally the new GroupInfo. */
export interface CreatedCommit {
  readonly commit: Uint8Array;
  readonly welcome?: Uint8Array | undefined;
  readonly groupInfo?: Uint8Array | undefined;
}

interface OwnPath {
  readonly state: { tree: EpochState["tree"]; keys: EpochState["keys"] };
  readonly updatePath?: UpdatePath | undefined;
  readonly commitSecret: Uint8Array;
  readonly pathSecrets: ReadonlyMap<NodeIndex, Uint8Array>;
}

/** The cached proposals the Commit covers by reference: the caller's choice, or §12.4's "all valid ones". */
function pendingFor(m: MemberState, options: CommitOptions): ProposalWithSender[] {
  if (options.proposalRefs !== undefined) {
    if (options.includePending === true) {
      throw new UsageError("proposalRefs chooses the proposals itself; do not also set includePending: true");
    }
    return selectByRef(m.cache, options.proposalRefs, m.epoch.context.epoch);
  }
  if (options.includePending === false) return [];
  return selectPending(m.cache.all(), m.epoch.tree, m.epoch.ownLeaf);
}

function commitList(
  m: MemberState,
  options: CommitOptions,
): { entries: ProposalWithSender[]; refs: ProposalOrRef[] } {
  const state = m.epoch;
  const sender = { senderType: 1, leafIndex: state.ownLeaf } as const;
  const pending = pendingFor(m, options);
  const inline = (options.proposals ?? []).map((proposal) => ({ proposal, sender }));
  const refs: ProposalOrRef[] = [
    ...pending.map(
      (e) => ({ type: ProposalOrRefType.reference, reference: e.ref ?? new Uint8Array(0) }) as const,
    ),
    ...inline.map((e) => ({ type: ProposalOrRefType.proposal, proposal: e.proposal }) as const),
  ];
  return { entries: [...pending, ...inline], refs };
}

/** §12.4.1 "If populating the path field": the committer's new path, encrypted under the provisional context. */
function ownPath(m: MemberState, applied: AppliedProposals, withPath: boolean): OwnPath {
  const state = m.epoch;
  const keys = state.keys.clone();
  pruneKeys(keys, applied.tree);
  if (!withPath) {
    return {
      state: { tree: applied.tree, keys },
      commitSecret: zeroSecret(state.cs),
      pathSecrets: new Map(),
    };
  }
  const own = applied.tree.leaf(state.ownLeaf);
  if (own === undefined) throw new Error("own leaf is blank");
  const created = createUpdatePath({
    tree: applied.tree,
    privateKeys: keys,
    leafIndex: state.ownLeaf,
    excludedLeaves: applied.added.map((a) => a.leafIndex),
    groupId: state.context.groupId,
    leafNode: own,
    signaturePrivateKey: m.signaturePrivateKey,
    groupContext: (treeHash) =>
      groupContextBytes(provisionalContext(state.context, treeHash, applied.extensions)),
    randomBytes: (n) => m.config.provider.randomBytes(n),
  });
  keys.wipe();
  return {
    state: { tree: created.tree, keys: created.privateKeys },
    updatePath: created.updatePath,
    commitSecret: created.commitSecret,
    pathSecrets: created.pathSecrets,
  };
}

function welcomeFor(
  m: MemberState,
  next: EpochState,
  applied: AppliedProposals,
  path: OwnPath,
  secrets: { joiner: Uint8Array; welcome: Uint8Array },
  ratchetTree: boolean,
): Uint8Array | undefined {
  if (applied.added.length === 0) return undefined;
  const own = (2 * next.ownLeaf) as NodeIndex;
  const recipients: WelcomeRecipient[] = applied.added.map(({ leafIndex, keyPackage }) => {
    const pathSecret = path.pathSecrets.get(commonAncestor(own, (2 * leafIndex) as NodeIndex));
    return { ...unverifiedKeyPackage(keyPackage), ...(pathSecret === undefined ? {} : { pathSecret }) };
  });
  const welcome = buildWelcome({
    cs: next.cs,
    groupInfo: buildGroupInfo(next, m.signaturePrivateKey, { ratchetTree }),
    joinerSecret: secrets.joiner,
    welcomeSecret: secrets.welcome,
    psks: applied.psks,
    recipients,
  });
  return encode({ wireFormat: WireFormat.mlsWelcome, welcome }, encodeMLSMessage);
}

/** The signed Commit, the new epoch's state and what the Welcome needs from the key schedule. */
interface CommittedEpoch {
  readonly signed: AuthenticatedContent;
  /** The encoding of `signed.content`, made once for signature, transcript hash, membership tag and wire. */
  readonly contentBytes: Uint8Array;
  readonly tag: Uint8Array;
  readonly nextState: EpochState;
  readonly joinerSecret: Secret;
  readonly welcomeSecret: Secret;
}

/** §12.4.1: sign the Commit over the old context, run the key schedule, compute the confirmation tag. */
function commitEpoch(
  m: MemberState,
  applied: AppliedProposals,
  path: OwnPath,
  commit: Commit,
  authenticatedData: Uint8Array,
): CommittedEpoch {
  const state = m.epoch;
  const pskSecret = commitPskSecret(state.cs, applied.psks, pskLookup(m.config.externalPsks, m.resumption));
  const content: FramedContent = {
    groupId: state.context.groupId,
    epoch: state.context.epoch,
    sender: { senderType: SenderType.member, leafIndex: state.ownLeaf },
    authenticatedData,
    contentType: ContentType.commit,
    commit,
  };
  // §6.1, §6.2 and §8.2 all cover this content; a Commit with thousands of Adds or ciphertexts is encoded once.
  const contentBytes = encode(content, encodeFramedContent);
  const signed = signAuthenticatedContent(state.cs, {
    wireFormat: wireFormatOf(m.config),
    content,
    groupContext: state.context,
    signaturePrivateKey: m.signaturePrivateKey,
    framedContentBytes: contentBytes,
  });
  const next = deriveNextEpoch({
    cs: state.cs,
    oldContext: state.context,
    oldInterimTranscriptHash: state.interimTranscriptHash,
    commit: signed,
    commitContentBytes: contentBytes,
    treeHash: path.state.tree.treeHash(),
    extensions: applied.extensions,
    initSecret: state.secrets.initSecret.bytes,
    commitSecret: path.commitSecret,
    pskSecret,
  });
  const secrets = next.schedule.epoch;
  const tag = computeConfirmationTag(
    state.cs,
    secrets.confirmationKey.bytes,
    next.context.confirmedTranscriptHash,
  );
  const nextState = makeEpochState({
    cs: state.cs,
    context: next.context,
    tree: path.state.tree,
    keys: path.state.keys,
    ownLeaf: state.ownLeaf,
    secrets,
    interimTranscriptHash: computeInterimTranscriptHash(state.cs, next.context.confirmedTranscriptHash, tag),
    confirmationTag: tag,
    reinit: applied.reinit,
    ratchetPolicy: m.config.ratchetPolicy,
  });
  const { joinerSecret, welcomeSecret } = next.schedule;
  return { signed, contentBytes, tag, nextState, joinerSecret, welcomeSecret };
}

/** §6.2 for the Commit just signed: membership tag and MLSMessage written around its one encoding. */
function protectCommit(m: MemberState, ac: AuthenticatedContent, contentBytes: Uint8Array): Uint8Array {
  const state = m.epoch;
  if (ac.wireFormat !== WireFormat.mlsPublicMessage) return protectContent(state, m.config, ac);
  const keys = { groupContext: state.context, membershipKey: state.secrets.membershipKey.bytes };
  return publicMessageBytes(protectPublicMessage(state.cs, ac, keys, contentBytes), contentBytes);
}

/**
 * §12.4.1, start to finish; sets the member's pending Commit and returns the messages to send.
 * `resumptionUsage` is set only for the first Commit of a reinitialized or branched group (§11.2, §11.3).
 */
export function createCommit(
  m: MemberState,
  options: CommitOptions,
  resumptionUsage?: ResumptionPSKUsage,
): { created: CreatedCommit; staged: StagedEpoch } {
  const state = m.epoch;
  const { entries, refs } = commitList(m, options);
  const sender = { senderType: 1, leafIndex: state.ownLeaf } as const;
  validateCommitProposals(state, m.config, entries, sender, resumptionUsage);
  const applied = applyProposals(state.tree, state.context.extensions, entries);
  const path = ownPath(m, applied, options.forcePath === true || pathRequired(entries));
  const commit: Commit = { proposals: refs, path: path.updatePath };
  const epoch = commitEpoch(m, applied, path, commit, options.authenticatedData ?? new Uint8Array(0));
  const { nextState } = epoch;
  const secrets = { joiner: epoch.joinerSecret.bytes, welcome: epoch.welcomeSecret.bytes };
  const welcome = welcomeFor(m, nextState, applied, path, secrets, options.ratchetTreeInWelcome ?? true);
  epoch.joinerSecret.wipe();
  epoch.welcomeSecret.wipe();
  wipeBytes(...path.pathSecrets.values());
  const message = protectCommit(m, withConfirmationTag(epoch.signed, epoch.tag), epoch.contentBytes);
  const groupInfo =
    options.groupInfo === undefined
      ? undefined
      : encodeGroupInfoMessage(buildGroupInfo(nextState, m.signaturePrivateKey, options.groupInfo));
  const summary = { sender, committer: state.ownLeaf, applied, entries, selfRemoved: false };
  discardPending(m);
  m.pending = { state: nextState, summary };
  return { created: { commit: message, welcome, groupInfo }, staged: { summary, state: nextState } };
}
