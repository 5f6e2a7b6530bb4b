/**
 * Commits (RFC 9420 §12.4): creating one (kept pending until HandlePendingCommit, as §12.4 has the sender
 * wait for the Delivery Service to accept it) and applying someone else's. ReInit commits (§11.2) use the
 * same machinery; their "handle" step leaves the member with a suspended state and a key package for the
 * new group.
 */
import { createCommit, type ClientState, type Proposal, type ProposalWithSender } from "ts-mls";
import type { CommitRequest, HandleCommitRequest } from "../gen/mls_client_pb.js";
import { badRequest, unsupported, wrongPhase } from "./errors.js";
import type { CommitHandlers } from "../harness/handlers.js";
import { absorbProposal, applyCommit, newKeyPackage, ownIdentity, pskIndexOf } from "./member.js";
import { contextOf, describedProposal } from "./proposals.js";
import type { GroupEntry, TsMlsStore } from "./store.js";
import { suiteImpl } from "./suites.js";
import { writeKeyPackage, writeMessage, writeRatchetTree, writeWelcome } from "./wire.js";

const NONE = new Uint8Array();

/** ts-mls's createCommit adds an UpdatePath exactly when the commit is empty or covers an Update or Remove. */
function pathFollows(proposals: readonly Proposal[]): boolean {
  return (
    proposals.length === 0 ||
    proposals.some((p) => p.proposalType === "update" || p.proposalType === "remove")
  );
}

async function makeCommit(rpc: string, store: TsMlsStore, req: CommitRequest, reinit: boolean) {
  const entry = store.get(rpc, req.stateId, "group");
  if (entry.pending !== undefined)
    throw wrongPhase(rpc, "a commit is already pending; apply it with HandlePendingCommit");
  const selected: Record<string, ProposalWithSender> = {};
  for (const bytes of req.byReference) {
    const ref = await absorbProposal(rpc, entry, bytes);
    const proposal = entry.state.unappliedProposals[ref];
    if (proposal !== undefined) selected[ref] = proposal;
  }
  const ctx = contextOf(entry);
  const byValue = req.byValue.map((d) => describedProposal(rpc, ctx, d, false));
  const all = [...Object.values(selected).map((p) => p.proposal), ...byValue];
  if (reinit !== all.some((p) => p.proposalType === "reinit")) {
    throw badRequest(
      rpc,
      reinit
        ? "no ReInit proposal among by_reference"
        : "a ReInit proposal must be committed with ReInitCommit",
    );
  }
  if (req.forcePath && !pathFollows(all)) {
    throw unsupported(
      rpc,
      "createCommit() adds an UpdatePath only to empty, Update or Remove commits and has no option to force one",
    );
  }
  // Commit exactly the proposals the request lists by reference, not every proposal this member has seen.
  const result = await createCommit(
    {
      state: { ...entry.state, unappliedProposals: selected },
      cipherSuite: entry.cs,
      pskIndex: pskIndexOf(entry),
    },
    { wireAsPublicMessage: !entry.encrypt, extraProposals: byValue, ratchetTreeExtension: !req.externalTree },
  );
  entry.pending = { state: result.newState };
  return {
    commit: writeMessage(result.commit),
    welcome: result.welcome === undefined ? NONE : writeWelcome(result.welcome),
    ratchetTree: req.externalTree ? writeRatchetTree(result.newState.ratchetTree) : NONE,
  };
}

async function receiveCommit(rpc: string, store: TsMlsStore, req: HandleCommitRequest) {
  const entry = store.get(rpc, req.stateId, "group");
  for (const bytes of req.proposal) await absorbProposal(rpc, entry, bytes);
  return { entry, next: await applyCommit(rpc, entry, req.commit) };
}

function takePending(
  rpc: string,
  store: TsMlsStore,
  stateId: number,
): { entry: GroupEntry; next: ClientState } {
  const entry = store.get(rpc, stateId, "group");
  if (entry.pending === undefined) throw wrongPhase(rpc, "no pending commit (call Commit first)");
  return { entry, next: entry.pending.state };
}

/** Retires the old id and stores the next epoch's state under a new one. */
function advance(store: TsMlsStore, stateId: number, entry: GroupEntry, next: ClientState) {
  const newId = store.replace(stateId, {
    ...entry,
    state: next,
    ownProposals: new Map(),
    pending: undefined,
  });
  // §12.4.2: a member removed by the commit has no next epoch, hence no epoch authenticator to report.
  const removed = next.groupActiveState.kind === "removedFromGroup";
  return { stateId: newId, epochAuthenticator: removed ? NONE : next.keySchedule.epochAuthenticator };
}

/** §11.2: after a ReInit commit the member waits, suspended, with a key package for the new group. */
async function suspend(
  rpc: string,
  store: TsMlsStore,
  stateId: number,
  entry: GroupEntry,
  next: ClientState,
) {
  const active = next.groupActiveState;
  if (active.kind !== "suspendedPendingReinit")
    throw badRequest(rpc, "the commit does not cover a ReInit proposal");
  const cs = await suiteImpl(active.reinit.cipherSuite);
  const { publicPackage, privatePackage } = await newKeyPackage(cs, ownIdentity(rpc, next));
  const reinitId = store.replace(stateId, {
    kind: "reinit",
    suspended: next,
    keyPackage: publicPackage,
    privateKeys: privatePackage,
    cs,
    encrypt: entry.encrypt,
  });
  return {
    reinitId,
    keyPackage: writeKeyPackage(publicPackage),
    epochAuthenticator: next.keySchedule.epochAuthenticator,
  };
}

export function commitHandlers(store: TsMlsStore): CommitHandlers {
  return {
    commit: (req) => makeCommit("Commit", store, req, false),
    reInitCommit: (req) => makeCommit("ReInitCommit", store, req, true),

    async handleCommit(req) {
      const { entry, next } = await receiveCommit("HandleCommit", store, req);
      return advance(store, req.stateId, entry, next);
    },

    handlePendingCommit(req) {
      const { entry, next } = takePending("HandlePendingCommit", store, req.stateId);
      return advance(store, req.stateId, entry, next);
    },

    async handleReInitCommit(req) {
      const { entry, next } = await receiveCommit("HandleReInitCommit", store, req);
      return suspend("HandleReInitCommit", store, req.stateId, entry, next);
    },

    handlePendingReInitCommit(req) {
      const { entry, next } = takePending("HandlePendingReInitCommit", store, req.stateId);
      return suspend("HandlePendingReInitCommit", store, req.stateId, entry, next);
    },
  };
}
