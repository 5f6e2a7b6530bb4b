/**
 * Builds Parley `Proposal` values (RFC 9420 §12.1) from the contract's `ProposalDescription`s, for proposals a
 * member commits by value and for proposals an external signer sends. (A member's own proposals by reference
 * go through the Group's `propose…` methods instead.)
 */
import {
  PSKType,
  ProposalType,
  ProtocolVersion,
  ResumptionPSKUsage,
  WireFormat,
  decodeUnverifiedKeyPackageMessage,
  nodeProvider,
  type Extension,
  type KeyPackage,
  type PreSharedKeyID,
  type Proposal,
} from "@parley/mls";
import type { ProposalDescription } from "../gen/mls_client_pb.js";
import { checkExtensionTypes, proposalKind, requireBytes } from "../harness/requests.js";
import { checkSuite } from "./client.js";
import { readMessage } from "./wire.js";

/** What a proposal is built against. */
export interface ProposalContext {
  readonly groupId: Uint8Array;
  readonly cipherSuite: number;
  /** The leaf of the member with this basic-credential identity (the contract names members that way). */
  leafOf(identity: Uint8Array): number;
}

type ContractExtension = { extensionType: number; extensionData: Uint8Array };

export function extensionsOf(rpc: string, extensions: readonly ContractExtension[]): Extension[] {
  checkExtensionTypes(rpc, extensions);
  return extensions.map((e) => ({ extensionType: e.extensionType, extensionData: e.extensionData }));
}

/** A KeyPackage MLSMessage (§10), decoded but not yet validated: the group validates it when proposed. */
export function keyPackageOf(rpc: string, field: string, bytes: Uint8Array): KeyPackage {
  readMessage(rpc, field, bytes, [WireFormat.mlsKeyPackage]);
  return decodeUnverifiedKeyPackageMessage(bytes).keyPackage;
}

/**
 * §8.4 PreSharedKeyID with a fresh psk_nonce of KDF.Nh random bytes: an external PSK, or a §8.6 resumption
 * PSK of usage `application` from an epoch of this group.
 */
export function pskIdOf(
  ctx: { readonly groupId: Uint8Array; readonly cipherSuite: number },
  psk: { externalId: Uint8Array } | { resumptionEpoch: bigint },
): PreSharedKeyID {
  const pskNonce = nodeProvider.randomBytes(nodeProvider.suite(ctx.cipherSuite).hashLength);
  if ("externalId" in psk) return { pskType: PSKType.external, pskId: psk.externalId, pskNonce };
  return {
    pskType: PSKType.resumption,
    usage: ResumptionPSKUsage.application,
    pskGroupId: ctx.groupId,
    pskEpoch: psk.resumptionEpoch,
    pskNonce,
  };
}

function pskProposal(ctx: ProposalContext, psk: { externalId: Uint8Array } | { resumptionEpoch: bigint }) {
  return { proposalType: ProposalType.psk, psk: { psk: pskIdOf(ctx, psk) } } as const;
}

export function reinitProposal(rpc: string, d: ProposalDescription): Proposal {
  requireBytes(rpc, "group_id", d.groupId);
  const reinit = {
    groupId: d.groupId,
    version: ProtocolVersion.mls10,
    cipherSuite: checkSuite(rpc, d.cipherSuite),
    extensions: extensionsOf(rpc, d.extensions),
  };
  return { proposalType: ProposalType.reinit, reinit };
}

/** One description; `reinit` only where the contract allows it (ExternalSignerProposal). */
export function describedProposal(
  rpc: string,
  ctx: ProposalContext,
  d: ProposalDescription,
  allowReinit: boolean,
): Proposal {
  switch (proposalKind(rpc, d, allowReinit)) {
    case "add":
      return {
        proposalType: ProposalType.add,
        add: { keyPackage: keyPackageOf(rpc, "key_package", d.keyPackage) },
      };
    case "remove":
      return { proposalType: ProposalType.remove, remove: { removed: ctx.leafOf(d.removedId) } };
    case "externalPSK":
      requireBytes(rpc, "psk_id", d.pskId);
      return pskProposal(ctx, { externalId: d.pskId });
    case "resumptionPSK":
      return pskProposal(ctx, { resumptionEpoch: d.epochId });
    case "groupContextExtensions":
      return {
        proposalType: ProposalType.groupContextExtensions,
        groupContextExtensions: { extensions: extensionsOf(rpc, d.extensions) },
      };
    case "reinit":
      return reinitProposal(rpc, d);
  }
}
