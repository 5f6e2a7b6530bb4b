/**
 * The ts-mls harness: every MLSClient RPC of the MLS working group's interop contract over the `ts-mls`
 * npm package (1.6.4), bound for the kit's server. RPCs ts-mls cannot serve answer UNIMPLEMENTED with the
 * reason; nothing is simulated.
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
import type { Entry, TsMlsStore } from "./store.js";

const LIBRARY: HarnessLibrary<TsMlsStore> = {
  join: joinHandlers,
  state: stateHandlers,
  proposal: proposalHandlers,
  commit: commitHandlers,
  resumption: resumptionHandlers,
  external: externalHandlers,
  fromLibrary,
};

/** Handlers over a fresh, private store (one store per server: ids are per harness process). */
export function tsMlsHandlers(store: TsMlsStore = new HarnessStore<Entry>()): Handlers {
  return harnessHandlers(LIBRARY, store);
}

export function tsMlsBinding(store?: TsMlsStore): ServiceBinding {
  return bindService(MLSClient, tsMlsHandlers(store));
}
