/**
 * The proposal RPCs (RFC 9420 §12.1), each sent by the member named by `state_id`.
 */
import { unsupported } from "./errors.js";
import type { ProposalHandlers } from "../harness/handlers.js";
import {
  addProposal,
  contextOf,
  externalPskProposal,
  groupContextExtensionsProposal,
  reinitProposal,
  removeProposal,
  resumptionPskProposal,
  sendProposal,
} from "./proposals.js";
import type { TsMlsStore } from "./store.js";

export function proposalHandlers(store: TsMlsStore): ProposalHandlers {
  return {
    async addProposal(req) {
      const entry = store.get("AddProposal", req.stateId, "group");
      return { proposal: await sendProposal(entry, addProposal("AddProposal", req.keyPackage)) };
    },

    updateProposal(req) {
      store.get("UpdateProposal", req.stateId, "group");
      throw unsupported(
        "UpdateProposal",
        "ts-mls has no API to create an Update proposal (it cannot sign an update-sourced LeafNode, §7.3, or keep " +
          "its new private key for when the proposal is committed); it can only receive them",
      );
    },

    async removeProposal(req) {
      const entry = store.get("RemoveProposal", req.stateId, "group");
      return {
        proposal: await sendProposal(
          entry,
          removeProposal("RemoveProposal", contextOf(entry), req.removedId),
        ),
      };
    },

    async externalPSKProposal(req) {
      const entry = store.get("ExternalPSKProposal", req.stateId, "group");
      const proposal = externalPskProposal("ExternalPSKProposal", contextOf(entry), req.pskId);
      return { proposal: await sendProposal(entry, proposal) };
    },

    async resumptionPSKProposal(req) {
      const entry = store.get("ResumptionPSKProposal", req.stateId, "group");
      return { proposal: await sendProposal(entry, resumptionPskProposal(contextOf(entry), req.epochId)) };
    },

    async groupContextExtensionsProposal(req) {
      const entry = store.get("GroupContextExtensionsProposal", req.stateId, "group");
      const proposal = groupContextExtensionsProposal("GroupContextExtensionsProposal", req.extensions);
      return { proposal: await sendProposal(entry, proposal) };
    },

    async reInitProposal(req) {
      const entry = store.get("ReInitProposal", req.stateId, "group");
      const proposal = reinitProposal("ReInitProposal", req.groupId, req.cipherSuite, req.extensions);
      return { proposal: await sendProposal(entry, proposal) };
    },
  };
}
