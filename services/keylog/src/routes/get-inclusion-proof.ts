import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ServiceError } from "@parley/kit";
import type {
  GetInclusionProofRequest,
  GetInclusionProofResponseSchema,
} from "@parley/proto/parley/keylog/v1/keylog_pb";
import { HASH_SIZE, proveInclusion } from "@parley/tlog";
import type { KeylogContext } from "../context.js";
import { invalidArgument, outOfRange, resolveTreeSize, toIndex } from "./args.js";

async function leafIndex(
  k: KeylogContext,
  req: GetInclusionProofRequest,
  published: number,
): Promise<number> {
  switch (req.leaf.case) {
    case "index":
      return toIndex(req.leaf.value, "index");
    case "leafHash": {
      const hash = req.leaf.value;
      if (hash.length !== HASH_SIZE) {
        throw invalidArgument(`leaf_hash must be ${HASH_SIZE} bytes, got ${hash.length}`);
      }
      const index = await k.store.findLeafIndex(hash);
      // Durable but not yet signed entries are not part of any published tree.
      if (index === undefined || index >= published) {
        throw new ServiceError(Code.NotFound, "no published entry has this leaf hash");
      }
      return index;
    }
    case undefined:
      throw invalidArgument("set either index or leaf_hash");
  }
}

/** GetInclusionProof: RFC 9162 §2.1.3.1 PATH(index, D[tree_size]) from the stored tiles. */
export function getInclusionProofRoute(k: KeylogContext) {
  return async (
    req: GetInclusionProofRequest,
  ): Promise<MessageInitShape<typeof GetInclusionProofResponseSchema>> => {
    const latest = k.sequencer.latest;
    const size = resolveTreeSize(req.treeSize, latest.size, "tree_size");
    const index = await leafIndex(k, req, latest.size);
    if (index >= size) throw outOfRange(`leaf index ${index} is not in the tree of size ${size}`);
    const proof = await proveInclusion(index, size, k.store.nodes);
    return {
      index: BigInt(index),
      treeSize: BigInt(size),
      proof,
      checkpoint: req.treeSize === 0n ? latest.note : "",
    };
  };
}
