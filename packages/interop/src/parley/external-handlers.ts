/**
 * Proposals from outside the group (RFC 9420 §12.1.8): a would-be member asking to be added
 * (`new_member_proposal`) and external senders listed in the group's `external_senders` extension
 * (§12.1.8.1), which a member proposes to extend with a GroupContextExtensions proposal.
 */
import { encode } from "@parley/codec";
import {
  ExtensionType,
  ProposalType,
  basicCredential,
  createExternalProposal,
  createNewMemberProposal,
  decodeExtensionData,
  decodeExternalSender,
  decodeExternalSenders,
  encodeExtensionData,
  encodeExternalSender,
  encodeExternalSenders,
  MemoryPskStore,
  findExtension,
  nodeProvider,
  type Extension,
  type ExternalSender,
} from "@parley/mls";
import type { AddExternalSignerRequest, ExternalSignerProposalRequest } from "../gen/mls_client_pb.js";
import type { ExternalHandlers } from "../harness/handlers.js";
import { requireBytes } from "../harness/requests.js";
import { checkSuite, newKeyPackage } from "./client.js";
import { badRequest } from "./errors.js";
import { rememberOwn } from "./member.js";
import { describedProposal } from "./proposals.js";
import type { ParleyStore } from "./store.js";
import { leafOfIdentity, readGroupInfo, treeOf } from "./wire.js";

/** The group's extensions with `sender` appended to `external_senders` (created if absent). */
function withExternalSender(extensions: readonly Extension[], sender: ExternalSender): Extension[] {
  const ext = findExtension(extensions, ExtensionType.externalSenders);
  const senders =
    ext === undefined
      ? []
      : decodeExtensionData(ext.extensionData, (r) => decodeExternalSenders(r), "external_senders");
  const updated: Extension = {
    extensionType: ExtensionType.externalSenders,
    extensionData: encodeExtensionData([...senders, sender], encodeExternalSenders),
  };
  return ext === undefined
    ? [...extensions, updated]
    : extensions.map((e) => (e.extensionType === ExtensionType.externalSenders ? updated : e));
}

function addExternalSigner(store: ParleyStore, req: AddExternalSignerRequest) {
  const rpc = "AddExternalSigner";
  const entry = store.get(rpc, req.stateId, "group");
  requireBytes(rpc, "external_sender", req.externalSender);
  const sender = decodeExtensionData(req.externalSender, (r) => decodeExternalSender(r), "external_sender");
  const extensions = withExternalSender(entry.group.groupContext.extensions, sender);
  const sent = entry.group.proposeGroupContextExtensions(extensions);
  return { proposal: rememberOwn(entry, sent, ProposalType.groupContextExtensions) };
}

function externalSignerProposal(store: ParleyStore, req: ExternalSignerProposalRequest) {
  const rpc = "ExternalSignerProposal";
  const signer = store.get(rpc, req.signerId, "signer");
  const info = readGroupInfo(rpc, "group_info", req.groupInfo);
  const context = info.groupContext;
  if (context.cipherSuite !== signer.cipherSuite) {
    throw badRequest(rpc, `the signer uses suite ${signer.cipherSuite}, the group ${context.cipherSuite}`);
  }
  if (req.description === undefined) throw badRequest(rpc, "description is missing");
  const proposal = describedProposal(
    rpc,
    {
      groupId: context.groupId,
      cipherSuite: context.cipherSuite,
      leafOf: (identity) => leafOfIdentity(rpc, treeOf(rpc, info, req.ratchetTree), identity),
    },
    req.description,
    true,
  );
  // §12.1.8.1: signed by the external sender at `signer_index` of the group's external_senders.
  const message = createExternalProposal({
    provider: nodeProvider,
    groupInfo: info,
    senderIndex: req.signerIndex,
    signaturePrivateKey: signer.keyPair.privateKey,
    proposal,
  });
  return { proposal: message };
}

export function externalHandlers(store: ParleyStore): ExternalHandlers {
  return {
    newMemberAddProposal(req) {
      const rpc = "NewMemberAddProposal";
      const info = readGroupInfo(rpc, "group_info", req.groupInfo);
      const keyPackage = newKeyPackage(rpc, info.groupContext.cipherSuite, req.identity);
      // §12.1.8: a new_member_proposal Add is signed with the key of the KeyPackage it adds.
      const proposal = createNewMemberProposal({
        provider: nodeProvider,
        groupInfo: info,
        keyPackage: keyPackage.keyPackage,
        signaturePrivateKey: keyPackage.private.signaturePrivateKey,
      });
      const transactionId = store.put({ kind: "transaction", keyPackage, psks: new MemoryPskStore() });
      return {
        transactionId,
        proposal,
        initPriv: keyPackage.private.initPrivateKey,
        encryptionPriv: keyPackage.private.encryptionPrivateKey,
        signaturePriv: keyPackage.private.signaturePrivateKey,
      };
    },

    createExternalSigner(req) {
      const cipherSuite = checkSuite("CreateExternalSigner", req.cipherSuite);
      const keyPair = nodeProvider.suite(cipherSuite).generateSignatureKeyPair();
      const credential = basicCredential(req.identity);
      const signerId = store.put({ kind: "signer", cipherSuite, keyPair, credential });
      // §12.1.8.1: struct { SignaturePublicKey signature_key; Credential credential; } ExternalSender.
      const sender: ExternalSender = { signatureKey: keyPair.publicKey, credential };
      return { signerId, externalSender: encode(sender, encodeExternalSender) };
    },

    addExternalSigner: (req) => addExternalSigner(store, req),
    externalSignerProposal: (req) => externalSignerProposal(store, req),
  };
}
