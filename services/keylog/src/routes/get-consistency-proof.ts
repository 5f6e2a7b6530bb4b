import type { MessageInitShape } from "@bufbuild/protobuf";
import type {
  GetConsistencyProofRequest,
  GetConsistencyProofResponseSchema,
} from "@parley/proto/parley/keylog/v1/keylog_pb";
import { proveConsistency } from "@parley/tlog";
import type { KeylogContext } from "../context.js";
import { invalidArgument, resolveTreeSize, toIndex, outOfRange } from "./args.js";

/** GetConsistencyProof: RFC 9162 §2.1.4.1 PROOF(first_size, D[second_size]). */
export function getConsistencyProofRoute(k: KeylogContext) {
  return async (
    req: GetConsistencyProofRequest,
  ): Promise<MessageInitShape<typeof GetConsistencyProofResponseSchema>> => {
    const latest = k.sequencer.latest.size;
    const second = resolveTreeSize(req.secondSize, latest, "second_size");
    const first = toIndex(req.firstSize, "first_size");
    if (first > latest) throw outOfRange(`first_size ${first} exceeds the latest checkpoint size ${latest}`);
    if (first > second) throw invalidArgument(`first_size ${first} is larger than second_size ${second}`);
    // RFC 9162 §2.1.4: consistency proofs are defined for 0 < first_size.
    if (first === 0) throw invalidArgument("first_size must be at least 1 (RFC 9162 §2.1.4)");
    const proof = await proveConsistency(first, second, k.store.nodes);
    return { firstSize: BigInt(first), secondSize: BigInt(second), proof };
  };
}
