/**
 * The handler map type for the contract's MLSClient service and the small pieces every handler group uses,
 * whichever MLS library a harness wraps.
 */
import type { ServiceHandlers } from "@parley/kit";
import type { MLSClient } from "../gen/mls_client_pb.js";

export type Handlers = ServiceHandlers<typeof MLSClient>;

/** A slice of the service's handlers, one file's worth. */
export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;
