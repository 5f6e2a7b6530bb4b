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
import type { HandlerGroup } from "../harness/handlers.js";
import { leafInTree, newKeyPackage } from "./member.js";
import type { TsMlsStore } from "./store.js";
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

export function joinHandlers(
  store: TsMlsStore,
): HandlerGroup<
  "name" | "supportedCiphersuites" | "createGroup" | "createKeyPackage" | "joinGroup" | "externalJoin"
> {
  return {
    name: () => ({ name: "ts-mls 1.6.4 (Parley harness)" }),
    supportedCiphersuites: async () => ({ ciphersuites: await loadableSuites() }),

    async createGroup(req) {
      if (req.groupId.length === 0) throw badRequest("CreateGroup", "group_id is empty");
      const cs = await suiteImpl(suiteName("CreateGroup", req.cipherSuite));
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      const state = await createGroup(req.groupId, publicPackage, privatePackage, [], cs);
      const stateId = store.put({
        kind: "group",
        state,
        cs,
        encrypt: req.encryptHandshake,
        psks: {},
        ownProposals: new Map(),
        pending: undefined,
      });
      return { stateId };
    },

    async createKeyPackage(req) {
      const cs = await suiteImpl(suiteName("CreateKeyPackage", req.cipherSuite));
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      const transactionId = store.put({
        kind: "transaction",
        keyPackage: publicPackage,
        privateKeys: privatePackage,
        cs,
        psks: {},
      });
      return {
        transactionId,
        keyPackage: writeKeyPackage(publicPackage),
        initPriv: privatePackage.initPrivateKey,
        encryptionPriv: privatePackage.hpkePrivateKey,
        signaturePriv: privatePackage.signaturePrivateKey,
      };
    },

    async joinGroup(req) {
      const tx = store.get("JoinGroup", req.transactionId, "transaction");
      const welcome = readWelcome("JoinGroup", "welcome", req.welcome);
      const tree = readRatchetTree("JoinGroup", req.ratchetTree);
      const psks = makePskIndex(undefined, tx.psks);
      const state = await joinGroup(welcome, tx.keyPackage, tx.privateKeys, psks, tx.cs, tree);
      const stateId = store.replace(req.transactionId, {
        kind: "group",
        state,
        cs: tx.cs,
        encrypt: req.encryptHandshake,
        psks: tx.psks,
        ownProposals: new Map(),
        pending: undefined,
      });
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
      const stateId = store.put({
        kind: "group",
        state,
        cs,
        encrypt: req.encryptHandshake,
        psks: {},
        ownProposals: new Map(),
        pending: undefined,
      });
      const commit = writeMessage({
        version: "mls10",
        wireformat: "mls_public_message",
        publicMessage: joined.publicMessage,
      });
      return { stateId, commit, epochAuthenticator: state.keySchedule.epochAuthenticator };
    },
  };
}
