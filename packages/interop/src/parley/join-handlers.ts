/**
 * Becoming a member (contract section "Ways to become a member of a group"): create a group (RFC 9420 §11),
 * publish a key package (§10), join from a Welcome (§12.4.3.1) or by external commit (§12.4.3.2).
 */
import {
  Group,
  MemoryPskStore,
  WireFormat,
  basicCredential,
  nodeProvider,
  type PreSharedKeyID,
} from "@parley/mls";
import type { ExternalJoinRequest } from "../gen/mls_client_pb.js";
import type { JoinHandlers } from "../harness/handlers.js";
import { requireBytes } from "../harness/requests.js";
import { checkSuite, groupConfig, newKeyPackage, supportedSuites } from "./client.js";
import { pskIdOf } from "./proposals.js";
import { groupEntry, type ParleyStore } from "./store.js";
import { leafOfIdentity, outOfBand, readGroupInfo, readMessage, treeOf } from "./wire.js";

/** What `Name` reports; tests and tables recognise Parley's harness by it. */
export const PARLEY_HARNESS_NAME = "Parley @parley/mls (group API)";

function externalJoin(store: ParleyStore, req: ExternalJoinRequest) {
  const rpc = "ExternalJoin";
  const info = readGroupInfo(rpc, "group_info", req.groupInfo);
  const context = info.groupContext;
  const cs = nodeProvider.suite(checkSuite(rpc, context.cipherSuite));
  // §12.4.3.2: a resync removes the joiner's previous leaf, which the contract identifies by identity.
  const removeLeaf = req.removePrior
    ? leafOfIdentity(rpc, treeOf(rpc, info, req.ratchetTree), req.identity)
    : undefined;
  const psks = new MemoryPskStore();
  const pskIds: PreSharedKeyID[] = req.psks.map((p) => {
    requireBytes(rpc, "psks.psk_id", p.pskId);
    psks.set(p.pskId, p.pskSecret);
    return pskIdOf(context, { externalId: p.pskId });
  });
  const { group, commit } = Group.joinByExternalCommit({
    config: groupConfig(req.encryptHandshake, psks),
    groupInfo: req.groupInfo,
    ...outOfBand(req.ratchetTree),
    credential: basicCredential(req.identity),
    signatureKeyPair: cs.generateSignatureKeyPair(),
    ...(removeLeaf === undefined ? {} : { removeLeaf }),
    psks: pskIds,
  });
  const stateId = store.put(groupEntry(group, req.encryptHandshake, psks));
  return { stateId, commit, epochAuthenticator: group.epochAuthenticator() };
}

export function joinHandlers(store: ParleyStore): JoinHandlers {
  return {
    name: () => ({ name: PARLEY_HARNESS_NAME }),
    supportedCiphersuites: () => ({ ciphersuites: supportedSuites() }),

    createGroup(req) {
      requireBytes("CreateGroup", "group_id", req.groupId);
      const cs = nodeProvider.suite(checkSuite("CreateGroup", req.cipherSuite));
      const psks = new MemoryPskStore();
      const group = Group.create(groupConfig(req.encryptHandshake, psks), {
        cipherSuite: cs.id,
        credential: basicCredential(req.identity),
        signatureKeyPair: cs.generateSignatureKeyPair(),
        groupId: req.groupId,
      });
      return { stateId: store.put(groupEntry(group, req.encryptHandshake, psks)) };
    },

    createKeyPackage(req) {
      const keyPackage = newKeyPackage("CreateKeyPackage", req.cipherSuite, req.identity);
      const transactionId = store.put({ kind: "transaction", keyPackage, psks: new MemoryPskStore() });
      return {
        transactionId,
        keyPackage: keyPackage.messageBytes,
        initPriv: keyPackage.private.initPrivateKey,
        encryptionPriv: keyPackage.private.encryptionPrivateKey,
        signaturePriv: keyPackage.private.signaturePrivateKey,
      };
    },

    joinGroup(req) {
      const tx = store.get("JoinGroup", req.transactionId, "transaction");
      readMessage("JoinGroup", "welcome", req.welcome, [WireFormat.mlsWelcome]);
      const group = Group.joinFromWelcome({
        config: groupConfig(req.encryptHandshake, tx.psks),
        welcome: req.welcome,
        keyPackages: [tx.keyPackage],
        ...outOfBand(req.ratchetTree),
      });
      const stateId = store.replace(req.transactionId, groupEntry(group, req.encryptHandshake, tx.psks));
      return { stateId, epochAuthenticator: group.epochAuthenticator() };
    },

    externalJoin: (req) => externalJoin(store, req),
  };
}
