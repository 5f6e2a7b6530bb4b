/**
 * Raw keys ↔ KeyObjects through JWK (RFC 8037 OKP, RFC 7518 EC). For raw keys this is about ten times faster
 * than SPKI/PKCS#8 DER in OpenSSL 3, whose generic DER decoder/encoder dominates the cost of an X25519
 * operation; keys are on the per-message path (HPKE ephemeral and recipient keys), so the fast form matters.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
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

/** Public key lengths (RFC 8037 §2 `x`): RFC 7748 §5 u-coordinates, RFC 8032 §5.1.5/§5.2.5 encodings. */
const OKP_PUBLIC_LENGTH: Record<OkpCurve, number> = { X25519: 32, X448: 56, Ed25519: 32, Ed448: 57 };

/**
 * The `x` sent with a private JWK. Node 20 insists that `x` be a string but never reads it for a private
 * key: OpenSSL derives the public key from `d` on import. An empty string cannot pass for any public key,
 * so should a Node version ever take `x` as given, `okpPrivateKey`'s length check fails loudly rather than
 * hand out a public key that does not belong to `d`.
 */
const X_NOT_SUPPLIED = "";

/** An imported OKP private key with the public key OpenSSL computed from it. */
export interface OkpPrivateKey {
  readonly key: KeyObject;
  readonly publicKey: Uint8Array;
}

/**
 * Imports raw private-key bytes (RFC 8037 `d`) through JWK and reads back the public key OpenSSL computed.
 * JWK because it is the fast route: ~85 µs for X25519 where PKCS#8 DER takes ~800 µs in OpenSSL 3.0's
 * generic decoder (Node 20.20), which would dominate an HPKE seal. The price is that base64url `d` strings
 * (the one passed in, and the one the JWK export returns beside `x`) are immutable copies of the secret that
 * only the garbage collector reclaims; callers still wipe their byte arrays. The key is imported, not
 * generated, so exporting it never meets the generation-job deadlock described at `generateOkpRaw`.
 */
export function okpPrivateKey(curve: OkpCurve, privateKey: Uint8Array): OkpPrivateKey {
  const key = createPrivateKey({
    key: { kty: "OKP", crv: curve, d: b64url(privateKey), x: X_NOT_SUPPLIED },
    format: "jwk",
  });
  const publicKey = okpRawPublic(key);
  if (publicKey.length !== OKP_PUBLIC_LENGTH[curve]) {
    throw new CryptoError(
      `${curve} private key import did not yield a ${OKP_PUBLIC_LENGTH[curve]}-byte public key`,
    );
  }
  return { key, publicKey };
}

/** A fresh OKP key pair as its raw RFC 8037 `d` and `x` values. */
export interface OkpRawPair {
  readonly d: string;
  readonly x: string;
}

type JwkPairGenerator = (
  type: "x25519" | "x448" | "ed25519" | "ed448",
  options: { publicKeyEncoding: { format: "jwk" }; privateKeyEncoding: { format: "jwk" } },
) => { publicKey: { x?: unknown }; privateKey: { d?: unknown } };

/** Node supports JWK output here (since v15.9); @types/node 20 lacks the overload, hence the typed alias. */
const generateJwkPair = generateKeyPairSync as unknown as JwkPairGenerator;

/**
 * A fresh OKP key pair, encoded as JWK *inside* the key generation call. Why not generate KeyObjects and
 * export them: on Node 20.20, exporting (or using) a generated key can deadlock its thread forever. The
 * export holds the key's mutex while allocating; a garbage collection at that moment runs the weak
 * callback that destroys the generation job, which locks the same mutex (seen as `~KeyGenJob` →
 * `uv_mutex_lock` under `KeyObjectHandle::ExportJWK`, in a crypto pool worker doing X25519 HPKE seals).
 * Encoding inside the call, while the job is still alive, and importing the private key afresh (its own
 * mutex) never touches a key a garbage job shares.
 */
export function generateOkpRaw(curve: OkpCurve): OkpRawPair {
  const type = curve.toLowerCase() as "x25519" | "x448" | "ed25519" | "ed448";
  const { publicKey, privateKey } = generateJwkPair(type, {
    publicKeyEncoding: { format: "jwk" },
    privateKeyEncoding: { format: "jwk" },
  });
  if (typeof publicKey.x !== "string" || typeof privateKey.d !== "string") {
    throw new CryptoError(`${curve} key generation returned no JWK values`);
  }
  return { d: privateKey.d, x: publicKey.x };
}

export function fromBase64url(value: string): Uint8Array {
  return asBytes(Buffer.from(value, "base64url"));
}
