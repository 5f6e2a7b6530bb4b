/**
 * New groups that resume an old one (RFC 9420 §11): ReInit (§11.2) and subgroup branching (§11.3). Both start a
 * fresh group whose first Commit injects a resumption PSK (§8.6) of usage `reinit` or `branch` from the old
 * group, and whose joiners need that PSK to open the Welcome. Parley's group API cannot do either side yet, so
 * these RPCs check their ids and answer UNIMPLEMENTED naming what is missing.
 */
import type { HandlerGroup } from "../harness/handlers.js";
import { unsupported } from "./errors.js";
import type { ParleyStore } from "./store.js";

/** Why the creator side cannot be served (ReInitWelcome, CreateBranch). */
const NO_SUCCESSOR_GROUP =
  "Group has no API to start a successor group: its first Commit must carry a PreSharedKey proposal for the old " +
  "group's resumption PSK with usage reinit/branch (RFC 9420 §11.2/§11.3), but Group.commit() rejects such " +
  "proposals everywhere (GROUP-4, stricter than §12.1.4, which allows them in a reinit/branch) and a new Group " +
  "cannot reach another group's resumption_psk";

/** Why the joiner side cannot be served (HandleReInitWelcome, HandleBranch). */
const NO_RESUMPTION_EXPORT =
  "Group.joinFromWelcome() accepts a ResumptionPskStore, but no Group exposes its resumption PSKs (§8.6) to " +
  "fill one, so a Welcome that requires the old group's reinit/branch PSK cannot be opened";

export function resumptionHandlers(
  store: ParleyStore,
): HandlerGroup<"reInitWelcome" | "handleReInitWelcome" | "createBranch" | "handleBranch"> {
  return {
    reInitWelcome(req) {
      store.get("ReInitWelcome", req.reinitId, "reinit");
      throw unsupported("ReInitWelcome", NO_SUCCESSOR_GROUP);
    },

    handleReInitWelcome(req) {
      store.get("HandleReInitWelcome", req.reinitId, "reinit");
      throw unsupported("HandleReInitWelcome", NO_RESUMPTION_EXPORT);
    },

    createBranch(req) {
      store.get("CreateBranch", req.stateId, "group");
      throw unsupported("CreateBranch", NO_SUCCESSOR_GROUP);
    },

    handleBranch(req) {
      store.get("HandleBranch", req.stateId, "group");
      store.get("HandleBranch", req.transactionId, "transaction");
      throw unsupported("HandleBranch", NO_RESUMPTION_EXPORT);
    },
  };
}
