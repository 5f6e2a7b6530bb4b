import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import * as body from "./proposal-bodies.js";

/** RFC 9420 §12.1 / §17.4 proposal types defined by the RFC. */
export const ProposalType = {
  add: 1,
  update: 2,
  remove: 3,
  psk: 4,
  reinit: 5,
  externalInit: 6,
  groupContextExtensions: 7,
} as const;
export type KnownProposalType = (typeof ProposalType)[keyof typeof ProposalType];

/**
 * A proposal type RFC 9420 does not define. §12.2 makes an unsupported proposal type in a Commit an
 * error of proposal-list validation, and §13 lets extensions define new types, so the codec carries
 * it rather than rejecting the whole message. The RFC gives no body layout for such types; like
 * deployed implementations we read the body as `opaque proposal_data<V>`.
 */
export interface UnknownProposal {
  readonly proposalType: number;
  readonly proposalData: Uint8Array;
}

/** RFC 9420 §12.1 Proposal, discriminated by `proposalType`; `proposalData` marks an unknown type. */
export type Proposal =
  | {
      readonly proposalType: typeof ProposalType.add;
      readonly add: body.Add;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.update;
      readonly update: body.Update;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.remove;
      readonly remove: body.Remove;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.psk;
      readonly psk: body.PreSharedKey;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.reinit;
      readonly reinit: body.ReInit;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.externalInit;
      readonly externalInit: body.ExternalInit;
      readonly proposalData?: undefined;
    }
  | {
      readonly proposalType: typeof ProposalType.groupContextExtensions;
      readonly groupContextExtensions: body.GroupContextExtensions;
      readonly proposalData?: undefined;
    }
  | UnknownProposal;

function isDefinedType(type: number): boolean {
  return type >= ProposalType.add && type <= ProposalType.groupContextExtensions;
}

export function encodeProposal(w: Writer, v: Proposal): void {
  if (v.proposalData !== undefined) {
    if (v.proposalType === 0 || isDefinedType(v.proposalType)) {
      throw new UsageError(`proposal type ${v.proposalType} cannot be sent as an unknown proposal`);
    }
    w.u16(v.proposalType).opaque(v.proposalData);
    return;
  }
  w.u16(v.proposalType);
  switch (v.proposalType) {
    case ProposalType.add:
      return body.encodeAdd(w, v.add);
    case ProposalType.update:
      return body.encodeUpdate(w, v.update);
    case ProposalType.remove:
      return body.encodeRemove(w, v.remove);
    case ProposalType.psk:
      return body.encodePreSharedKey(w, v.psk);
    case ProposalType.reinit:
      return body.encodeReInit(w, v.reinit);
    case ProposalType.externalInit:
      return body.encodeExternalInit(w, v.externalInit);
    case ProposalType.groupContextExtensions:
      return body.encodeGroupContextExtensions(w, v.groupContextExtensions);
  }
}

export function decodeProposal(r: Reader, path = "Proposal"): Proposal {
  const field = `${path}.proposal_type`;
  const proposalType = r.u16(field);
  switch (proposalType) {
    case 0:
      return r.fail("proposal type 0 is reserved", field);
    case ProposalType.add:
      return { proposalType, add: body.decodeAdd(r, `${path}.add`) };
    case ProposalType.update:
      return { proposalType, update: body.decodeUpdate(r, `${path}.update`) };
    case ProposalType.remove:
      return { proposalType, remove: body.decodeRemove(r, `${path}.remove`) };
    case ProposalType.psk:
      return { proposalType, psk: body.decodePreSharedKey(r, `${path}.psk`) };
    case ProposalType.reinit:
      return { proposalType, reinit: body.decodeReInit(r, `${path}.reinit`) };
    case ProposalType.externalInit:
      return { proposalType, externalInit: body.decodeExternalInit(r, `${path}.external_init`) };
    case ProposalType.groupContextExtensions: {
      const at = `${path}.group_context_extensions`;
      return { proposalType, groupContextExtensions: body.decodeGroupContextExtensions(r, at) };
    }
    default:
      return { proposalType, proposalData: r.opaque(`${path}.proposal_data`) };
  }
}
