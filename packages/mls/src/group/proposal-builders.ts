/**
 * Proposal bodies (RFC 9420 §12.1) as the `Group` API and the external-proposal helpers build them: one small
 * constructor per proposal type, so that members and non-members send exactly the same structures.
 */
import { PSKType, ProposalType, ProtocolVersion, ResumptionPSKUsage } from "../codec/index.js";
import type { Extension, KeyPackage, PreSharedKeyID, Proposal } from "../codec/index.js";
import { decodeUnverifiedKeyPackageMessage } from "../key-package/unverified-key-package.js";

/** A KeyPackage object, or one encoded as an MLSMessage. */
export function toKeyPackage(kp: KeyPackage | Uint8Array): KeyPackage {
  return kp instanceof Uint8Array ? decodeUnverifiedKeyPackageMessage(kp).keyPackage : kp;
}

/** §12.1.1 */
export function addProposal(kp: KeyPackage | Uint8Array): Proposal {
  return { proposalType: ProposalType.add, add: { keyPackage: toKeyPackage(kp) } };
}

/** §12.1.3 */
export function removeProposal(removed: number): Proposal {
  return { proposalType: ProposalType.remove, remove: { removed } };
}

/** Which PSK a PreSharedKey proposal injects: an external one by id, or a resumption PSK of a group's epoch. */
export type PskChoice =
  { readonly externalId: Uint8Array } | { readonly resumptionEpoch: bigint; readonly groupId?: Uint8Array };

/**
 * §12.1.4: a PreSharedKey proposal with a fresh psk_nonce of KDF.Nh bytes; resumption PSKs have usage
 * application (reinit and branch PSKs belong only to the first Commit of a successor group, §11).
 */
export function pskProposal(choice: PskChoice, groupId: Uint8Array, pskNonce: Uint8Array): Proposal {
  const id: PreSharedKeyID =
    "externalId" in choice
      ? { pskType: PSKType.external, pskId: choice.externalId, pskNonce }
      : {
          pskType: PSKType.resumption,
          usage: ResumptionPSKUsage.application,
          pskGroupId: choice.groupId ?? groupId,
          pskEpoch: choice.resumptionEpoch,
          pskNonce,
        };
  return { proposalType: ProposalType.psk, psk: { psk: id } };
}

export interface ReInitParameters {
  readonly groupId: Uint8Array;
  readonly cipherSuite: number;
  readonly extensions?: readonly Extension[];
}

/** §12.1.5: always for version mls10, the only version this library speaks. */
export function reinitProposal(reinit: ReInitParameters): Proposal {
  const body = {
    groupId: reinit.groupId,
    version: ProtocolVersion.mls10,
    cipherSuite: reinit.cipherSuite,
    extensions: reinit.extensions ?? [],
  };
  return { proposalType: ProposalType.reinit, reinit: body };
}

/** §12.1.7 */
export function groupContextExtensionsProposal(extensions: readonly Extension[]): Proposal {
  return { proposalType: ProposalType.groupContextExtensions, groupContextExtensions: { extensions } };
}
