/**
 * What a group member does with ts-mls between RPCs: make key packages, absorb proposals, apply commits,
 * find members by identity. ts-mls states are immutable values, so every step returns the next state and
 * the handlers store it.
 */
import { toHex } from "@parley/codec";
import {
  defaultCapabilities,
  defaultLifetime,
  generateKeyPackage,
  makePskIndex,
  processPrivateMessage,
  processPublicMessage,
  type CiphersuiteImpl,
  type ClientState,
  type KeyPackage,
  type PrivateKeyPackage,
  type PskIndex,
  type RatchetTree,
} from "ts-mls";
import { badRequest, wrongPhase } from "./errors.js";
import type { GroupEntry } from "./store.js";
import { readHandshake, type Handshake } from "./wire.js";

/** A fresh key package with a basic credential (the contract's tests use Basic credentials only). */
export function newKeyPackage(
  cs: CiphersuiteImpl,
  identity: Uint8Array,
): Promise<{ publicPackage: KeyPackage; privatePackage: PrivateKeyPackage }> {
  return generateKeyPackage(
    { credentialType: "basic", identity },
    defaultCapabilities(),
    defaultLifetime,
    [],
    cs,
  );
}

export function pskIndexOf(entry: GroupEntry): PskIndex {
  return makePskIndex(entry.state, entry.psks);
}

/** The identity in this member's own leaf (RFC 9420 §5.3.1 basic credential). */
export function ownIdentity(rpc: string, state: ClientState): Uint8Array {
  const node = state.ratchetTree[state.privatePath.leafIndex * 2];
  if (node?.nodeType !== "leaf" || node.leaf.credential.credentialType !== "basic") {
    throw wrongPhase(rpc, "own leaf has no basic credential");
  }
  return node.leaf.credential.identity;
}

/** The leaf index (RFC 9420 §4.1: leaf i is node 2i) of the member whose basic credential is `identity`. */
export function leafOfIdentity(rpc: string, state: ClientState, identity: Uint8Array): number {
  return leafInTree(rpc, state.ratchetTree, identity);
}

export function leafInTree(rpc: string, tree: RatchetTree, identity: Uint8Array): number {
  for (let i = 0; i < tree.length; i += 2) {
    const node = tree[i];
    if (node?.nodeType !== "leaf" || node.leaf.credential.credentialType !== "basic") continue;
    if (toHex(node.leaf.credential.identity) === toHex(identity)) return i / 2;
  }
  throw badRequest(rpc, `no member with identity ${toHex(identity)}`);
}

async function process(rpc: string, entry: GroupEntry, message: Handshake): Promise<ClientState> {
  if (message.wireformat === "mls_public_message") {
    const result = await processPublicMessage(
      entry.state,
      message.publicMessage,
      pskIndexOf(entry),
      entry.cs,
    );
    return result.newState;
  }
  // processMessage() would drop our PSK index for PrivateMessages, so the private path is called directly.
  const result = await processPrivateMessage(
    entry.state,
    message.privateMessage,
    pskIndexOf(entry),
    entry.cs,
  );
  if (result.kind === "applicationMessage")
    throw badRequest(rpc, "expected a handshake message, got an application message");
  return result.newState;
}

/**
 * Takes in a proposal message and returns its ProposalRef (RFC 9420 §5.2) as ts-mls keys it. The member's
 * own proposals are recognised by their bytes: ts-mls recorded them when they were made, and a
 * PrivateMessage from oneself cannot be decrypted again (its key was deleted, §9.2).
 */
export async function absorbProposal(rpc: string, entry: GroupEntry, bytes: Uint8Array): Promise<string> {
  const own = entry.ownProposals.get(toHex(bytes));
  if (own !== undefined) return own;
  const message = readHandshake(rpc, "proposal", bytes);
  const before = new Set(Object.keys(entry.state.unappliedProposals));
  const next = await process(rpc, entry, message);
  const added = Object.keys(next.unappliedProposals).filter((k) => !before.has(k));
  const ref = added[0];
  if (added.length !== 1 || ref === undefined) {
    throw badRequest(
      rpc,
      "proposal message did not yield exactly one new proposal (a commit, or a duplicate?)",
    );
  }
  entry.state = next;
  return ref;
}

/** Applies someone else's commit (RFC 9420 §12.4.2) and returns the next state without storing it. */
export async function applyCommit(rpc: string, entry: GroupEntry, bytes: Uint8Array): Promise<ClientState> {
  const message = readHandshake(rpc, "commit", bytes);
  const epoch = entry.state.groupContext.epoch;
  const next = await process(rpc, entry, message);
  if (next.groupContext.epoch === epoch && next.groupActiveState.kind !== "removedFromGroup") {
    throw badRequest(rpc, "commit is a proposal, not a commit");
  }
  return next;
}
