import type { Reader, Writer } from "@parley/codec";
import { readEnum8, requireKnown, valuesOf } from "./enum.js";
import { type Proposal, decodeProposal, encodeProposal } from "./proposal.js";
import { type UpdatePath, decodeUpdatePath, encodeUpdatePath } from "./update-path.js";

/** RFC 9420 §12.4: `enum { reserved(0), proposal(1), reference(2), (255) } ProposalOrRefType`. */
export const ProposalOrRefType = { proposal: 1, reference: 2 } as const;
export type ProposalOrRefType = (typeof ProposalOrRefType)[keyof typeof ProposalOrRefType];
const POR_TYPES = valuesOf(ProposalOrRefType);

/** RFC 9420 §12.4 ProposalOrRef: a proposal inline, or the ProposalRef (§5.2) of one sent earlier. */
export type ProposalOrRef =
  | { readonly type: typeof ProposalOrRefType.proposal; readonly proposal: Proposal }
  | { readonly type: typeof ProposalOrRefType.reference; readonly reference: Uint8Array };

/** RFC 9420 §12.4 Commit. Whether `path` may be absent depends on the proposals (§12.4, validation). */
export interface Commit {
  readonly proposals: readonly ProposalOrRef[];
  readonly path?: UpdatePath | undefined;
}

export function encodeProposalOrRef(w: Writer, v: ProposalOrRef): void {
  w.u8(requireKnown(v.type, POR_TYPES, "ProposalOrRefType"));
  switch (v.type) {
    case ProposalOrRefType.proposal:
      encodeProposal(w, v.proposal);
      return;
    case ProposalOrRefType.reference:
      w.opaque(v.reference);
      return;
  }
}

export function decodeProposalOrRef(r: Reader, path = "ProposalOrRef"): ProposalOrRef {
  const type = readEnum8(r, `${path}.type`, POR_TYPES, "ProposalOrRefType");
  switch (type) {
    case ProposalOrRefType.proposal:
      return { type, proposal: decodeProposal(r, `${path}.proposal`) };
    case ProposalOrRefType.reference:
      return { type, reference: r.opaque(`${path}.reference`) };
  }
}

export function encodeCommit(w: Writer, v: Commit): void {
  w.vector(v.proposals, encodeProposalOrRef);
  w.optional(v.path, encodeUpdatePath);
}

export function decodeCommit(r: Reader, path = "Commit"): Commit {
  const proposals = `${path}.proposals`;
  const updatePath = `${path}.path`;
  return {
    proposals: r.vector(proposals, (sub, i) => decodeProposalOrRef(sub, `${proposals}[${i}]`)),
    path: r.optional(updatePath, (o) => decodeUpdatePath(o, updatePath)),
  };
}
