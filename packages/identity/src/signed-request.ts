/**
 * Signed client requests: the client proves possession of the signature key its Parley credential
 * vouches for by signing each call's method, time, nonce and body hash.
 *
 * ```
 * struct {
 *   opaque label<V> = "Parley request v1";
 *   opaque method<V>;        // "/pkg.Service/Method"
 *   uint64 timestamp_ms;
 *   opaque nonce<V>;         // 16 random bytes
 *   opaque body_hash<V>;     // SHA-256 of the serialized request message
 * } ParleyRequestTBS;
 * ```
 */
import { encode } from "@parley/codec";
import { IdentityError } from "./errors.js";
import { sha256 } from "./signature-scheme.js";

/** The gRPC metadata names of a signed request. */
export const RequestHeader = {
  credential: "parley-credential",
  signatureKey: "parley-signature-key",
  timestamp: "parley-timestamp",
  nonce: "parley-nonce",
  signature: "parley-signature",
} as const;

export const REQUEST_NONCE_LENGTH = 16;
const LABEL = new TextEncoder().encode("Parley request v1");

export interface RequestTbs {
  readonly method: string;
  readonly timestampMs: number;
  readonly nonce: Uint8Array;
  readonly body: Uint8Array;
}

/** `/pkg.Service/Method`, as gRPC puts it in the `:path` pseudo-header. */
const METHOD = /^\/[A-Za-z_][A-Za-z0-9_.]*\/[A-Za-z_][A-Za-z0-9_]*$/;

/** The bytes a request signature covers. */
export function encodeRequestTbs(v: RequestTbs): Uint8Array {
  if (!METHOD.test(v.method))
    throw new IdentityError("malformed", `method '${v.method}' is not /pkg.Service/Method`);
  if (!Number.isSafeInteger(v.timestampMs) || v.timestampMs < 0) {
    throw new IdentityError("malformed-header", "timestamp is not a non-negative integer");
  }
  return encode(v, (w) => {
    w.opaque(LABEL).opaque(new TextEncoder().encode(v.method)).u64(BigInt(v.timestampMs));
    w.opaque(v.nonce).opaque(sha256(v.body));
  });
}
