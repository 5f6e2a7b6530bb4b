/**
 * The Parley harness: every MLSClient RPC of the MLS working group's interop contract over `@parley/mls`'s
 * group API (`Group`), bound for the kit's server. RPCs the group API cannot serve answer UNIMPLEMENTED with
 * the reason; nothing is simulated.
 */
import { bindService, type ServiceBinding } from "@parley/kit";
import { MLSClient } from "../gen/mls_client_pb.js";
import { guarded } from "../harness/guard.js";
import type { Handlers } from "../harness/handlers.js";
import { HarnessStore } from "../harness/store.js";
import { commitHandlers } from "./commit-handlers.js";
import { fromLibrary } from "./errors.js";
import { externalHandlers } from "./external-handlers.js";
import { joinHandlers } from "./join-handlers.js";
import { proposalHandlers } from "./proposal-handlers.js";
import { resumptionHandlers } from "./resumption-handlers.js";
import { stateHandlers } from "./state-handlers.js";
import type { Entry, ParleyStore } from "./store.js";

/** Handlers over a fresh, private store (one store per server: ids are per harness process). */
export function parleyHandlers(store: ParleyStore = new HarnessStore<Entry>()): Handlers {
  return guarded(
    {
      ...joinHandlers(store),
      ...stateHandlers(store),
      ...proposalHandlers(store),
      ...commitHandlers(store),
      ...resumptionHandlers(store),
      ...externalHandlers(store),
    },
    fromLibrary,
  );
}

export function parleyBinding(store?: ParleyStore): ServiceBinding {
  return bindService(MLSClient, parleyHandlers(store));
}
