import { encode } from "@parley/codec";
import { encodeCredential, nodeProvider, type Credential } from "@parley/mls";
import { encodeBase64Url } from "./base64url.js";
import { encodeRequestTbs, REQUEST_NONCE_LENGTH, RequestHeader } from "./signed-request.js";
import { suiteForScheme } from "./signature-scheme.js";

export interface SignRequestInput {
  /** `/pkg.Service/Method`. */
  readonly method: string;
  /** `toBinary(RequestSchema, request)`: exactly the bytes the server will re-serialize. */
  readonly body: Uint8Array;
  readonly credential: Credential;
  readonly signatureKey: Uint8Array;
  readonly privateKey: Uint8Array;
  readonly signatureScheme: number;
  readonly now?: Date;
}

/** The metadata to attach to one client-authenticated call; a fresh nonce every time. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const timestampMs = (input.now ?? new Date()).getTime();
  const nonce = nodeProvider.randomBytes(REQUEST_NONCE_LENGTH);
  const tbs = encodeRequestTbs({ method: input.method, timestampMs, nonce, body: input.body });
  const signature = suiteForScheme(input.signatureScheme).sign(input.privateKey, tbs);
  return {
    [RequestHeader.credential]: encodeBase64Url(encode(input.credential, encodeCredential)),
    [RequestHeader.signatureKey]: encodeBase64Url(input.signatureKey),
    [RequestHeader.timestamp]: String(timestampMs),
    [RequestHeader.nonce]: encodeBase64Url(nonce),
    [RequestHeader.signature]: encodeBase64Url(signature),
  };
}
