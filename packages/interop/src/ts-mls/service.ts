/**
 * The ts-mls harness: every MLSClient RPC of the MLS working group's interop contract over the `ts-mls`
 * npm package (1.6.4), bound for the kit's server. RPCs ts-mls cannot serve answer UNIMPLEMENTED with the
 * reason; nothing is simulated.
 */
import { bindService, type ServiceBinding } from "@parley/kit";
import { MLSClient } from "../gen/mls_client_pb.js";
import { commitHandlers } from "./commit-handlers.js";
import { fromLibrary } from "./errors.js";
import { externalHandlers } from "./external-handlers.js";
import type { Handlers } from "./handlers.js";
import { joinHandlers } from "./join-handlers.js";
import { proposalHandlers } from "./proposal-handlers.js";
import { resumptionHandlers } from "./resumption-handlers.js";
import { stateHandlers } from "./state-handlers.js";
import { HarnessStore } from "./store.js";

type AnyUnary = (req: unknown, ctx: unknown) => unknown;

/** Wraps each handler so ts-mls's own errors reach the wire as statuses naming the RPC (see errors.ts). */
function guarded(handlers: Handlers): Handlers {
  const out: Record<string, AnyUnary> = {};
  for (const method of MLSClient.methods) {
    const h = Reflect.get(handlers, method.localName) as AnyUnary;
    out[method.localName] = async (req, ctx) => {
      try {
        return await h(req, ctx);
      } catch (err) {
        throw fromLibrary(method.name, err);
      }
    };
  }
  return out as unknown as Handlers;
}

/** Handlers over a fresh, private store (one store per server: ids are per harness process). */
export function tsMlsHandlers(store = new HarnessStore()): Handlers {
  return guarded({
    ...joinHandlers(store),
    ...stateHandlers(store),
    ...proposalHandlers(store),
    ...commitHandlers(store),
    ...resumptionHandlers(store),
    ...externalHandlers(store),
  });
}

export function tsMlsBinding(store?: HarnessStore): ServiceBinding {
  return bindService(MLSClient, tsMlsHandlers(store));
}
