/**
 * Builds ts-mls Proposal values (RFC 9420 §12.1) from contract requests, and sends a member's own
 * proposals. The contract's `ProposalDescription.proposal_type` is an ASCII name ("add", "remove",
 * "externalPSK", "resumptionPSK", "groupContextExtensions", "reinit").
 */
import { toHex } from "@parley/codec";
import { createProposal, type CiphersuiteImpl, type Proposal, type RatchetTree } from "ts-mls";
import type { ProposalDescription } from "../gen/mls_client_pb.js";
import { proposalKind } from "../harness/requests.js";
import { badRequest } from "./errors.js";
import { leafInTree } from "./member.js";
import type { GroupEntry } from "./store.js";
import { suiteName } from "./suites.js";
import { readKeyPackage, toExtensions, writeMessage } from "./wire.js";

/** What a proposal is built against: the group's tree, suite and id. */
export interface ProposalContext {
  readonly tree: RatchetTree;
  readonly cs: CiphersuiteImpl;
  readonly groupId: Uint8Array;
}

export function addProposal(rpc: string, keyPackage: Uint8Array): Proposal {
  return { proposalType: "add", add: { keyPackage: readKeyPackage(rpc, "key_package", keyPackage) } };
}

/** §12.1.3: Remove names a leaf; the contract names the member by identity. */
export function removeProposal(rpc: string, ctx: ProposalContext, identity: Uint8Array): Proposal {
  return { proposalType: "remove", remove: { removed: leafInTree(rpc, ctx.tree, identity) } };
}

/** §8.4: a fresh psk_nonce of KDF.Nh random bytes for each PreSharedKeyID. */
export function externalPskProposal(rpc: string, ctx: ProposalContext, pskId: Uint8Array): Proposal {
  if (pskId.length === 0) throw badRequest(rpc, "psk_id is empty");
  const pskNonce = ctx.cs.rng.randomBytes(ctx.cs.kdf.size);
  return { proposalType: "psk", psk: { preSharedKeyId: { psktype: "external", pskId, pskNonce } } };
}

/** §8.6: a resumption PSK of usage `application` from an epoch of this very group. */
export function resumptionPskProposal(ctx: ProposalContext, epoch: bigint): Proposal {
  const pskNonce = ctx.cs.rng.randomBytes(ctx.cs.kdf.size);
  return {
    proposalType: "psk",
    psk: {
      preSharedKeyId: {
        psktype: "resumption",
        usage: "application",
        pskGroupId: ctx.groupId,
        pskEpoch: epoch,
        pskNonce,
      },
    },
  };
}

export function groupContextExtensionsProposal(
  rpc: string,
  extensions: readonly { extensionType: number; extensionData: Uint8Array }[],
): Proposal {
  return {
    proposalType: "group_context_extensions",
    groupContextExtensions: { extensions: toExtensions(rpc, extensions) },
  };
}

export function reinitProposal(
  rpc: string,
  groupId: Uint8Array,
  cipherSuite: number,
  extensions: readonly { extensionType: number; extensionData: Uint8Array }[],
): Proposal {
  if (groupId.length === 0) throw badRequest(rpc, "group_id is empty");
  return {
    proposalType: "reinit",
    reinit: {
      groupId,
      version: "mls10",
      cipherSuite: suiteName(rpc, cipherSuite),
      extensions: toExtensions(rpc, extensions),
    },
  };
}

/** One `ProposalDescription`; `reinit` only where the contract allows it (ExternalSignerProposal). */
export function describedProposal(
  rpc: string,
  ctx: ProposalContext,
  d: ProposalDescription,
  allowReinit: boolean,
): Proposal {
  const kind = proposalKind(rpc, d, allowReinit);
  switch (kind) {
    case "add":
      return addProposal(rpc, d.keyPackage);
    case "remove":
      return removeProposal(rpc, ctx, d.removedId);
    case "externalPSK":
      return externalPskProposal(rpc, ctx, d.pskId);
    case "resumptionPSK":
      return resumptionPskProposal(ctx, d.epochId);
    case "groupContextExtensions":
      return groupContextExtensionsProposal(rpc, d.extensions);
    case "reinit":
      return reinitProposal(rpc, d.groupId, d.cipherSuite, d.extensions);
  }
}

export function contextOf(entry: GroupEntry): ProposalContext {
  return { tree: entry.state.ratchetTree, cs: entry.cs, groupId: entry.state.groupContext.groupId };
}

/**
 * Sends `proposal` as this member (PublicMessage or PrivateMessage per the state's handshake mode, §6) and
 * remembers its bytes → ProposalRef so a later Commit/HandleCommit listing it is recognised as our own.
 */
export async function sendProposal(entry: GroupEntry, proposal: Proposal): Promise<Uint8Array> {
  const before = new Set(Object.keys(entry.state.unappliedProposals));
  const result = await createProposal(entry.state, !entry.encrypt, proposal, entry.cs);
  const ref = Object.keys(result.newState.unappliedProposals).find((k) => !before.has(k));
  entry.state = result.newState;
  const bytes = writeMessage(result.message);
  if (ref !== undefined) entry.ownProposals.set(toHex(bytes), ref);
  return bytes;
}
