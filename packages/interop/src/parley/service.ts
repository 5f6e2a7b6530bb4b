/**
 * The Parley harness: every MLSClient RPC of the MLS working group's interop contract over `@parley/mls`'s
 * group API (`Group`), bound for the kit's server. RPCs the group API cannot serve answer UNIMPLEMENTED with
 * the reason; nothing is simulated.
 */
import { bindService, type ServiceBinding } from "@parley/kit";
import { MLSClient } from "../gen/mls_client_pb.js";
import type { Handlers } from "../harness/handlers.js";
import { harnessHandlers, type HarnessLibrary } from "../harness/service.js";
import { HarnessStore } from "../harness/store.js";
import { commitHandlers } from "./commit-handlers.js";
import { fromLibrary } from "./errors.js";
import { externalHandlers } from "./external-handlers.js";
import { joinHandlers } from "./join-handlers.js";
import { proposalHandlers } from "./proposal-handlers.js";
import { resumptionHandlers } from "./resumption-handlers.js";
import { stateHandlers } from "./state-handlers.js";
import type { Entry, ParleyStore } from "./store.js";

const LIBRARY: HarnessLibrary<ParleyStore> = {
  join: joinHandlers,
  state: stateHandlers,
  proposal: proposalHandlers,
  commit: commitHandlers,
  resumption: resumptionHandlers,
  external: externalHandlers,
  fromLibrary,
};

/** Handlers over a fresh, private store (one store per server: ids are per harness process). */
export function parleyHandlers(store: ParleyStore = new HarnessStore<Entry>()): Handlers {
  return harnessHandlers(LIBRARY, store);
}

export function parleyBinding(store?: ParleyStore): ServiceBinding {
  return bindService(MLSClient, parleyHandlers(store));
}
