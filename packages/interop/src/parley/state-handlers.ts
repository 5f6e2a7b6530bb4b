/**
 * Operations on one group state (contract section "Operations using a group state"): publish a GroupInfo
 * (RFC 9420 §12.4.3), report the epoch authenticator (§8.7), export secrets (§8.5), protect and unprotect
 * application data (§6.3), store PSKs (§8.4) and forget state.
 */
import { WireFormat } from "@parley/mls";
import type { StateHandlers } from "../harness/handlers.js";
import { checkExportLength, requireBytes } from "../harness/requests.js";
import { badRequest, unknownId } from "./errors.js";
import { rememberReceived } from "./member.js";
import type { ParleyStore } from "./store.js";
import { readMessage } from "./wire.js";

export function stateHandlers(store: ParleyStore): StateHandlers {
  return {
    groupInfo(req) {
      const { group } = store.get("GroupInfo", req.stateId, "group");
      // external_pub lets the reader join by external commit (§12.4.3.2).
      return {
        groupInfo: group.groupInfo({ ratchetTree: !req.externalTree, externalPub: true }),
        ratchetTree: req.externalTree ? group.ratchetTree() : new Uint8Array(),
      };
    },

    stateAuth(req) {
      const { group } = store.get("StateAuth", req.stateId, "group");
      return { stateAuthSecret: group.epochAuthenticator() };
    },

    export(req) {
      const { group } = store.get("Export", req.stateId, "group");
      checkExportLength("Export", req.keyLength);
      return { exportedSecret: group.exporter(req.label, req.context, req.keyLength) };
    },

    protect(req) {
      const { group } = store.get("Protect", req.stateId, "group");
      return { ciphertext: group.protect(req.plaintext, req.authenticatedData) };
    },

    unprotect(req) {
      const entry = store.get("Unprotect", req.stateId, "group");
      // §6: application data always travels as a PrivateMessage; checking first keeps a PublicMessage
      // proposal from being taken into the proposal cache by mistake.
      readMessage("Unprotect", "ciphertext", req.ciphertext, [WireFormat.mlsPrivateMessage]);
      const out = entry.group.process(req.ciphertext);
      if (out.kind !== "application") {
        // An encrypted proposal is cached by now whatever we answer, so it is recorded as held.
        if (out.kind === "proposal") rememberReceived(entry, req.ciphertext, out);
        else out.commit.discard();
        throw badRequest("Unprotect", "ciphertext carries a handshake message, not application data");
      }
      // §6.3.1: authenticated_data travels in clear but is bound into the AEAD's AAD, so decryption succeeding
      // authenticates it.
      return { authenticatedData: out.authenticatedData, plaintext: out.data };
    },

    storePSK(req) {
      requireBytes("StorePSK", "psk_id", req.pskId);
      store.pskHolder("StorePSK", req.stateOrTransactionId).psks.set(req.pskId, req.pskSecret);
      return {};
    },

    free(req) {
      if (!store.free(req.stateId)) throw unknownId("Free", "state", req.stateId);
      return {};
    },
  };
}
