/**
 * The MLS form of an X.509 certificate's public key, for the §5.3 rule that the end-entity certificate's
 * subjectPublicKeyInfo "MUST be identical to the signature_key": §5.1.1 encodes EdDSA keys raw and ECDSA keys
 * as uncompressed SEC1 points, so the SPKI is reduced to exactly that before comparing bytes.
 */
import type { X509Certificate } from "node:crypto";

function base64url(value: unknown): Uint8Array | undefined {
  if (typeof value !== "string") return undefined;
  return new Uint8Array(Buffer.from(value, "base64url"));
}

/**
 * The certificate's key as an MLS SignaturePublicKey, or undefined for key types no MLS cipher suite signs
 * with (RSA, X25519…). JWK pads EC coordinates to the field size, matching SEC1's fixed-length encoding.
 */
export function certificateSignatureKey(cert: X509Certificate): Uint8Array | undefined {
  const key = cert.publicKey;
  const type = key.asymmetricKeyType;
  if (type !== "ed25519" && type !== "ed448" && type !== "ec") return undefined;
  const jwk = key.export({ format: "jwk" });
  const x = base64url(jwk.x);
  if (x === undefined) return undefined;
  if (type !== "ec") return x;
  const y = base64url(jwk.y);
  if (y === undefined || y.length !== x.length) return undefined;
  const point = new Uint8Array(1 + x.length + y.length);
  point[0] = 0x04;
  point.set(x, 1);
  point.set(y, 1 + x.length);
  return point;
}
