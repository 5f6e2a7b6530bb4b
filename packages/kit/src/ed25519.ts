/**
 * Raw Ed25519 keys (RFC 8032: a 32-byte seed, a 32-byte public key) as node:crypto `KeyObject`s,
 * so services sign and verify with OpenSSL instead of a JavaScript implementation. node:crypto
 * takes Ed25519 keys only as DER or JWK; the DER wrappers are fixed prefixes, written out here once.
 * Seeds are secrets: the DER copy holding one is wiped, and nothing here logs or prints them.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/** RFC 8410 §7: PKCS#8 OneAsymmetricKey for id-Ed25519 (1.3.101.112), up to the 32-byte seed. */
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
/** RFC 8410 §4: SubjectPublicKeyInfo for id-Ed25519, up to the 32-byte public key. */
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** RFC 8032 §5.1.5: both the private seed and the encoded public key are 32 bytes. */
const KEY_LENGTH = 32;

function wrap(prefix: Uint8Array, raw: Uint8Array, what: string): Buffer {
  if (raw.length !== KEY_LENGTH) throw new RangeError(`an Ed25519 ${what} is ${KEY_LENGTH} bytes`);
  const der = Buffer.alloc(prefix.length + KEY_LENGTH);
  der.set(prefix);
  der.set(raw, prefix.length);
  return der;
}

/** The private key for a 32-byte RFC 8032 seed. */
export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  const der = wrap(PKCS8_PREFIX, seed, "seed");
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } finally {
    der.fill(0);
  }
}

/** The public key for its 32-byte RFC 8032 §5.1.5 encoding. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: wrap(SPKI_PREFIX, publicKey, "public key"), format: "der", type: "spki" });
}

/** The 32-byte encoding of an Ed25519 key's public half (RFC 8037 §2: the JWK `x`). */
export function ed25519RawPublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== "ed25519") throw new RangeError("the key is not an Ed25519 key");
  const publicKey = key.type === "public" ? key : createPublicKey(key);
  const { x } = publicKey.export({ format: "jwk" });
  return new Uint8Array(Buffer.from(x ?? "", "base64url"));
}

/**
 * The first 8 bytes of SHA-256(public key): the id Parley names an Ed25519 key by, in credentials'
 * `issuer_key_id` and in service tokens' `kid` (as hex). Signer and verifier both derive it here.
 */
export function ed25519KeyId(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(publicKey).digest().subarray(0, 8));
}

/** An Ed25519 key pair held by a service (credential issuer, service-token signer). */
export interface Ed25519Key {
  /** The RFC 8032 private seed — a secret. */
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** {@link ed25519KeyId} of `publicKey`. */
  readonly keyId: Uint8Array;
  readonly keyObject: KeyObject;
}

export function ed25519KeyFromSeed(seed: Uint8Array): Ed25519Key {
  const keyObject = ed25519PrivateKey(seed);
  const publicKey = ed25519RawPublicKey(keyObject);
  return { seed, publicKey, keyId: ed25519KeyId(publicKey), keyObject };
}
