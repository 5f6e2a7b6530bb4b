/**
 * Commits (RFC 9420 §12.4): creating one (kept pending until HandlePendingCommit, as §12.4 has the sender wait
 * for the Delivery Service to accept it) and applying someone else's (§12.4.2). ReInit commits (§11.2) use the
 * same machinery; their "handle" step leaves the member with the closed group and a key package for the new one.
 */
import { fromHex } from "@parley/codec";
import { ProposalType, type ReInit, type StagedCommit } from "@parley/mls";
import type { CommitRequest, HandleCommitRequest } from "../gen/mls_client_pb.js";
import type { CommitHandlers } from "../harness/handlers.js";
import { newKeyPackage } from "./client.js";
import { badRequest, wrongPhase } from "./errors.js";
import { absorbProposal, memberLeaf, ownIdentity, rememberReceived } from "./member.js";
import { describedProposal, type ProposalContext } from "./proposals.js";
import { groupEntry, type GroupEntry, type ParleyStore } from "./store.js";
import { checkHandshake, treeBytesOf } from "./wire.js";

const NONE = new Uint8Array();

function contextOf(rpc: string, entry: GroupEntry): ProposalContext {
  const { group } = entry;
  return {
    groupId: group.groupId,
    cipherSuite: group.cipherSuite,
    leafOf: (identity) => memberLeaf(rpc, group, identity),
  };
}

function makeCommit(rpc: string, store: ParleyStore, req: CommitRequest, reinit: boolean) {
  const entry = store.get(rpc, req.stateId, "group");
  const { group } = entry;
  if (group.pendingCommit !== undefined)
    throw wrongPhase(rpc, "a commit is already pending; apply it with HandlePendingCommit");
  const listed = new Set(req.byReference.map((bytes) => absorbProposal(rpc, entry, bytes)));
  const byValue = req.byValue.map((d) => describedProposal(rpc, contextOf(rpc, entry), d, false));
  const types = [...[...listed].map((ref) => entry.held.get(ref)), ...byValue.map((p) => p.proposalType)];
  if (reinit !== types.includes(ProposalType.reinit)) {
    throw badRequest(
      rpc,
      reinit
        ? "no ReInit proposal among by_reference"
        : "a ReInit proposal must be committed with ReInitCommit",
    );
  }
  // The contract commits exactly the listed proposals (by reference, in the listed order), not every one held.
  const created = group.commit({
    proposals: byValue,
    proposalRefs: [...listed].map((ref) => fromHex(ref)),
    forcePath: req.forcePath,
    ratchetTreeInWelcome: !req.externalTree,
    // The new epoch's tree for out-of-band delivery is read from its GroupInfo (§12.4.3.3).
    ...(req.externalTree ? { groupInfo: { ratchetTree: true } } : {}),
  });
  const info = created.groupInfo;
  return {
    commit: created.commit,
    welcome: created.welcome ?? NONE,
    ratchetTree: req.externalTree && info !== undefined ? treeBytesOf(rpc, info) : NONE,
  };
}

/** Takes in the listed proposals, then stages the commit (§12.4.2); nothing is merged yet. */
function stageCommit(rpc: string, entry: GroupEntry, req: HandleCommitRequest): StagedCommit {
  for (const bytes of req.proposal) absorbProposal(rpc, entry, bytes);
  checkHandshake(rpc, "commit", req.commit);
  const out = entry.group.process(req.commit);
  if (out.kind === "commit") return out.commit;
  if (out.kind === "proposal") rememberReceived(entry, req.commit, out);
  throw badRequest(rpc, `commit carries ${out.kind === "proposal" ? "a proposal" : "application data"}`);
}

/** Retires the old id and stores the group, now in its next epoch, under a new one. */
function advance(store: ParleyStore, stateId: number, entry: GroupEntry) {
  const { group } = entry;
  const newId = store.replace(stateId, groupEntry(group, entry.encrypt, entry.psks));
  // §12.4.2: a member removed by the commit has no next epoch, hence no epoch authenticator to report.
  return { stateId: newId, epochAuthenticator: group.isActive ? group.epochAuthenticator() : NONE };
}

/** §11.2: after a ReInit commit the member waits, with a key package for the new group's suite. */
function suspend(rpc: string, store: ParleyStore, stateId: number, entry: GroupEntry, reinit: ReInit) {
  const keyPackage = newKeyPackage(rpc, reinit.cipherSuite, ownIdentity(rpc, entry.group));
  const reinitId = store.replace(stateId, {
    kind: "reinit",
    old: entry.group,
    reinit,
    keyPackage,
    encrypt: entry.encrypt,
    psks: entry.psks,
  });
  return {
    reinitId,
    keyPackage: keyPackage.messageBytes,
    epochAuthenticator: entry.group.epochAuthenticator(),
  };
}

/**
 * Merges `staged` if it is (or is not) a ReInit commit as the RPC expects; returns its ReInit. A received commit
 * of the wrong kind is discarded; this member's own pending one stays pending for the right RPC.
 */
function mergeExpecting(
  rpc: string,
  staged: StagedCommit,
  reinit: boolean,
  own: boolean,
): ReInit | undefined {
  if (reinit !== (staged.reinit !== undefined)) {
    if (!own) staged.discard();
    throw badRequest(
      rpc,
      reinit ? "the commit covers no ReInit proposal" : "the commit covers a ReInit; use the ReInit RPCs",
    );
  }
  const covered = staged.reinit;
  staged.merge();
  return covered;
}

function pendingOf(rpc: string, entry: GroupEntry): StagedCommit {
  const pending = entry.group.pendingCommit;
  if (pending === undefined) throw wrongPhase(rpc, "no pending commit (call Commit first)");
  return pending;
}

export function commitHandlers(store: ParleyStore): CommitHandlers {
  const received = (rpc: string, req: HandleCommitRequest, reinit: boolean) => {
    const entry = store.get(rpc, req.stateId, "group");
    return { entry, covered: mergeExpecting(rpc, stageCommit(rpc, entry, req), reinit, false) };
  };
  const pending = (rpc: string, stateId: number, reinit: boolean) => {
    const entry = store.get(rpc, stateId, "group");
    return { entry, covered: mergeExpecting(rpc, pendingOf(rpc, entry), reinit, true) };
  };
  const suspendWith = (
    rpc: string,
    stateId: number,
    got: { entry: GroupEntry; covered: ReInit | undefined },
  ) => {
    if (got.covered === undefined) throw badRequest(rpc, "the commit covers no ReInit proposal");
    return suspend(rpc, store, stateId, got.entry, got.covered);
  };
  return {
    commit: (req) => makeCommit("Commit", store, req, false),
    reInitCommit: (req) => makeCommit("ReInitCommit", store, req, true),
    handleCommit: (req) => advance(store, req.stateId, received("HandleCommit", req, false).entry),
    handlePendingCommit: (req) =>
      advance(store, req.stateId, pending("HandlePendingCommit", req.stateId, false).entry),
    handleReInitCommit: (req) =>
      suspendWith("HandleReInitCommit", req.stateId, received("HandleReInitCommit", req, true)),
    handlePendingReInitCommit: (req) =>
      suspendWith(
        "HandlePendingReInitCommit",
        req.stateId,
        pending("HandlePendingReInitCommit", req.stateId, true),
      ),
  };
}
