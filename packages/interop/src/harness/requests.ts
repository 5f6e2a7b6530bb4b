/**
 * Checks and readings of contract request fields that mean the same whatever library serves them.
 */
import type { ProposalDescription } from "../gen/mls_client_pb.js";
import { badRequest } from "./errors.js";

/** RFC 9420 §8.5: the exporter's length is a uint16 in KDFLabel. */
export const MAX_EXPORT_LENGTH = 0xffff;

/** The contract's `ProposalDescription.proposal_type` names (ASCII bytes on the wire). */
export type ProposalKind =
  "add" | "remove" | "externalPSK" | "resumptionPSK" | "groupContextExtensions" | "reinit";

const KINDS: readonly ProposalKind[] = [
  "add",
  "remove",
  "externalPSK",
  "resumptionPSK",
  "groupContextExtensions",
  "reinit",
];

/** The kind a description asks for; `reinit` only where the contract allows it (ExternalSignerProposal). */
export function proposalKind(rpc: string, d: ProposalDescription, allowReinit: boolean): ProposalKind {
  const type = new TextDecoder().decode(d.proposalType);
  const kind = KINDS.find((k) => k === type);
  if (kind === undefined) throw badRequest(rpc, `unknown proposal_type '${type}'`);
  if (kind === "reinit" && !allowReinit)
    throw badRequest(rpc, "proposal_type 'reinit' is only allowed in ExternalSignerProposal");
  return kind;
}

export function checkExportLength(rpc: string, keyLength: number): void {
  if (keyLength > MAX_EXPORT_LENGTH) throw badRequest(rpc, `key_length ${keyLength} exceeds uint16`);
}

/** RFC 9420 §7.2: `ExtensionType` is a uint16; the contract carries it in a uint32. */
export function checkExtensionTypes(
  rpc: string,
  extensions: readonly { extensionType: number; extensionData: Uint8Array }[],
): void {
  for (const e of extensions) {
    if (e.extensionType > 0xffff) throw badRequest(rpc, `extension type ${e.extensionType} exceeds uint16`);
  }
}

export function requireBytes(rpc: string, field: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw badRequest(rpc, `${field} is empty`);
}
