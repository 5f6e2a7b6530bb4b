/**
 * RFC 9420 §12.2/§12.4: "The sender of a Commit SHOULD include all proposals that it has received during the
 * current epoch that are valid … as long as this results in a valid proposal list." Cached proposals that would
 * make the list invalid are left out the way §12.2 suggests: its own Update and Remove never (the path replaces
 * them), a Remove preferred over an Update of the same leaf, the latest Update otherwise, and a ReInit only when
 * nothing else is pending. A caller may instead name the proposals itself (`selectByRef`).
 */
import { bytesEqual, encode, toHex } from "@parley/codec";
import { ProposalType, SenderType, encodePreSharedKeyID } from "../codec/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { UsageError } from "../errors.js";
import { isKnownProposal } from "./proposal-cache.js";
import type { ProposalCache, ProposalWithSender } from "./proposal-cache.js";

/** The identity a proposal claims, for de-duplication: leaf for Update/Remove, key for Add, id for PSK. */
function slot(entry: ProposalWithSender): string | undefined {
  const { proposal, sender } = entry;
  if (!isKnownProposal(proposal)) return undefined;
  switch (proposal.proposalType) {
    case ProposalType.update:
      return sender.senderType === SenderType.member ? `leaf:${sender.leafIndex}` : undefined;
    case ProposalType.remove:
      return `leaf:${proposal.remove.removed}`;
    case ProposalType.add:
      return `add:${toHex(proposal.add.keyPackage.leafNode.signatureKey)}`;
    case ProposalType.psk:
      return `psk:${toHex(encode(proposal.psk.psk, encodePreSharedKeyID))}`;
    case ProposalType.groupContextExtensions:
      return "gce";
    case ProposalType.reinit:
    case ProposalType.externalInit:
      return undefined;
  }
}

function isOwnUpdateOrRemove(entry: ProposalWithSender, committer: LeafIndex): boolean {
  const { proposal, sender } = entry;
  if (proposal.proposalType === ProposalType.update) {
    return sender.senderType === SenderType.member && sender.leafIndex === committer;
  }
  return (
    isKnownProposal(proposal) &&
    proposal.proposalType === ProposalType.remove &&
    proposal.remove.removed === committer
  );
}

function addsExistingMember(
  entry: ProposalWithSender,
  tree: RatchetTree,
  removed: ReadonlySet<number>,
): boolean {
  const { proposal } = entry;
  if (!isKnownProposal(proposal) || proposal.proposalType !== ProposalType.add) return false;
  const key = proposal.add.keyPackage.leafNode.signatureKey;
  return tree
    .members()
    .some((l) => !removed.has(l) && bytesEqual(tree.leaf(l)?.signatureKey ?? new Uint8Array(0), key));
}

/** The cached proposals a Commit by `committer` should cover by reference. */
export function selectPending(
  cached: readonly ProposalWithSender[],
  tree: RatchetTree,
  committer: LeafIndex,
): ProposalWithSender[] {
  const candidates = cached.filter(
    (e) => !isOwnUpdateOrRemove(e, committer) && e.proposal.proposalType !== ProposalType.externalInit,
  );
  const removals = candidates.filter((e) => e.proposal.proposalType === ProposalType.remove);
  const bySlot = new Map<string, ProposalWithSender>();
  const out: ProposalWithSender[] = [];
  for (const entry of [...removals, ...candidates.filter((e) => !removals.includes(e)).reverse()]) {
    const key = slot(entry);
    if (key === undefined) out.push(entry);
    else if (!bySlot.has(key)) bySlot.set(key, entry);
  }
  const chosen = new Set([...out, ...bySlot.values()]);
  const removed = new Set(
    [...chosen].flatMap((e) =>
      isKnownProposal(e.proposal) && e.proposal.proposalType === ProposalType.remove
        ? [e.proposal.remove.removed]
        : [],
    ),
  );
  const ordered = cached.filter((e) => chosen.has(e) && !addsExistingMember(e, tree, removed));
  const others = ordered.filter((e) => e.proposal.proposalType !== ProposalType.reinit);
  if (others.length > 0) return others;
  return ordered.slice(0, 1);
}

/**
 * The cached proposals named by `refs` (ProposalRefs, §5.2), in the caller's order. §12.4 lets a Commit cover
 * only proposals received in the current epoch, so a ref this member does not hold for `epoch` is refused
 * here by name, and so is a repeated one (the same proposal covered twice cannot be what the caller meant);
 * whether the chosen list is valid is left to the §12.2 checks every Commit goes through.
 */
export function selectByRef(
  cache: ProposalCache,
  refs: readonly Uint8Array[],
  epoch: bigint,
): ProposalWithSender[] {
  const seen = new Set<string>();
  return refs.map((ref, i) => {
    const hex = toHex(ref);
    if (seen.has(hex)) throw new UsageError(`proposalRefs[${i}] (${hex}) is listed twice`);
    seen.add(hex);
    const entry = cache.get(ref);
    if (entry === undefined) {
      throw new UsageError(
        `proposalRefs[${i}] (${hex}) is not a proposal this member holds in epoch ${epoch}`,
      );
    }
    return entry;
  });
}
