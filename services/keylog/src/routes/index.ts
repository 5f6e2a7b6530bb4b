import { bindService, type ServiceBinding } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { KeylogContext } from "../context.js";
import { appendRoute } from "./append.js";
import { getCheckpointRoute } from "./get-checkpoint.js";
import { getConsistencyProofRoute } from "./get-consistency-proof.js";
import { getEntriesRoute } from "./get-entries.js";
import { getInclusionProofRoute } from "./get-inclusion-proof.js";

/** The KeyLogService binding: one route file per RPC. */
export function keyLogService(k: KeylogContext): ServiceBinding {
  return bindService(KeyLogService, {
    append: appendRoute(k),
    getCheckpoint: getCheckpointRoute(k),
    getInclusionProof: getInclusionProofRoute(k),
    getConsistencyProof: getConsistencyProofRoute(k),
    getEntries: getEntriesRoute(k),
  });
}
