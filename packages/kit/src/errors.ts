/**
 * The kit's single error vocabulary. Handlers throw {@link ServiceError}; everything else that escapes a
 * handler is turned into a gRPC status by {@link toStatus}, the one place that decides which codes and
 * messages reach the wire. Both adapters (grpc-js and Connect) call it, so a service behaves the same
 * whichever protocol a client speaks.
 */
import { Code, ConnectError } from "@connectrpc/connect";

export { Code };

/** A wire status: what a client is allowed to see. */
export interface Status {
  readonly code: Code | 0;
  readonly message: string;
  /** Extra string metadata sent with the status (trailers); only from {@link ServiceError} details. */
  readonly details?: Readonly<Record<string, string>>;
}

/**
 * Metadata keys a ServiceError may carry. gRPC reserves `grpc-` keys, and `-bin` keys carry bytes, so both are
 * refused here rather than silently dropped or corrupted by a transport later.
 */
const DETAIL_KEY = /^[a-z0-9][a-z0-9_.-]*$/;

function checkDetailKey(key: string): void {
  if (!DETAIL_KEY.test(key) || key.startsWith("grpc-") || key.endsWith("-bin")) {
    throw new TypeError(
      `ServiceError detail key '${key}' must be a lower-case header name, not grpc-* and not *-bin`,
    );
  }
}

/**
 * The one error type handlers throw. `message` goes on the wire verbatim, so it must describe the client's
 * mistake without secrets; `cause` is for the server log only and is never sent.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly code: Code;
  /** Sent as trailing metadata, e.g. `{ "retry-after-ms": "200" }`. */
  readonly details: Readonly<Record<string, string>>;

  constructor(code: Code, message: string, options?: { cause?: unknown; details?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    const details = options?.details ?? {};
    for (const key of Object.keys(details)) checkDetailKey(key);
    this.details = Object.freeze({ ...details });
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;
const mappings: { readonly type: ErrorClass; readonly code: Code }[] = [];

/**
 * Lets a library declare that its errors are the client's fault (or some other known code), e.g.
 * `registerErrorMapping(CodecError, Code.InvalidArgument)`. Their `message` is then sent to the client, so
 * only register error types whose messages describe input and never carry secrets. Later registrations win,
 * so a service can refine a library's default for a subclass.
 */
export function registerErrorMapping(type: ErrorClass, code: Code): void {
  mappings.unshift({ type, code });
}

/** The generic text sent for INTERNAL so that nothing from an unexpected exception leaks to clients. */
export const INTERNAL_MESSAGE = "internal error";

/**
 * Maps any thrown value to the status a client sees. Order: our own ServiceError, a status received from a
 * downstream Connect call, registered library errors, abort/timeout, then INTERNAL with a generic message.
 */
export function toStatus(err: unknown): Status {
  if (err instanceof ServiceError) {
    return Object.keys(err.details).length === 0
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  if (err instanceof ConnectError) return { code: err.code, message: err.rawMessage };
  if (err instanceof Error) {
    for (const m of mappings) if (err instanceof m.type) return { code: m.code, message: err.message };
    // DOM-style abort errors: AbortSignal.timeout() rejects with TimeoutError, abort() with AbortError.
    if (err.name === "TimeoutError") return { code: Code.DeadlineExceeded, message: "deadline exceeded" };
    if (err.name === "AbortError") return { code: Code.Canceled, message: "call cancelled" };
  }
  return { code: Code.Internal, message: INTERNAL_MESSAGE };
}

/** Whether a status hides an unexpected failure whose cause the server must log. */
export function isUnexpected(status: Status): boolean {
  return status.code === Code.Internal || status.code === Code.Unknown;
}

/** gRPC code names as go-grpc-prometheus and grpc-go spell them (`OK`, `INVALID_ARGUMENT`, …). */
const CODE_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

/** Number of gRPC status codes; codes are `0 … GRPC_CODE_COUNT - 1`. */
export const GRPC_CODE_COUNT = CODE_NAMES.length;

/** The canonical upper-case name of a gRPC status code; out-of-range numbers name themselves. */
export function codeName(code: number): string {
  return CODE_NAMES[code] ?? `CODE_${code}`;
}
