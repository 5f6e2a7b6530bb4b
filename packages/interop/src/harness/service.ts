/**
 * One MLSClient service from one library's handler groups: the assembly is the same whichever library a
 * harness wraps, only the groups, the store and the library's error mapping differ.
 */
import type {
  CommitHandlers,
  ExternalHandlers,
  Handlers,
  JoinHandlers,
  ProposalHandlers,
  ResumptionHandlers,
  StateHandlers,
} from "./handlers.js";
import { guarded } from "./guard.js";

/** A harness's handler groups over its store `S`, and how its library's exceptions reach the wire. */
export interface HarnessLibrary<S> {
  readonly join: (store: S) => JoinHandlers;
  readonly state: (store: S) => StateHandlers;
  readonly proposal: (store: S) => ProposalHandlers;
  readonly commit: (store: S) => CommitHandlers;
  readonly resumption: (store: S) => ResumptionHandlers;
  readonly external: (store: S) => ExternalHandlers;
  /** `fromLibrary(rpc, err)`: what to throw instead of the library's `err` (see guard.ts). */
  readonly fromLibrary: (rpc: string, err: unknown) => unknown;
}

/** Every RPC of the service over `store`, each guarded by the library's error mapping. */
export function harnessHandlers<S>(library: HarnessLibrary<S>, store: S): Handlers {
  const handlers: Handlers = {
    ...library.join(store),
    ...library.state(store),
    ...library.proposal(store),
    ...library.commit(store),
    ...library.resumption(store),
    ...library.external(store),
  };
  return guarded(handlers, library.fromLibrary);
}
