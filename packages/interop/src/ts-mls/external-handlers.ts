/**
 * Proposals from outside the group (RFC 9420 §12.1.8): a would-be member asking to be added
 * (`new_member_proposal`) and external senders listed in the group's `external_senders` extension.
 */
import { encodeExternalSender, proposeAddExternal } from "ts-mls";
import { unsupported } from "./errors.js";
import type { ExternalHandlers } from "../harness/handlers.js";
import { newKeyPackage } from "./member.js";
import { privateKeysOf, transactionEntry, type TsMlsStore } from "./store.js";
import { suiteImpl, suiteName } from "./suites.js";
import { readGroupInfo, writeMessage } from "./wire.js";

/**
 * RFC 9420 §12.1.8.1 defines the extension as `ExternalSender external_senders<V>` with `sender_index`
 * indexing that vector. ts-mls 1.6.4 instead reads each `external_senders` extension as one bare
 * ExternalSender and indexes the extensions, so it can neither build nor read a conformant extension.
 */
const EXTERNAL_SENDERS_GAP =
  "ts-mls reads an external_senders extension as a single ExternalSender instead of the RFC 9420 §12.1.8.1 " +
  "vector ExternalSender external_senders<V> (and indexes senders by extension), so it cannot interoperate on it";

export function externalHandlers(store: TsMlsStore): ExternalHandlers {
  return {
    async newMemberAddProposal(req) {
      const groupInfo = readGroupInfo("NewMemberAddProposal", "group_info", req.groupInfo);
      const cs = await suiteImpl(groupInfo.groupContext.cipherSuite);
      const { publicPackage, privatePackage } = await newKeyPackage(cs, req.identity);
      const message = await proposeAddExternal(groupInfo, publicPackage, privatePackage, cs);
      return {
        transactionId: store.put(transactionEntry(publicPackage, privatePackage, cs)),
        proposal: writeMessage(message),
        ...privateKeysOf(privatePackage),
      };
    },

    async createExternalSigner(req) {
      const cs = await suiteImpl(suiteName("CreateExternalSigner", req.cipherSuite));
      const keys = await cs.signature.keygen();
      const credential = { credentialType: "basic", identity: req.identity } as const;
      const signerId = store.put({
        kind: "signer",
        cs,
        signaturePublicKey: keys.publicKey,
        signaturePrivateKey: keys.signKey,
        credential,
      });
      // §12.1.8.1: struct { SignaturePublicKey signature_key; Credential credential; } ExternalSender.
      return {
        signerId,
        externalSender: encodeExternalSender({ signaturePublicKey: keys.publicKey, credential }),
      };
    },

    addExternalSigner(req) {
      store.get("AddExternalSigner", req.stateId, "group");
      throw unsupported("AddExternalSigner", EXTERNAL_SENDERS_GAP);
    },

    externalSignerProposal(req) {
      store.get("ExternalSignerProposal", req.signerId, "signer");
      throw unsupported("ExternalSignerProposal", EXTERNAL_SENDERS_GAP);
    },
  };
}
