import type { MessageInitShape } from "@bufbuild/protobuf";
import type { LogProofSchema } from "@parley/proto/parley/auth/v1/auth_pb";
import type { LoggedEntry } from "../keylog/log-client.js";

/** The wire form of an entry's proof: what a client needs to verify it offline. */
export function logProofMessage(e: LoggedEntry): MessageInitShape<typeof LogProofSchema> {
  return {
    entry: e.entry,
    index: BigInt(e.index),
    inclusionProof: e.inclusionProof,
    treeSize: BigInt(e.treeSize),
    checkpoint: e.checkpoint,
  };
}
