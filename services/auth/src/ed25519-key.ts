/**
 * The AS's Ed25519 keys (credential issuer, service tokens) as 32-byte RFC 8032 seeds, with the
 * public key derived through node:crypto. Seeds are secrets: nothing here logs or prints them.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/** RFC 8410 §7: PKCS#8 OneAsymmetricKey for id-Ed25519 (1.3.101.112), up to the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);

export interface Ed25519Key {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** First 8 bytes of SHA-256(public key): what credentials and tokens name the key by. */
  readonly keyId: Uint8Array;
  readonly keyObject: KeyObject;
}

export function ed25519KeyFromSeed(seed: Uint8Array): Ed25519Key {
  if (seed.length !== 32) throw new RangeError("an Ed25519 seed is 32 bytes");
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  const keyObject = createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(keyObject).export({ format: "jwk" });
  const publicKey = new Uint8Array(Buffer.from(jwk.x ?? "", "base64url"));
  const keyId = new Uint8Array(createHash("sha256").update(publicKey).digest().subarray(0, 8));
  return { seed, publicKey, keyId, keyObject };
}
