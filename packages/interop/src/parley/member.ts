/**
 * What a member does with its Parley `Group` between RPCs that the group API leaves to the application:
 * taking in proposal messages while remembering which it holds this epoch, and finding members by the
 * identity in their basic credential (the contract names members that way).
 */
import { bytesEqual, toHex } from "@parley/codec";
import type { Group } from "@parley/mls";
import { badRequest, wrongPhase } from "./errors.js";
import type { GroupEntry } from "./store.js";
import { basicIdentity, checkHandshake } from "./wire.js";

/**
 * Takes in a proposal message (RFC 9420 §12.1) and returns its ProposalRef (§5.2, hex). A message this member
 * sent or already took in is recognised by its bytes: its own PrivateMessage cannot be decrypted again (the
 * key was deleted, §9.2), and a proposal is cached once.
 */
export function absorbProposal(rpc: string, entry: GroupEntry, bytes: Uint8Array): string {
  const known = entry.messages.get(toHex(bytes));
  if (known !== undefined) return known;
  checkHandshake(rpc, "proposal", bytes);
  const out = entry.group.process(bytes);
  if (out.kind !== "proposal") {
    if (out.kind === "commit") out.commit.discard();
    throw badRequest(rpc, `proposal carries ${out.kind === "commit" ? "a Commit" : "application data"}`);
  }
  return rememberReceived(entry, bytes, out);
}

/** Records a proposal the group took into its cache; returns its ProposalRef (hex). */
export function rememberReceived(
  entry: GroupEntry,
  bytes: Uint8Array,
  out: { readonly ref: Uint8Array; readonly proposal: { readonly proposalType: number } },
): string {
  const ref = toHex(out.ref);
  entry.messages.set(toHex(bytes), ref);
  entry.held.set(ref, out.proposal.proposalType);
  return ref;
}

/** Records a proposal this member just sent, so later requests listing it are recognised; returns the message. */
export function rememberOwn(
  entry: GroupEntry,
  sent: { readonly message: Uint8Array; readonly ref: Uint8Array },
  type: number,
): Uint8Array {
  const ref = toHex(sent.ref);
  entry.messages.set(toHex(sent.message), ref);
  entry.held.set(ref, type);
  return sent.message;
}

/** The current leaf of the member whose basic credential (§5.3) is `identity`. */
export function memberLeaf(rpc: string, group: Group, identity: Uint8Array): number {
  const found = group.members().find((m) => {
    const own = basicIdentity(m.credential);
    return own !== undefined && bytesEqual(own, identity);
  });
  if (found === undefined) throw badRequest(rpc, `no member with identity ${toHex(identity)}`);
  return found.leafIndex;
}

/** The identity in this member's own basic credential. */
export function ownIdentity(rpc: string, group: Group): Uint8Array {
  const own = group.members().find((m) => m.leafIndex === group.ownLeafIndex);
  const identity = own === undefined ? undefined : basicIdentity(own.credential);
  if (identity === undefined) throw wrongPhase(rpc, "own leaf has no basic credential");
  return identity;
}
