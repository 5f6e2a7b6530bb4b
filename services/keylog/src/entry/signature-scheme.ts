import { EntryFormatError } from "./errors.js";

/**
 * TLS SignatureScheme code points (RFC 8446 §4.2.3) used by the MLS cipher suites of
 * RFC 9420 §17.1, with the public-key length each one implies (RFC 9420 §5.1.1: RFC 8032 keys
 * for EdDSA, UncompressedPointRepresentation for ECDSA over the NIST curves).
 */
export const SignatureScheme = {
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  ecdsa_secp521r1_sha512: 0x0603,
  ed25519: 0x0807,
  ed448: 0x0808,
} as const;

export type SignatureScheme = (typeof SignatureScheme)[keyof typeof SignatureScheme];

const PUBLIC_KEY_LENGTH: ReadonlyMap<number, number> = new Map([
  [SignatureScheme.ecdsa_secp256r1_sha256, 65],
  [SignatureScheme.ecdsa_secp384r1_sha384, 97],
  [SignatureScheme.ecdsa_secp521r1_sha512, 133],
  [SignatureScheme.ed25519, 32],
  [SignatureScheme.ed448, 57],
]);

/** Refuses schemes no MLS cipher suite uses and keys of the wrong size for their scheme. */
export function checkSignatureKey(scheme: number, key: Uint8Array): asserts scheme is SignatureScheme {
  const expected = PUBLIC_KEY_LENGTH.get(scheme);
  if (expected === undefined) {
    throw new EntryFormatError(
      "unknown-signature-scheme",
      `signature_scheme 0x${scheme.toString(16).padStart(4, "0")} is not used by any RFC 9420 §17.1 cipher suite`,
    );
  }
  if (key.length !== expected) {
    throw new EntryFormatError(
      "signature-key-length",
      `signature_key is ${key.length} bytes, scheme 0x${scheme.toString(16)} needs ${expected}`,
    );
  }
  // RFC 8446 §4.2.8.2: UncompressedPointRepresentation starts with the legacy_form byte 4.
  if (expected !== 32 && expected !== 57 && key[0] !== 4) {
    throw new EntryFormatError(
      "signature-key-length",
      "ECDSA signature_key must be an uncompressed point (0x04…)",
    );
  }
}
