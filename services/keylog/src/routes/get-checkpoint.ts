import type { MessageInitShape } from "@bufbuild/protobuf";
import type { GetCheckpointResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { KeylogContext } from "../context.js";

/** GetCheckpoint: the latest signed checkpoint, with its size and root for convenience. */
export function getCheckpointRoute(k: KeylogContext) {
  return (): MessageInitShape<typeof GetCheckpointResponseSchema> => {
    const cp = k.sequencer.latest;
    return { checkpoint: cp.note, treeSize: BigInt(cp.size), rootHash: cp.rootHash };
  };
}
