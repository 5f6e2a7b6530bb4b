/**
 * What a handler knows about the call it serves, independent of the protocol that carried it. Adapters build
 * it lazily: the abort signal, logger and certificate are only created when a handler touches them, because
 * most calls never do and the per-call budget is a few microseconds.
 */
import { X509Certificate } from "node:crypto";
import type { Logger } from "./logger.js";

/** The verified TLS client certificate of an mTLS call. */
export interface PeerCertificate {
  /** Distinguished name, e.g. `CN=alice, O=Parley`. */
  readonly subject: string;
  /** SHA-256 fingerprint as colon-separated upper-case hex (Node's `fingerprint256`). */
  readonly fingerprint256: string;
  /** DER encoding. */
  readonly raw: Uint8Array;
}

export type Protocol = "grpc" | "connect" | "grpc-web";

export interface CallContext {
  /** Fully-qualified service name, e.g. `parley.keylog.v1.KeyLogService`. */
  readonly service: string;
  /** Method name as in the .proto, e.g. `Append`. */
  readonly method: string;
  readonly protocol: Protocol;
  /** Remote address of the connection. */
  readonly peer: string;
  /** Aborted when the client cancels, the deadline passes, or shutdown gives up waiting for the call. */
  readonly signal: AbortSignal;
  /** Absolute deadline in epoch milliseconds, if the client (or the server's default) set one. */
  readonly deadline: number | undefined;
  /** A request metadata value; `name` is lower-case. Binary (`-bin`) values are not exposed here. */
  header(name: string): string | undefined;
  /** The client's certificate when the connection is mTLS and the certificate verified. */
  readonly peerCertificate: PeerCertificate | undefined;
  /** Logger carrying `service`/`method` fields for this call. */
  readonly log: Logger;
}

/** Converts the certificate Node hands out for a TLS socket into the kit's {@link PeerCertificate}. */
export function toPeerCertificate(raw: Uint8Array | undefined): PeerCertificate | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const x509 = new X509Certificate(raw);
  return {
    subject: x509.subject.split("\n").join(", "),
    fingerprint256: x509.fingerprint256,
    raw: new Uint8Array(raw),
  };
}
