/**
 * The `ParleyIdentity` structure: the `identity` bytes of an RFC 9420 §5.3 BasicCredential that
 * the Authentication Service issues, and the `ParleyIdentityTBS` it signs (docs/identity.md).
 *
 * ```
 * struct {
 *   uint16 version;                 // 1
 *   opaque user_id<V>;              // UTF-8, non-empty
 *   opaque client_id<V>;            // non-empty
 *   uint16 signature_scheme;        // TLS SignatureScheme of the client's MLS signature key
 *   uint64 not_before;              // seconds since the Unix epoch
 *   uint64 not_after;
 *   opaque issuer_key_id<V>;
 *   opaque signature<V>;            // AS Ed25519 signature over ParleyIdentityTBS
 * } ParleyIdentity;
 * ```
 */
import { decode, encode, CodecError, type Reader, type Writer } from "@parley/codec";
import { IdentityError } from "./errors.js";
import { isKnownSignatureScheme } from "./signature-scheme.js";

export const PARLEY_IDENTITY_VERSION = 1;
const TBS_LABEL = new TextEncoder().encode("Parley AS credential v1");
/** RFC 8032 §5.1.6: an Ed25519 signature is 64 bytes. */
const ED25519_SIGNATURE_LENGTH = 64;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export interface ParleyIdentity {
  readonly version: number;
  readonly userId: string;
  readonly clientId: Uint8Array;
  readonly signatureScheme: number;
  /** Seconds since the Unix epoch; valid while `notBefore <= now < notAfter`. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuerKeyId: Uint8Array;
  readonly signature: Uint8Array;
}

/** What the AS signs: the identity's fields plus the client's signature key it vouches for. */
export type ParleyIdentityTbs = Omit<ParleyIdentity, "signature"> & { readonly signatureKey: Uint8Array };

function malformed(message: string): IdentityError {
  return new IdentityError("malformed", message);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function encodeUserId(userId: string): Uint8Array {
  if (userId.length === 0) throw malformed("ParleyIdentity.user_id is empty");
  const bytes = new TextEncoder().encode(userId);
  // A lone surrogate would silently become U+FFFD; the round trip catches it.
  if (utf8.decode(bytes) !== userId) throw malformed("ParleyIdentity.user_id has unpaired surrogates");
  return bytes;
}

/** The rules decoding enforces, checked before encoding so only decodable bytes are produced. */
function checkFields(v: Omit<ParleyIdentity, "signature" | "userId">): void {
  if (v.version !== PARLEY_IDENTITY_VERSION) {
    throw malformed(`ParleyIdentity.version ${v.version} is not ${PARLEY_IDENTITY_VERSION}`);
  }
  if (v.clientId.length === 0) throw malformed("ParleyIdentity.client_id is empty");
  if (!isKnownSignatureScheme(v.signatureScheme)) {
    throw malformed(
      `ParleyIdentity.signature_scheme 0x${v.signatureScheme.toString(16)} is not an MLS scheme`,
    );
  }
  for (const [name, t] of [
    ["not_before", v.notBefore],
    ["not_after", v.notAfter],
  ] as const) {
    if (!Number.isSafeInteger(t) || t < 0) throw malformed(`ParleyIdentity.${name} ${t} is out of range`);
  }
  if (v.notBefore >= v.notAfter) throw malformed("ParleyIdentity.not_before is not before not_after");
  if (v.issuerKeyId.length === 0) throw malformed("ParleyIdentity.issuer_key_id is empty");
}

export function writeParleyIdentity(w: Writer, v: ParleyIdentity): void {
  const userId = encodeUserId(v.userId);
  checkFields(v);
  if (v.signature.length !== ED25519_SIGNATURE_LENGTH) {
    throw malformed(`ParleyIdentity.signature is ${v.signature.length} bytes, not 64`);
  }
  w.u16(v.version).opaque(userId).opaque(v.clientId).u16(v.signatureScheme);
  w.u64(BigInt(v.notBefore)).u64(BigInt(v.notAfter));
  w.opaque(v.issuerKeyId).opaque(v.signature);
}

function readTime(r: Reader, field: string): number {
  const t = r.u64(field);
  if (t > BigInt(MAX_SAFE)) throw malformed(`${field} ${t} is above 2^53-1`);
  return Number(t);
}

export function readParleyIdentity(r: Reader): ParleyIdentity {
  const version = r.u16("ParleyIdentity.version");
  if (version !== PARLEY_IDENTITY_VERSION) {
    throw malformed(`ParleyIdentity.version ${version} is not ${PARLEY_IDENTITY_VERSION}`);
  }
  const rawUser = r.opaque("ParleyIdentity.user_id");
  let userId: string;
  try {
    userId = utf8.decode(rawUser);
  } catch (cause) {
    throw new IdentityError("malformed", "ParleyIdentity.user_id is not UTF-8", { cause });
  }
  const v: ParleyIdentity = {
    version,
    userId,
    clientId: r.opaque("ParleyIdentity.client_id").slice(),
    signatureScheme: r.u16("ParleyIdentity.signature_scheme"),
    notBefore: readTime(r, "ParleyIdentity.not_before"),
    notAfter: readTime(r, "ParleyIdentity.not_after"),
    issuerKeyId: r.opaque("ParleyIdentity.issuer_key_id").slice(),
    signature: r.opaque("ParleyIdentity.signature").slice(),
  };
  if (userId.length === 0) throw malformed("ParleyIdentity.user_id is empty");
  checkFields(v);
  if (v.signature.length !== ED25519_SIGNATURE_LENGTH) {
    throw malformed(`ParleyIdentity.signature is ${v.signature.length} bytes, not 64`);
  }
  return v;
}

/** Canonical encoding; refuses any value `decodeParleyIdentity` would refuse. */
export function encodeParleyIdentity(v: ParleyIdentity): Uint8Array {
  return encode(v, writeParleyIdentity);
}

/** Strict decoding: truncation, trailing bytes and every field rule raise `IdentityError("malformed")`. */
export function decodeParleyIdentity(bytes: Uint8Array): ParleyIdentity {
  try {
    return decode(bytes, readParleyIdentity, "ParleyIdentity");
  } catch (err) {
    if (err instanceof CodecError) throw new IdentityError("malformed", err.message, { cause: err });
    throw err;
  }
}

/** The bytes the AS signs (`ParleyIdentityTBS`), label first so they cannot be confused with other signed data. */
export function encodeParleyIdentityTbs(v: ParleyIdentityTbs): Uint8Array {
  const userId = encodeUserId(v.userId);
  checkFields(v);
  if (v.signatureKey.length === 0) throw malformed("ParleyIdentityTBS.signature_key is empty");
  return encode(v, (w) => {
    w.opaque(TBS_LABEL).u16(v.version).opaque(userId).opaque(v.clientId).u16(v.signatureScheme);
    w.opaque(v.signatureKey).u64(BigInt(v.notBefore)).u64(BigInt(v.notAfter)).opaque(v.issuerKeyId);
  });
}
