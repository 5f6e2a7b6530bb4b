/**
 * What both adapters share per method and per call: the prepared method runtime (handler, stats, logger,
 * looked up once at startup) and the lazily-built parts of a call context. Finishing a call records metrics,
 * writes the access log line at debug, and logs the cause of unexpected failures — in one place.
 */
import type { DescMethod } from "@bufbuild/protobuf";
import type { CallContext, PeerCertificate, Protocol } from "./call-context.js";
import type { CallTracker } from "./call-tracker.js";
import { Code, codeName, isUnexpected, toStatus, type Status } from "./errors.js";
import type { AnyHandler } from "./handlers.js";
import type { Logger } from "./logger.js";
import type { MethodStats } from "./metrics.js";

/** Everything an adapter needs to serve one method, built once when the server starts. */
export interface MethodRuntime {
  readonly desc: DescMethod;
  readonly handler: AnyHandler;
  readonly stats: MethodStats;
  readonly service: string;
  readonly method: string;
  /** Root logger with `grpc_service`/`grpc_method` bound. */
  readonly log: Logger;
  readonly tracker: CallTracker;
  readonly defaultDeadlineMs: number | undefined;
}

/** Tolerance for telling a client-side deadline cancel from a plain cancel; see deadlinePassed(). */
const DEADLINE_SLACK_MS = 50;

/** Builds the reason a signal aborts with when a deadline passes, matching `AbortSignal.timeout()`. */
function timeoutError(): Error {
  const e = new Error("deadline exceeded");
  e.name = "TimeoutError";
  return e;
}

/**
 * The protocol-independent half of a {@link CallContext}. Subclasses supply the transport facts; this class
 * creates the abort signal only when a handler first reads it and tears its listeners down at the end.
 */
export abstract class BaseCallContext implements CallContext {
  abstract readonly protocol: Protocol;
  abstract readonly peer: string;
  abstract readonly peerCertificate: PeerCertificate | undefined;
  abstract header(name: string): string | undefined;
  /** Subscribes to the transport's cancel/deadline notice; returns the unsubscribe function. */
  protected abstract onTransportAbort(abort: () => void): () => void;
  /** The client's deadline in epoch ms, if it sent one. */
  protected abstract clientDeadline(): number | undefined;

  readonly startMs = performance.now();
  private controller: AbortController | undefined;
  private cleanup: (() => void) | undefined;
  private logger: Logger | undefined;

  constructor(readonly rt: MethodRuntime) {}

  get service(): string {
    return this.rt.service;
  }
  get method(): string {
    return this.rt.method;
  }
  get deadline(): number | undefined {
    const d = this.clientDeadline();
    if (d !== undefined || this.rt.defaultDeadlineMs === undefined) return d;
    return Date.now() - (performance.now() - this.startMs) + this.rt.defaultDeadlineMs;
  }
  get log(): Logger {
    this.logger ??= this.rt.log.child({ peer: this.peer, protocol: this.protocol });
    return this.logger;
  }
  get signal(): AbortSignal {
    return (this.controller ?? this.createSignal()).signal;
  }

  /**
   * Whether the deadline (client's or default) has passed. A client whose own deadline timer fires cancels
   * the stream slightly before the server's copy of the deadline (which starts when the request arrives),
   * so a cancel within {@link DEADLINE_SLACK_MS} of it counts as the deadline.
   */
  deadlinePassed(): boolean {
    const d = this.deadline;
    return d !== undefined && Date.now() >= d - DEADLINE_SLACK_MS;
  }

  private createSignal(): AbortController {
    const c = new AbortController();
    this.controller = c;
    const abort = (): void =>
      c.abort(this.deadlinePassed() ? timeoutError() : this.rt.tracker.forceSignal.reason);
    const unsubscribe = this.onTransportAbort(() =>
      c.abort(this.deadlinePassed() ? timeoutError() : abortError("call cancelled by the client")),
    );
    const force = this.rt.tracker.forceSignal;
    if (force.aborted) abort();
    else force.addEventListener("abort", abort, { once: true });
    const deadline = this.deadline;
    const timer =
      deadline === undefined ? undefined : setTimeout(() => c.abort(timeoutError()), deadline - Date.now());
    this.cleanup = () => {
      unsubscribe();
      force.removeEventListener("abort", abort);
      if (timer !== undefined) clearTimeout(timer);
    };
    return c;
  }

  /** Releases listeners and timers; called exactly once when the call ends. */
  release(): void {
    if (this.cleanup !== undefined) this.cleanup();
  }
}

function abortError(message: string): Error {
  const e = new Error(message);
  e.name = "AbortError";
  return e;
}

/** The status of a call the transport already ended (client cancel or deadline). */
export function abandonedStatus(ctx: BaseCallContext): Status {
  return ctx.deadlinePassed()
    ? { code: Code.DeadlineExceeded, message: "deadline exceeded" }
    : { code: Code.Canceled, message: "call cancelled" };
}

export const OK: Status = { code: 0, message: "" };

/**
 * Ends a call's bookkeeping: metrics, access log, error log, listeners, in-flight count. `err` is the thrown
 * value when the handler failed; its status is returned so the adapter can send it.
 */
export function finishCall(ctx: BaseCallContext, status: Status, err?: unknown): void {
  const rt = ctx.rt;
  const seconds = (performance.now() - ctx.startMs) / 1000;
  rt.stats.finish(status.code, seconds);
  ctx.release();
  rt.tracker.end();
  if (err !== undefined) {
    // The cause of a deliberate ServiceError is worth a warning; anything unexpected is an error.
    if (isUnexpected(status))
      rt.log.error("handler failed", { code: codeName(status.code), peer: ctx.peer, err });
    else if (err instanceof Error && err.cause !== undefined) {
      rt.log.warn("handler error", { code: codeName(status.code), peer: ctx.peer, err });
    }
  }
  if (rt.log.enabled("debug")) {
    rt.log.debug("call", {
      protocol: ctx.protocol,
      peer: ctx.peer,
      code: codeName(status.code),
      ms: Math.round(seconds * 1e6) / 1e3,
    });
  }
}

/** Maps a handler failure to the status to send, and finishes the call with it. */
export function failCall(ctx: BaseCallContext, err: unknown): Status {
  const status = toStatus(err);
  finishCall(ctx, status, err);
  return status;
}
