/**
 * Becoming a member (contract section "Ways to become a member of a group"): create a group, publish a key
 * package, join from a Welcome (RFC 9420 §12.4.3.1) or by external commit (§12.4.3.2).
 */
import { createGroup, joinGroup, joinGroupExternal, makePskIndex } from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { ratchetTreeFromExtension } from "ts-mls/groupInfo.js";
import type { ClientConfig, KeyPackage, LeafNode } from "ts-mls";
import { toHex } from "@parley/codec";
import { badRequest, unsupported } from "./errors.js";
import type { JoinHandlers } from "../harness/handlers.js";
import { leafInTree, newKeyPackage } from "./member.js";
import { groupEntry, privateKeysOf, transactionEntry, type TsMlsStore } from "./store.js";
import { loadableSuites, suiteImpl, suiteName } from "./suites.js";
import { readGroupInfo, readRatchetTree, readWelcome, writeKeyPackage, writeMessage } from "./wire.js";

/**
 * For `remove_prior`, the prior leaf is the one with the joiner's identity (the contract's notion of "the
 * same client"); ts-mls's default compares signature keys, which a fresh key package never shares.
 */
function sameIdentityConfig(): ClientConfig {
  const identityOf = (leaf: LeafNode): string =>
    leaf.credential.credentialType === "basic" ? toHex(leaf.credential.identity) : "";
  return {
    ...defaultClientConfig,
    keyPackageEqualityConfig: {
      ...defaultClientConfig.keyPackageEqualityConfig,
      compareKeyPackageToLeafNode: (kp: KeyPackage, leaf: LeafNode) =>
        identityOf(kp.leafNode) !== "" && identityOf(kp.leafNode) === identityOf(leaf),
    },
  };
}

export function joinHandlers(store: TsMlsStore): JoinHandlers {
  return {
    name: () => ({ name: "ts-mls 1.6.4 (Parley harness)" }),
    supportedCiphersuites: async () => ({ ciphersuites: await loadableSuites() }),

    async createGroup(req) {
      if (req.groupId.length === 0) throw badRequest("CreateGroup", "group_id is empty");
      const cs = await suiteImpl(suiteName("CreateGroup", req.cipherSuite));
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      const state = await createGroup(req.groupId, publicPackage, privatePackage, [], cs);
      return { stateId: store.put(groupEntry(state, cs, req.encryptHandshake)) };
    },

    async createKeyPackage(req) {
      const cs = await suiteImpl(suiteName("CreateKeyPackage", req.cipherSuite));
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      return {
        transactionId: store.put(transactionEntry(publicPackage, privatePackage, cs)),
        keyPackage: writeKeyPackage(publicPackage),
        ...privateKeysOf(privatePackage),
      };
    },

    async joinGroup(req) {
      const tx = store.get("JoinGroup", req.transactionId, "transaction");
      const welcome = readWelcome("JoinGroup", "welcome", req.welcome);
      const tree = readRatchetTree("JoinGroup", req.ratchetTree);
      const psks = makePskIndex(undefined, tx.psks);
      const state = await joinGroup(welcome, tx.keyPackage, tx.privateKeys, psks, tx.cs, tree);
      const stateId = store.replace(
        req.transactionId,
        groupEntry(state, tx.cs, req.encryptHandshake, tx.psks),
      );
      return { stateId, epochAuthenticator: state.keySchedule.epochAuthenticator };
    },

    async externalJoin(req) {
      if (req.psks.length > 0) {
        throw unsupported(
          "ExternalJoin",
          "joinGroupExternal() takes no PSKs, so an external commit cannot include PSK proposals",
        );
      }
      const groupInfo = readGroupInfo("ExternalJoin", "group_info", req.groupInfo);
      const tree = readRatchetTree("ExternalJoin", req.ratchetTree);
      const cs = await suiteImpl(groupInfo.groupContext.cipherSuite);
      if (req.removePrior) {
        // RFC 9420 §12.4.3.2: a resync removes the joiner's old leaf; make sure there is one to remove.
        const signer = tree ?? ratchetTreeFromExtension(groupInfo);
        if (signer === undefined)
          throw badRequest("ExternalJoin", "no ratchet tree (neither out of band nor in the GroupInfo)");
        leafInTree("ExternalJoin", signer, req.identity);
      }
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      const config = req.removePrior ? sameIdentityConfig() : defaultClientConfig;
      const joined = await joinGroupExternal(
        groupInfo,
        publicPackage,
        privatePackage,
        req.removePrior,
        cs,
        tree,
        config,
      );
      const state = { ...joined.newState, clientConfig: defaultClientConfig };
      const stateId = store.put(groupEntry(state, cs, req.encryptHandshake));
      const commit = writeMessage({
        version: "mls10",
        wireformat: "mls_public_message",
        publicMessage: joined.publicMessage,
      });
      return { stateId, commit, epochAuthenticator: state.keySchedule.epochAuthenticator };
    },
  };
}
