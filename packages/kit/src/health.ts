/**
 * The standard gRPC health service (grpc.health.v1, as defined in grpc/grpc's doc/health-checking.md):
 * `Check` answers with a service's current status or NOT_FOUND for a name never registered; `Watch` sends the
 * current status (SERVICE_UNKNOWN for unregistered names) and then every change. The empty name is the
 * server's overall status. Statuses are set by the server (SERVING at start, NOT_SERVING when shutdown
 * begins) and by services that lose a dependency.
 */
import {
  Health,
  HealthCheckResponse_ServingStatus as ServingStatus,
  type HealthCheckResponseSchema,
} from "@parley/proto/grpc/health/v1/health_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CallContext } from "./call-context.js";
import { Code, ServiceError } from "./errors.js";
import { bindService, type ServiceBinding } from "./handlers.js";

export { ServingStatus };

type Listener = (status: ServingStatus) => void;

/** Holds serving statuses and notifies watchers. */
export class HealthReporter {
  private readonly statuses = new Map<string, ServingStatus>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();
  private closed = false;

  /** Sets the status of `service` (a fully-qualified service name, or "" for the whole server). */
  setStatus(service: string, status: ServingStatus.SERVING | ServingStatus.NOT_SERVING): void {
    if (this.closed) return;
    this.update(service, status);
  }

  /** The current status, or undefined for a name never set. */
  getStatus(service: string): ServingStatus | undefined {
    return this.statuses.get(service);
  }

  /** Whether the overall ("") status is SERVING; drives `/readyz`. */
  get ready(): boolean {
    return this.statuses.get("") === ServingStatus.SERVING;
  }

  /**
   * Marks every service NOT_SERVING, lets watchers receive that, then ends their streams so that draining
   * is not held up by open Watch calls. Later setStatus calls are ignored.
   */
  shutdown(): void {
    for (const name of this.statuses.keys()) this.update(name, ServingStatus.NOT_SERVING);
    this.closed = true;
    for (const close of this.closers) close();
    this.closers.clear();
  }

  private update(service: string, status: ServingStatus): void {
    if (this.statuses.get(service) === status) return;
    this.statuses.set(service, status);
    for (const l of this.listeners.get(service) ?? []) l(status);
  }

  /** Current status then each change, until `signal` aborts or the reporter shuts down. */
  async *watch(service: string, signal: AbortSignal): AsyncGenerator<ServingStatus> {
    let pending: ServingStatus | undefined = this.statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
    let wake: (() => void) | undefined;
    let ended = this.closed;
    const onChange: Listener = (s) => {
      pending = s;
      wake?.();
    };
    const onEnd = (): void => {
      ended = true;
      wake?.();
    };
    const set = this.listeners.get(service) ?? new Set<Listener>();
    this.listeners.set(service, set);
    set.add(onChange);
    this.closers.add(onEnd);
    signal.addEventListener("abort", onEnd, { once: true });
    try {
      for (;;) {
        if (pending !== undefined) {
          const s: ServingStatus = pending;
          pending = undefined;
          yield s;
          continue;
        }
        if (ended || signal.aborted) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      set.delete(onChange);
      if (set.size === 0) this.listeners.delete(service);
      this.closers.delete(onEnd);
      signal.removeEventListener("abort", onEnd);
    }
  }
}

type Response = MessageInitShape<typeof HealthCheckResponseSchema>;

/** The grpc.health.v1.Health service over `reporter`, for both adapters. */
export function healthService(reporter: HealthReporter): ServiceBinding {
  return bindService(Health, {
    check(req): Response {
      const status = reporter.getStatus(req.service);
      if (status === undefined) throw new ServiceError(Code.NotFound, `unknown service '${req.service}'`);
      return { status };
    },
    async *watch(req, ctx: CallContext): AsyncGenerator<Response> {
      for await (const status of reporter.watch(req.service, ctx.signal)) yield { status };
    },
  });
}
