/**
 * New groups that resume an old one (RFC 9420 §11): ReInit (§11.2, a successor group after a committed
 * ReInit proposal) and subgroup branching (§11.3). Both start a fresh group whose first commit adds the
 * other members and injects a resumption PSK (§8.6) from the old group's current epoch.
 */
import {
  createCommit,
  createGroup,
  joinGroupFromBranch,
  joinGroupFromReinit,
  makePskIndex,
  type CiphersuiteImpl,
  type ClientState,
  type Extension,
  type KeyPackage,
  type PrivateKeyPackage,
  type Proposal,
} from "ts-mls";
import { badRequest, unsupported } from "./errors.js";
import type { ResumptionHandlers } from "../harness/handlers.js";
import { newKeyPackage, ownIdentity } from "./member.js";
import { addProposal } from "./proposals.js";
import { groupEntry, type TsMlsStore } from "./store.js";
import { readRatchetTree, readWelcome, toExtensions, writeRatchetTree, writeWelcome } from "./wire.js";

interface ResumedGroup {
  readonly old: ClientState;
  readonly usage: "reinit" | "branch";
  readonly groupId: Uint8Array;
  readonly extensions: Extension[];
  readonly cs: CiphersuiteImpl;
  readonly keyPackage: KeyPackage;
  readonly privateKeys: PrivateKeyPackage;
  readonly members: readonly Uint8Array[];
  readonly forcePath: boolean;
  readonly externalTree: boolean;
}

async function startResumedGroup(rpc: string, g: ResumedGroup) {
  if (g.members.length === 0)
    throw badRequest(rpc, "no key packages: the new group would have nobody to welcome");
  if (g.forcePath) {
    throw unsupported(
      rpc,
      "createCommit() never adds an UpdatePath to an Add+PSK commit and has no option to force one",
    );
  }
  if (g.groupId.length === 0) throw badRequest(rpc, "group_id is empty");
  const fresh = await createGroup(g.groupId, g.keyPackage, g.privateKeys, g.extensions, g.cs);
  const resumption: Proposal = {
    proposalType: "psk",
    psk: {
      preSharedKeyId: {
        psktype: "resumption",
        usage: g.usage,
        pskGroupId: g.old.groupContext.groupId,
        pskEpoch: g.old.groupContext.epoch,
        pskNonce: g.cs.rng.randomBytes(g.cs.kdf.size),
      },
    },
  };
  const adds = g.members.map((kp) => addProposal(rpc, kp));
  const result = await createCommit(
    { state: fresh, cipherSuite: g.cs, pskIndex: makePskIndex(g.old, {}) },
    { extraProposals: [...adds, resumption], ratchetTreeExtension: !g.externalTree },
  );
  if (result.welcome === undefined) throw badRequest(rpc, "the new group's commit produced no Welcome");
  return {
    state: result.newState,
    welcome: writeWelcome(result.welcome),
    ratchetTree: g.externalTree ? writeRatchetTree(result.newState.ratchetTree) : new Uint8Array(),
    epochAuthenticator: result.newState.keySchedule.epochAuthenticator,
  };
}

export function resumptionHandlers(store: TsMlsStore): ResumptionHandlers {
  return {
    async reInitWelcome(req) {
      const entry = store.get("ReInitWelcome", req.reinitId, "reinit");
      const active = entry.suspended.groupActiveState;
      if (active.kind !== "suspendedPendingReinit")
        throw badRequest("ReInitWelcome", "state is not suspended by a ReInit");
      const made = await startResumedGroup("ReInitWelcome", {
        old: entry.suspended,
        usage: "reinit",
        groupId: active.reinit.groupId,
        extensions: active.reinit.extensions,
        cs: entry.cs,
        keyPackage: entry.keyPackage,
        privateKeys: entry.privateKeys,
        members: req.keyPackage,
        forcePath: req.forcePath,
        externalTree: req.externalTree,
      });
      const stateId = store.replace(req.reinitId, groupEntry(made.state, entry.cs, entry.encrypt));
      return {
        stateId,
        welcome: made.welcome,
        ratchetTree: made.ratchetTree,
        epochAuthenticator: made.epochAuthenticator,
      };
    },

    async handleReInitWelcome(req) {
      const entry = store.get("HandleReInitWelcome", req.reinitId, "reinit");
      const welcome = readWelcome("HandleReInitWelcome", "welcome", req.welcome);
      const tree = readRatchetTree("HandleReInitWelcome", req.ratchetTree);
      const state = await joinGroupFromReinit(
        entry.suspended,
        welcome,
        entry.keyPackage,
        entry.privateKeys,
        tree,
      );
      const stateId = store.replace(req.reinitId, groupEntry(state, entry.cs, entry.encrypt));
      return { stateId, epochAuthenticator: state.keySchedule.epochAuthenticator };
    },

    async createBranch(req) {
      const entry = store.get("CreateBranch", req.stateId, "group");
      const { publicPackage, privatePackage } = await newKeyPackage(
        entry.cs,
        ownIdentity("CreateBranch", entry.state),
      );
      const made = await startResumedGroup("CreateBranch", {
        old: entry.state,
        usage: "branch",
        groupId: req.groupId,
        extensions: toExtensions("CreateBranch", req.extensions),
        cs: entry.cs,
        keyPackage: publicPackage,
        privateKeys: privatePackage,
        members: req.keyPackages,
        forcePath: req.forcePath,
        externalTree: req.externalTree,
      });
      const stateId = store.put(groupEntry(made.state, entry.cs, entry.encrypt));
      return {
        stateId,
        welcome: made.welcome,
        ratchetTree: made.ratchetTree,
        epochAuthenticator: made.epochAuthenticator,
      };
    },

    async handleBranch(req) {
      const old = store.get("HandleBranch", req.stateId, "group");
      const tx = store.get("HandleBranch", req.transactionId, "transaction");
      const welcome = readWelcome("HandleBranch", "welcome", req.welcome);
      const tree = readRatchetTree("HandleBranch", req.ratchetTree);
      const state = await joinGroupFromBranch(old.state, welcome, tx.keyPackage, tx.privateKeys, tree, tx.cs);
      const stateId = store.replace(req.transactionId, groupEntry(state, tx.cs, old.encrypt));
      return { stateId, epochAuthenticator: state.keySchedule.epochAuthenticator };
    },
  };
}
