import { CodecError, decode, toHex } from "@parley/codec";
import { decodeCredential, type Credential } from "@parley/mls";
import { decodeBase64Url } from "./base64url.js";
import { verifyParleyCredential, type ParleyTrust } from "./credential.js";
import { IdentityError } from "./errors.js";
import type { ReplayGuard } from "./replay-guard.js";
import { encodeRequestTbs, REQUEST_NONCE_LENGTH, RequestHeader } from "./signed-request.js";
import { suiteForScheme } from "./signature-scheme.js";

export interface VerifyRequestInput {
  readonly method: string;
  /** `toBinary(RequestSchema, request)` of the decoded request. */
  readonly body: Uint8Array;
  readonly metadata: (name: string) => string | undefined;
  readonly trust: ParleyTrust;
  readonly replay: ReplayGuard;
  readonly now: Date;
}

/** The client a verified request came from. */
export interface VerifiedClient {
  readonly userId: string;
  readonly clientId: Uint8Array;
  readonly signatureScheme: number;
  readonly signatureKey: Uint8Array;
  readonly credential: Credential;
  /** Seconds since the epoch: when the credential stops being accepted. */
  readonly notAfter: number;
}

function header(read: (name: string) => string | undefined, name: string): string {
  const value = read(name);
  if (value === undefined || value.length === 0)
    throw new IdentityError("missing-header", `${name} is missing`);
  return value;
}

function bytesHeader(read: (name: string) => string | undefined, name: string): Uint8Array {
  const bytes = decodeBase64Url(header(read, name));
  if (bytes === undefined) throw new IdentityError("malformed-header", `${name} is not unpadded base64url`);
  return bytes;
}

function timestampHeader(read: (name: string) => string | undefined): number {
  const text = header(read, RequestHeader.timestamp);
  const value = /^(0|[1-9][0-9]{0,15})$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new IdentityError("malformed-header", `${RequestHeader.timestamp} is not decimal milliseconds`);
  }
  return value;
}

function credentialHeader(read: (name: string) => string | undefined): Credential {
  const bytes = bytesHeader(read, RequestHeader.credential);
  try {
    return decode(bytes, decodeCredential, "Credential");
  } catch (err) {
    if (!(err instanceof CodecError)) throw err;
    throw new IdentityError("malformed-header", `${RequestHeader.credential} is not an MLS Credential`, {
      cause: err,
    });
  }
}

/**
 * Authenticates one client request: every header present and well-formed, the credential issued
 * by a trusted AS for the presented key and currently valid, the request signature by that key
 * over this method, time, nonce and body, and the nonce fresh. Throws `IdentityError` otherwise.
 */
export function verifyRequest(input: VerifyRequestInput): VerifiedClient {
  const read = input.metadata;
  const credential = credentialHeader(read);
  const signatureKey = bytesHeader(read, RequestHeader.signatureKey);
  const timestampMs = timestampHeader(read);
  const nonceText = header(read, RequestHeader.nonce);
  const nonce = bytesHeader(read, RequestHeader.nonce);
  if (nonce.length !== REQUEST_NONCE_LENGTH) {
    throw new IdentityError(
      "malformed-header",
      `${RequestHeader.nonce} is not ${REQUEST_NONCE_LENGTH} bytes`,
    );
  }
  const signature = bytesHeader(read, RequestHeader.signature);
  const verified = verifyParleyCredential(credential, signatureKey, input.trust, input.now);
  const tbs = encodeRequestTbs({ method: input.method, timestampMs, nonce, body: input.body });
  if (!suiteForScheme(verified.signatureScheme).verify(signatureKey, tbs, signature)) {
    throw new IdentityError(
      "bad-request-signature",
      "the request signature does not verify with the credential's key",
    );
  }
  // Only a correctly signed request may consume a nonce, so nobody can burn another client's nonces.
  input.replay.check(toHex(signatureKey), nonceText, timestampMs, input.now.getTime());
  return {
    userId: verified.userId,
    clientId: verified.clientId,
    signatureScheme: verified.signatureScheme,
    signatureKey,
    credential,
    notAfter: verified.notAfter,
  };
}
