/**
 * RFC 9420 §12.4.2 "Processing a Commit", after the message was unprotected and its signature verified
 * (`message-in.ts`): resolve and validate the proposals, apply them, check and merge the path, decrypt our path
 * secret, run the key schedule with the PSKs (and the external init secret of an external Commit), and verify
 * the confirmation tag. Nothing of the current state changes: the result is a staged epoch.
 */
import { ContentType, SenderType } from "../codec/index.js";
import type { AuthenticatedContent, Commit, UpdatePath } from "../codec/index.js";
import { runCredentialValidator } from "../credential/validator.js";
import { checkGroupContextExtensionsSupported } from "../extensions/index.js";
import type { VerifiedAuthenticatedContent } from "../framing/content-auth.js";
import { verifyConfirmationTag } from "../framing/tags.js";
import { receiveExternalInit } from "../schedule/external-init.js";
import { groupContextBytes, zeroSecret } from "../schedule/key-schedule.js";
import { computeInterimTranscriptHash } from "../schedule/transcript-hashes.js";
import { InternalError } from "../errors.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { TreePrivateKeys } from "../tree/private-keys.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { decryptUpdatePath, mergeUpdatePath } from "../tree/update-path-apply.js";
import type { PskLookup } from "../welcome/welcome-psks.js";
import { applyProposals } from "./apply-proposals.js";
import type { AppliedProposals } from "./apply-proposals.js";
import { resolveProposals, validateCommitProposals } from "./commit-proposals.js";
import type { ResolvedGroupConfig } from "./config.js";
import { requiredCapabilitiesOf } from "./context-extensions.js";
import { makeEpochState } from "./epoch-state.js";
import type { EpochState } from "./epoch-state.js";
import { carryKeys } from "./own-keys.js";
import type { ProposalCache } from "./proposal-cache.js";
import { pathRequired } from "./proposal-list.js";
import { commitPskSecret } from "./psks.js";
import { GroupRule, groupViolation } from "./rules.js";
import { provisionalContext, deriveNextEpoch } from "./next-epoch.js";
import type { NextEpoch } from "./next-epoch.js";
import type { StagedEpoch } from "./staged-epoch.js";

export interface ReceivedCommitInput {
  readonly state: EpochState;
  readonly config: ResolvedGroupConfig;
  readonly cache: ProposalCache;
  readonly lookupPsk: PskLookup;
  readonly message: VerifiedAuthenticatedContent;
  /** The private key of one of this member's own pending Update proposals, by its leaf encryption key. */
  readonly ownUpdateKey: (encryptionKey: Uint8Array) => Uint8Array | undefined;
}

interface PathResult {
  readonly tree: RatchetTree;
  readonly keys: TreePrivateKeys | undefined;
  readonly commitSecret: Uint8Array;
}

function commitOf(ac: AuthenticatedContent): Commit {
  if (ac.content.contentType !== ContentType.commit) throw new InternalError("not a Commit");
  return ac.content.commit;
}

/** §12.4.2 "If the path value is populated, validate it and apply it to the tree". */
function receivePath(
  input: ReceivedCommitInput,
  applied: AppliedProposals,
  committer: LeafIndex,
  path: UpdatePath,
  keys: TreePrivateKeys | undefined,
): PathResult {
  const { state, config } = input;
  const external =
    input.message.authenticatedContent.content.sender.senderType === SenderType.newMemberCommit;
  const old = applied.tree.leaf(committer);
  runCredentialValidator(config.validateCredential, path.leafNode.credential, path.leafNode.signatureKey, {
    use: "commit",
    cipherSuite: state.cs.id,
    now: config.now(),
    groupId: state.context.groupId,
    previousCredential: external ? applied.removed[0]?.leafNode.credential : old?.credential,
  });
  checkGroupContextExtensionsSupported(path.leafNode.capabilities, applied.extensions);
  const merge = {
    tree: applied.tree,
    sender: committer,
    updatePath: path,
    excludedLeaves: applied.added.map((a) => a.leafIndex),
    groupId: state.context.groupId,
    requiredCapabilities: requiredCapabilitiesOf(applied.extensions),
    newSenderLeaf: external,
  };
  const merged = mergeUpdatePath(merge);
  if (keys === undefined) return { tree: merged.tree, keys, commitSecret: zeroSecret(state.cs) };
  const context = (treeHash: Uint8Array) =>
    groupContextBytes(provisionalContext(state.context, treeHash, applied.extensions));
  const out = decryptUpdatePath(
    { ...merge, privateKeys: keys, ownLeaf: state.ownLeaf, groupContext: context },
    merged,
  );
  out.pathSecret.fill(0);
  keys.wipe();
  return { tree: out.tree, keys: out.privateKeys, commitSecret: out.commitSecret };
}

