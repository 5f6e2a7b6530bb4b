/**
 * Signing and verifying with a TLS SignatureScheme through @parley/mls's cipher suites, so a
 * client signs requests with exactly the primitive it signs MLS messages with (RFC 9420 §5.1.2:
 * raw EdDSA, DER-encoded ECDSA; §5.1.1 key encodings).
 */
import { nodeProvider, SignatureSchemeId, SUPPORTED_SUITES, type CipherSuite } from "@parley/mls";
import { IdentityError } from "./errors.js";

/** RFC 9420 §5.1.1 public key lengths: raw EdDSA keys, uncompressed SEC1 points for ECDSA. */
const PUBLIC_KEY_LENGTH: ReadonlyMap<number, number> = new Map([
  [SignatureSchemeId.ecdsa_secp256r1_sha256, 65],
  [SignatureSchemeId.ecdsa_secp384r1_sha384, 97],
  [SignatureSchemeId.ecdsa_secp521r1_sha512, 133],
  [SignatureSchemeId.ed25519, 32],
  [SignatureSchemeId.ed448, 57],
]);

const ECDSA_SCHEMES: ReadonlySet<number> = new Set([
  SignatureSchemeId.ecdsa_secp256r1_sha256,
  SignatureSchemeId.ecdsa_secp384r1_sha384,
  SignatureSchemeId.ecdsa_secp521r1_sha512,
]);

/** Whether some RFC 9420 §17.1 cipher suite signs with `scheme`. */
export function isKnownSignatureScheme(scheme: number): boolean {
  return PUBLIC_KEY_LENGTH.has(scheme);
}

/** The first RFC 9420 §17.1 suite whose signature scheme is `scheme` (all suites of a scheme sign alike). */
export function suiteForScheme(scheme: number): CipherSuite {
  for (const id of SUPPORTED_SUITES) {
    const suite = nodeProvider.suite(id);
    if (suite.signatureScheme === scheme) return suite;
  }
  throw new IdentityError("malformed", `signature scheme 0x${scheme.toString(16)} is not an MLS scheme`);
}

/** The AS signs with Ed25519 whatever scheme its clients use (docs/identity.md). */
export function ed25519Suite(): CipherSuite {
  return suiteForScheme(SignatureSchemeId.ed25519);
}

/** SHA-256, for request body hashes: the hash of suite 0x0001, portable across both providers. */
export function sha256(data: Uint8Array): Uint8Array {
  return ed25519Suite().hash(data);
}

/**
 * Whether `key` has the encoding `scheme` calls for. A key of another scheme's size is refused
 * before any signature check, so a credential cannot be replayed with a key of a different kind.
 */
export function keyMatchesScheme(scheme: number, key: Uint8Array): boolean {
  if (PUBLIC_KEY_LENGTH.get(scheme) !== key.length) return false;
  return !ECDSA_SCHEMES.has(scheme) || key[0] === 0x04;
}
