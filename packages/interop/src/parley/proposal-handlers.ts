/**
 * The proposal RPCs (RFC 9420 §12.1), each sent by the member named by `state_id` through the Group's own
 * `propose…` methods, as a PublicMessage or PrivateMessage per the state's handshake mode (§6).
 */
import { ProposalType } from "@parley/mls";
import type { ProposalHandlers } from "../harness/handlers.js";
import { requireBytes } from "../harness/requests.js";
import { checkSuite } from "./client.js";
import { memberLeaf, rememberOwn } from "./member.js";
import { extensionsOf, keyPackageOf } from "./proposals.js";
import type { ParleyStore } from "./store.js";

export function proposalHandlers(store: ParleyStore): ProposalHandlers {
  return {
    addProposal(req) {
      const entry = store.get("AddProposal", req.stateId, "group");
      const sent = entry.group.proposeAdd(keyPackageOf("AddProposal", "key_package", req.keyPackage));
      return { proposal: rememberOwn(entry, sent, ProposalType.add) };
    },

    updateProposal(req) {
      const entry = store.get("UpdateProposal", req.stateId, "group");
      return { proposal: rememberOwn(entry, entry.group.proposeUpdate(), ProposalType.update) };
    },

    removeProposal(req) {
      const entry = store.get("RemoveProposal", req.stateId, "group");
      const sent = entry.group.proposeRemove(memberLeaf("RemoveProposal", entry.group, req.removedId));
      return { proposal: rememberOwn(entry, sent, ProposalType.remove) };
    },

    externalPSKProposal(req) {
      const entry = store.get("ExternalPSKProposal", req.stateId, "group");
      requireBytes("ExternalPSKProposal", "psk_id", req.pskId);
      const sent = entry.group.proposePsk({ externalId: req.pskId });
      return { proposal: rememberOwn(entry, sent, ProposalType.psk) };
    },

    resumptionPSKProposal(req) {
      const entry = store.get("ResumptionPSKProposal", req.stateId, "group");
      const sent = entry.group.proposePsk({ resumptionEpoch: req.epochId });
      return { proposal: rememberOwn(entry, sent, ProposalType.psk) };
    },

    groupContextExtensionsProposal(req) {
      const rpc = "GroupContextExtensionsProposal";
      const entry = store.get(rpc, req.stateId, "group");
      const sent = entry.group.proposeGroupContextExtensions(extensionsOf(rpc, req.extensions));
      return { proposal: rememberOwn(entry, sent, ProposalType.groupContextExtensions) };
    },

    reInitProposal(req) {
      const rpc = "ReInitProposal";
      const entry = store.get(rpc, req.stateId, "group");
      requireBytes(rpc, "group_id", req.groupId);
      const sent = entry.group.proposeReInit({
        groupId: req.groupId,
        cipherSuite: checkSuite(rpc, req.cipherSuite),
        extensions: extensionsOf(rpc, req.extensions),
      });
      return { proposal: rememberOwn(entry, sent, ProposalType.reinit) };
    },
  };
}
