/**
 * New groups that resume an old one (RFC 9420 §11): ReInit (§11.2) and subgroup branching (§11.3), over the
 * group API's `Group.reinitialize` / `Group.branch` (creator: a fresh group whose first Commit adds the others
 * with a resumption PSK of usage `reinit` / `branch`, §8.6) and `Group.joinFromWelcome({ resumedFrom })` (joiner:
 * the old group supplies that PSK and the §11.2/§11.3 checks run against it).
 */
import { Group, WireFormat, type CreatedKeyPackage, type KeyPackage, type MemoryPskStore } from "@parley/mls";
import type { ResumptionHandlers } from "../harness/handlers.js";
import { requireBytes } from "../harness/requests.js";
import { groupConfig } from "./client.js";
import { badRequest, unsupported } from "./errors.js";
import { extensionsOf, keyPackageOf } from "./proposals.js";
import { groupEntry, type ParleyStore } from "./store.js";
import { outOfBand, readMessage } from "./wire.js";

const NONE = new Uint8Array();

/**
 * Why `force_path` is refused: the successor group's first Commit (Adds and the resumption PSK) needs no path
 * (§12.4), and `SuccessorOptions` has no option to force one.
 */
const NO_FORCED_PATH =
  "Group.reinitialize()/branch() make the new group's first Commit without an UpdatePath and have no option " +
  "to force one";

/** The members to welcome, as KeyPackage MLSMessages; a new group with nobody to welcome has no Welcome. */
function membersOf(rpc: string, field: string, keyPackages: readonly Uint8Array[]): KeyPackage[] {
  if (keyPackages.length === 0)
    throw badRequest(rpc, `${field} is empty: the new group would welcome nobody`);
  return keyPackages.map((bytes) => keyPackageOf(rpc, field, bytes));
}

/** The contract's CreateSubgroupResponse for the new group, stored under a fresh id. */
function created(
  rpc: string,
  store: ParleyStore,
  made: { readonly group: Group; readonly welcome: Uint8Array | undefined },
  entry: { readonly encrypt: boolean; readonly psks: MemoryPskStore },
  externalTree: boolean,
  replacing?: number,
) {
  if (made.welcome === undefined) throw badRequest(rpc, "the new group's first Commit produced no Welcome");
  const stored = groupEntry(made.group, entry.encrypt, entry.psks);
  return {
    stateId: replacing === undefined ? store.put(stored) : store.replace(replacing, stored),
    welcome: made.welcome,
    // §12.4.3.3: the tree of the new group's epoch 1, for joiners who get it out of band.
    ratchetTree: externalTree ? made.group.ratchetTree() : NONE,
    epochAuthenticator: made.group.epochAuthenticator(),
  };
}

/** What a joiner brings to the new group: its key package, its settings, and the group it resumes. */
interface Joiner {
  readonly keyPackage: CreatedKeyPackage;
  readonly encrypt: boolean;
  readonly psks: MemoryPskStore;
  readonly resumedFrom: Group;
}

/**
 * Joins the new group from its Welcome (§11.2 ReInit, §11.3 branch) and stores it in place of `replacing`;
 * `resumedFrom` supplies the resumption PSK and the checks against the old group.
 */
function joinResumed(
  rpc: string,
  store: ParleyStore,
  replacing: number,
  req: { readonly welcome: Uint8Array; readonly ratchetTree: Uint8Array },
  joiner: Joiner,
) {
  readMessage(rpc, "welcome", req.welcome, [WireFormat.mlsWelcome]);
  const group = Group.joinFromWelcome({
    config: groupConfig(joiner.encrypt, joiner.psks),
    welcome: req.welcome,
    keyPackages: [joiner.keyPackage],
    ...outOfBand(req.ratchetTree),
    resumedFrom: joiner.resumedFrom,
  });
  const stateId = store.replace(replacing, groupEntry(group, joiner.encrypt, joiner.psks));
  return { stateId, epochAuthenticator: group.epochAuthenticator() };
}

export function resumptionHandlers(store: ParleyStore): ResumptionHandlers {
  return {
    reInitWelcome(req) {
      const rpc = "ReInitWelcome";
      const entry = store.get(rpc, req.reinitId, "reinit");
      if (req.forcePath) throw unsupported(rpc, NO_FORCED_PATH);
      const members = membersOf(rpc, "key_package", req.keyPackage);
      // §11.2: the creator appears in the new group as in the key package it made for the new suite (its
      // signature scheme may differ from the old suite's).
      const own = entry.keyPackage;
      const made = entry.old.reinitialize(members, {
        credential: own.keyPackage.leafNode.credential,
        signatureKeyPair: {
          publicKey: own.keyPackage.leafNode.signatureKey,
          privateKey: own.private.signaturePrivateKey,
        },
        ratchetTreeInWelcome: !req.externalTree,
      });
      return created(rpc, store, made, entry, req.externalTree, req.reinitId);
    },

    handleReInitWelcome(req) {
      const rpc = "HandleReInitWelcome";
      const entry = store.get(rpc, req.reinitId, "reinit");
      return joinResumed(rpc, store, req.reinitId, req, { ...entry, resumedFrom: entry.old });
    },

    createBranch(req) {
      const rpc = "CreateBranch";
      const entry = store.get(rpc, req.stateId, "group");
      if (req.forcePath) throw unsupported(rpc, NO_FORCED_PATH);
      requireBytes(rpc, "group_id", req.groupId);
      const members = membersOf(rpc, "key_packages", req.keyPackages);
      // §11.3: the creator keeps its credential and signature key, so members can tell it is the same client.
      const made = entry.group.branch(members, {
        groupId: req.groupId,
        extensions: extensionsOf(rpc, req.extensions),
        ratchetTreeInWelcome: !req.externalTree,
      });
      // The old group stays usable under its id (§11.3); the branch gets a new one.
      return created(rpc, store, made, entry, req.externalTree);
    },

    handleBranch(req) {
      const rpc = "HandleBranch";
      const old = store.get(rpc, req.stateId, "group");
      const tx = store.get(rpc, req.transactionId, "transaction");
      const joiner = {
        keyPackage: tx.keyPackage,
        encrypt: old.encrypt,
        psks: tx.psks,
        resumedFrom: old.group,
      };
      return joinResumed(rpc, store, req.transactionId, req, joiner);
    },
  };
}
