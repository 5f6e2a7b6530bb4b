/**
 * Runner for the MLS interop `tree-operations.json` vectors (RFC 9420 §12.1.1–§12.1.3, §7.7, §7.8). One case
 * per JSON element: the tree before hashes to `tree_hash_before`; applying the Add, Update or Remove proposal
 * (sent by `proposal_sender`) yields exactly `tree_after` (as serialised) and `tree_hash_after`.
 */
import { decode, encode } from "@parley/codec";
import { ProposalType, decodeProposal } from "../codec/proposal.js";
import { encodeRatchetTree } from "../codec/ratchet-tree.js";
import type { CryptoProvider } from "../crypto/provider.js";
import { toLeafIndex } from "../tree-math/index.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { ShapeError, hex, runCases, uint } from "./vector-case.js";

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("tree-operations", data, provider, (cs, c, diffs) => {
    const tree = ratchetTreeFromBytes(cs, hex(c, "tree_before"), "tree_before");
    diffs.bytes("tree hash before", tree.treeHash(), hex(c, "tree_hash_before"));
    const proposal = decode(hex(c, "proposal"), (r) => decodeProposal(r), "proposal");
    const sender = toLeafIndex(uint(c, "proposal_sender"));
    if (proposal.proposalData !== undefined)
      throw new ShapeError(`unknown proposal type ${proposal.proposalType}`);
    switch (proposal.proposalType) {
      case ProposalType.add:
        tree.addLeaf(proposal.add.keyPackage.leafNode);
        break;
      case ProposalType.update:
        tree.updateLeaf(sender, proposal.update.leafNode);
        break;
      case ProposalType.remove:
        tree.removeLeaf(toLeafIndex(proposal.remove.removed));
        break;
      case ProposalType.psk:
      case ProposalType.reinit:
      case ProposalType.externalInit:
      case ProposalType.groupContextExtensions:
        throw new ShapeError(`proposal type ${proposal.proposalType} does not change the tree`);
    }
    diffs.bytes("tree after", encode(tree.toNodes(), encodeRatchetTree), hex(c, "tree_after"));
    diffs.bytes("tree hash after", tree.treeHash(), hex(c, "tree_hash_after"));
  });
