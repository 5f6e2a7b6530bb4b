/**
 * Wraps every MLSClient handler so that a library's own exceptions reach the wire as statuses naming the RPC.
 * Each harness supplies the mapping for its library; `ServiceError`s pass through untouched.
 */
import { MLSClient } from "../gen/mls_client_pb.js";
import type { Handlers } from "./handlers.js";

type AnyUnary = (req: unknown, ctx: unknown) => unknown;

/** `mapError(rpc, err)` returns what to throw instead of `err` (a ServiceError, or `err` itself). */
export function guarded(handlers: Handlers, mapError: (rpc: string, err: unknown) => unknown): Handlers {
  const out: Record<string, AnyUnary> = {};
  for (const method of MLSClient.methods) {
    const h = Reflect.get(handlers, method.localName) as AnyUnary;
    out[method.localName] = async (req, ctx) => {
      try {
        return await h(req, ctx);
      } catch (err) {
        throw mapError(method.name, err);
      }
    };
  }
  return out as unknown as Handlers;
}
