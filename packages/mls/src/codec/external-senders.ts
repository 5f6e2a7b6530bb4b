import type { Reader, Writer } from "@parley/codec";
import { type Credential, decodeCredential, encodeCredential } from "./credential.js";

/** RFC 9420 §12.1.8.1: a party allowed to send `external` proposals. */
export interface ExternalSender {
  readonly signatureKey: Uint8Array;
  readonly credential: Credential;
}

export function encodeExternalSender(w: Writer, v: ExternalSender): void {
  w.opaque(v.signatureKey);
  encodeCredential(w, v.credential);
}

export function decodeExternalSender(r: Reader, path = "ExternalSender"): ExternalSender {
  return {
    signatureKey: r.opaque(`${path}.signature_key`),
    credential: decodeCredential(r, `${path}.credential`),
  };
}

/** RFC 9420 §12.1.8.1: `ExternalSender external_senders<V>`, the body of the `external_senders` extension. */
export function encodeExternalSenders(w: Writer, v: readonly ExternalSender[]): void {
  w.vector(v, encodeExternalSender);
}

export function decodeExternalSenders(r: Reader, path = "external_senders"): ExternalSender[] {
  return r.vector(path, (sub, i) => decodeExternalSender(sub, `${path}[${i}]`));
}
