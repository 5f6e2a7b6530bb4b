import type { MessageInitShape } from "@bufbuild/protobuf";
import type { GetEntriesRequest, GetEntriesResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { KeylogContext } from "../context.js";
import { invalidArgument, outOfRange, toIndex } from "./args.js";

/** GetEntries: published entries [start, end), at most the configured page per call. */
export function getEntriesRoute(k: KeylogContext) {
  return async (req: GetEntriesRequest): Promise<MessageInitShape<typeof GetEntriesResponseSchema>> => {
    const latest = k.sequencer.latest.size;
    const start = toIndex(req.start, "start");
    if (req.end <= req.start) throw invalidArgument(`end ${req.end} must be greater than start ${start}`);
    if (start >= latest) throw outOfRange(`start ${start} is not below the latest checkpoint size ${latest}`);
    const end = Math.min(latest, start + k.config.entriesPageLimit, toIndex(req.end, "end"));
    const entries = await k.store.getEntries(start, end);
    return { start: req.start, entries };
  };
}
