/**
 * Public keys ↔ KeyObjects through JWK (RFC 8037 OKP, RFC 7518 EC). For raw public keys this is about ten
 * times faster than SPKI DER in OpenSSL 3, whose generic DER decoder/encoder dominates the cost of an X25519
 * operation; public keys are on the per-message path (HPKE ephemeral keys), so the fast form matters.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { CryptoError } from "../../errors.js";
import { asBytes } from "./buffers.js";

export type OkpCurve = "X25519" | "X448" | "Ed25519" | "Ed448";
export type NistCurve = "P-256" | "P-384" | "P-521";

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

export function okpPublicKey(curve: OkpCurve, raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: curve, x: b64url(raw) }, format: "jwk" });
}

/** An uncompressed SEC1 point (0x04 || x || y, already length-checked) as a KeyObject; OpenSSL checks it is on the curve. */
export function ecPublicKey(curve: NistCurve, point: Uint8Array): KeyObject {
  const c = (point.length - 1) / 2;
  const x = b64url(point.subarray(1, 1 + c));
  const y = b64url(point.subarray(1 + c));
  return createPublicKey({ key: { kty: "EC", crv: curve, x, y }, format: "jwk" });
}

/** The raw public key (RFC 8037 `x`) of an OKP KeyObject, public or private. */
export function okpRawPublic(key: KeyObject): Uint8Array {
  const x = key.export({ format: "jwk" }).x;
  if (typeof x !== "string") throw new CryptoError("OKP key export lacks the public value");
  return asBytes(Buffer.from(x, "base64url"));
}

/** The raw private key (RFC 8037 `d`) of an OKP private KeyObject. */
export function okpRawPrivate(key: KeyObject): Uint8Array {
  const d = key.export({ format: "jwk" }).d;
  if (typeof d !== "string") throw new CryptoError("OKP key export lacks the private value");
  return asBytes(Buffer.from(d, "base64url"));
}
