/**
 * The small per-algorithm interfaces each backend implements. HPKE (RFC 9180), the cipher suite object and the
 * RFC 9420 §5 helpers are written once on top of these, so `node:crypto` and `@noble/*` differ only here.
 */
import type { AeadParams, HashName, KemParams, SignatureParams } from "./algorithms.js";
import type { KeyPair } from "./provider.js";

/** A SHA-2 hash and HMAC over it. */
export interface HashPrimitive {
  readonly name: HashName;
  readonly length: number;
  /** The digest must not serve as a secret: a backend may pass it (not the input) through an unwipeable string. */
  digest(data: Uint8Array): Uint8Array;
  mac(key: Uint8Array, data: Uint8Array): Uint8Array;
}

/** RFC 5116 AEAD with the single-output (ciphertext || tag) convention RFC 9420 §5.1 assumes. */
export interface AeadPrimitive {
  readonly params: AeadParams;
  seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Throws `CryptoError` when the tag does not verify. */
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array;
}

/**
 * One Diffie-Hellman group as RFC 9180 §4.1 DHKEM needs it. Public keys are the serialized form of
 * §7.1.1 (uncompressed SEC1 points, raw X25519/X448 u-coordinates); lengths are checked by the caller.
 */
export interface DhPrimitive {
  readonly params: KemParams;
  /** A fresh random key pair. */
  generateKeyPair(): KeyPair;
  /** pk(skX); throws `CryptoError` for a private key outside the group (e.g. 0 or ≥ order). */
  publicKey(privateKey: Uint8Array): Uint8Array;
  /**
   * DH(skX, pkY) → Ndh bytes. Deserializes and validates pkY as RFC 9180 §7.1.4 requires (NIST points: range,
   * on-curve, not infinity; X25519/X448: all-zero output rejected) and throws `CryptoError` when invalid.
   */
  dh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /**
   * The Encap half that needs an ephemeral key: generate (skE, pkE), return `enc = pkE` and DH(skE, pkR).
   * A separate method so a backend can keep the ephemeral key in its native form and never serialize skE.
   */
  ephemeralDh(publicKey: Uint8Array): { enc: Uint8Array; dh: Uint8Array };
}

/** A signature scheme (RFC 9420 §5.1.2: DER-encoded ECDSA, raw R||S EdDSA). */
export interface SignaturePrimitive {
  readonly params: SignatureParams;
  generateKeyPair(): KeyPair;
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** False for a signature that does not verify (malformed included); throws `CryptoError` for a bad public key. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Everything a backend contributes. Lookups throw `UnsupportedError` for unknown ids. */
export interface Primitives {
  readonly name: "node" | "noble";
  hash(name: HashName): HashPrimitive;
  aead(aeadId: number): AeadPrimitive;
  dh(kemId: number): DhPrimitive;
  signature(scheme: number): SignaturePrimitive;
  randomBytes(n: number): Uint8Array;
}
