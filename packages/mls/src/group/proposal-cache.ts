/**
 * RFC 9420 §12.1: "If the verification is successful, then the Proposal should be cached in such a way that it
 * can be retrieved by hash (as a ProposalOrRef object) in a later Commit message." The cache holds the
 * proposals of the current epoch only; a new epoch starts with an empty one.
 */
import { encode, toHex } from "@parley/codec";
import { encodeAuthenticatedContent } from "../codec/index.js";
import type { AuthenticatedContent, Proposal, Sender, UnknownProposal } from "../codec/index.js";
import { makeProposalRef } from "../crypto/labels.js";
import type { CipherSuite } from "../crypto/provider.js";

/** A proposal with who proposed it: the committer for proposals by value, the original sender otherwise. */
export interface ProposalWithSender {
  readonly proposal: Proposal;
  readonly sender: Sender;
  /** The ProposalRef (§5.2) when the proposal was committed by reference. */
  readonly ref?: Uint8Array | undefined;
}

/** A proposal of a type RFC 9420 defines. */
export type KnownProposal = Exclude<Proposal, UnknownProposal>;

export function isKnownProposal(p: Proposal): p is KnownProposal {
  return p.proposalData === undefined;
}

/** §5.2: `ProposalRef = RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent)`. */
export function proposalRef(cs: CipherSuite, ac: AuthenticatedContent): Uint8Array {
  return makeProposalRef(cs, encode(ac, encodeAuthenticatedContent));
}

export class ProposalCache {
  readonly #byRef = new Map<string, ProposalWithSender>();

  /** Stores a verified, individually valid proposal; a proposal received twice is stored once. */
  add(ref: Uint8Array, proposal: Proposal, sender: Sender): void {
    this.#byRef.set(toHex(ref), { proposal, sender, ref: ref.slice() });
  }

  get(ref: Uint8Array): ProposalWithSender | undefined {
    return this.#byRef.get(toHex(ref));
  }

  /** Proposals in the order they were received. */
  all(): ProposalWithSender[] {
    return [...this.#byRef.values()];
  }

  get size(): number {
    return this.#byRef.size;
  }

  clear(): void {
    this.#byRef.clear();
  }
}
