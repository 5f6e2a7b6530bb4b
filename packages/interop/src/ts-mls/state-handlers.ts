/**
 * Operations on one group state (contract section "Operations using a group state"): publish a GroupInfo
 * (RFC 9420 §12.4.3), report the epoch authenticator (§8.7), export secrets (§8.5), protect and unprotect
 * application data (§6.3), store PSKs (§8.4) and forget state.
 */
import {
  bytesToBase64,
  createApplicationMessage,
  createGroupInfoWithExternalPub,
  createGroupInfoWithExternalPubAndRatchetTree,
  encodeMlsMessage,
  mlsExporter,
  processPrivateMessage,
} from "ts-mls";
import { checkExportLength } from "../harness/requests.js";
import { badRequest, unknownId } from "./errors.js";
import type { StateHandlers } from "../harness/handlers.js";
import { pskIndexOf } from "./member.js";
import type { TsMlsStore } from "./store.js";
import { readHandshake, writeGroupInfo, writeRatchetTree } from "./wire.js";

export function stateHandlers(store: TsMlsStore): StateHandlers {
  return {
    async groupInfo(req) {
      const { state, cs } = store.get("GroupInfo", req.stateId, "group");
      // The external_pub extension lets the reader join by external commit (§12.4.3.2).
      const groupInfo = req.externalTree
        ? await createGroupInfoWithExternalPub(state, [], cs)
        : await createGroupInfoWithExternalPubAndRatchetTree(state, [], cs);
      return {
        groupInfo: writeGroupInfo(groupInfo),
        ratchetTree: req.externalTree ? writeRatchetTree(state.ratchetTree) : new Uint8Array(),
      };
    },

    stateAuth(req) {
      const { state } = store.get("StateAuth", req.stateId, "group");
      return { stateAuthSecret: state.keySchedule.epochAuthenticator };
    },

    async export(req) {
      const { state, cs } = store.get("Export", req.stateId, "group");
      checkExportLength("Export", req.keyLength);
      const secret = await mlsExporter(
        state.keySchedule.exporterSecret,
        req.label,
        req.context,
        req.keyLength,
        cs,
      );
      return { exportedSecret: secret };
    },

    async protect(req) {
      const entry = store.get("Protect", req.stateId, "group");
      const result = await createApplicationMessage(
        entry.state,
        req.plaintext,
        entry.cs,
        req.authenticatedData,
      );
      entry.state = result.newState;
      const ciphertext = encodeMlsMessage({
        version: "mls10",
        wireformat: "mls_private_message",
        privateMessage: result.privateMessage,
      });
      return { ciphertext };
    },

    async unprotect(req) {
      const entry = store.get("Unprotect", req.stateId, "group");
      const message = readHandshake("Unprotect", "ciphertext", req.ciphertext);
      if (message.wireformat !== "mls_private_message") {
        throw badRequest(
          "Unprotect",
          "ciphertext is a PublicMessage; application data is always a PrivateMessage (§6)",
        );
      }
      const result = await processPrivateMessage(
        entry.state,
        message.privateMessage,
        pskIndexOf(entry),
        entry.cs,
      );
      if (result.kind !== "applicationMessage") {
        throw badRequest("Unprotect", "ciphertext carries a handshake message, not application data");
      }
      entry.state = result.newState;
      // §6.3.1: authenticated_data travels in clear but is bound into the AEAD's AAD, so decryption succeeding
      // authenticates it.
      return { authenticatedData: message.privateMessage.authenticatedData, plaintext: result.message };
    },

    storePSK(req) {
      if (req.pskId.length === 0) throw badRequest("StorePSK", "psk_id is empty");
      const holder = store.pskHolder("StorePSK", req.stateOrTransactionId);
      holder.psks[bytesToBase64(req.pskId)] = req.pskSecret;
      return {};
    },

    free(req) {
      if (!store.free(req.stateId)) throw unknownId("Free", "state", req.stateId);
      return {};
    },
  };
}