/** The committer's leaf: a member's own, or for an external Commit the leftmost free leaf (§12.4.2). */
function committerLeaf(ac: AuthenticatedContent, tree: RatchetTree, path: UpdatePath | undefined): LeafIndex {
  const { sender } = ac.content;
  if (sender.senderType === SenderType.member) return toLeafIndex(sender.leafIndex);
  if (path === undefined) throw groupViolation(GroupRule.pathRequired, "an external Commit has no path");
  return tree.addLeaf(path.leafNode);
}

/** §12.4.2, up to the new epoch's state; throws a `ValidationError` naming the first rule that failed. */
export function stageReceivedCommit(input: ReceivedCommitInput): StagedEpoch {
  const { state, config } = input;
  const ac = input.message.authenticatedContent;
  const commit = commitOf(ac);
  const entries = resolveProposals(input.cache, commit, ac.content.sender);
  validateCommitProposals(state, config, entries, ac.content.sender);
  if (pathRequired(entries) && commit.path === undefined) {
    throw groupViolation(GroupRule.pathRequired, "the Commit needs a path but has none");
  }
  const applied = applyProposals(state.tree, state.context.extensions, entries);
  const pskSecret = commitPskSecret(state.cs, applied.psks, input.lookupPsk);
  const committer = committerLeaf(ac, applied.tree, commit.path);
  const selfRemoved = applied.removed.some((r) => r.leafIndex === state.ownLeaf);
  const keys = selfRemoved ? undefined : carryKeys(state, applied, input.ownUpdateKey);
  const result =
    commit.path === undefined
      ? { tree: applied.tree, keys, commitSecret: zeroSecret(state.cs) }
      : receivePath(input, applied, committer, commit.path, keys);
  const summary = { sender: ac.content.sender, committer, applied, entries, selfRemoved };
  if (result.keys === undefined) return { summary, state: undefined };
  const next = deriveNextEpoch({
    cs: state.cs,
    oldContext: state.context,
    oldInterimTranscriptHash: state.interimTranscriptHash,
    commit: ac,
    commitContentBytes: input.message.framedContentBytes,
    treeHash: result.tree.treeHash(),
    extensions: applied.extensions,
    initSecret: initSecretFor(state, applied),
    commitSecret: result.commitSecret,
    pskSecret,
  });
  next.schedule.joinerSecret.wipe();
  next.schedule.welcomeSecret.wipe();
  return {
    summary,
    state: confirmedEpoch(input, ac, next, { tree: result.tree, keys: result.keys }, applied),
  };
}

/** §12.4.2: init_secret of the old epoch, or for an external Commit the one from ExternalInit (§8.3). */
function initSecretFor(state: EpochState, applied: AppliedProposals): Uint8Array {
  if (applied.externalInit === undefined) return state.secrets.initSecret.bytes;
  return receiveExternalInit(state.cs, state.secrets.externalSecret.bytes, applied.externalInit.kemOutput)
    .bytes;
}

/** §12.4.2: "Verify that the confirmation_tag … matches"; only then does the new epoch's state exist. */
function confirmedEpoch(
  input: ReceivedCommitInput,
  ac: AuthenticatedContent,
  next: NextEpoch,
  result: { tree: RatchetTree; keys: TreePrivateKeys },
  applied: AppliedProposals,
): EpochState {
  const { state } = input;
  const tag = ac.auth.confirmationTag ?? new Uint8Array(0);
  const confirmationKey = next.schedule.epoch.confirmationKey.bytes;
  try {
    verifyConfirmationTag(state.cs, confirmationKey, next.context.confirmedTranscriptHash, tag);
  } catch (e) {
    next.schedule.epoch.wipe();
    result.keys.wipe();
    throw e;
  }
  return makeEpochState({
    cs: state.cs,
    context: next.context,
    tree: result.tree,
    keys: result.keys,
    ownLeaf: state.ownLeaf,
    secrets: next.schedule.epoch,
    interimTranscriptHash: computeInterimTranscriptHash(state.cs, next.context.confirmedTranscriptHash, tag),
    confirmationTag: tag,
    reinit: applied.reinit,
    ratchetPolicy: input.config.ratchetPolicy,
  });
}
