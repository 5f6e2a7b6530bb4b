/**
 * The crypto provider interface. Everything above this layer (key schedule, framing, tree) is written once
 * against these names; `node:crypto` and `@noble/*` implement them. Synchronous on purpose: both backends
 * offer sync primitives, and the message hot path stays free of promise overhead.
 */

/** A backend offering all seven RFC 9420 §17.1 cipher suites. */
export interface CryptoProvider {
  readonly name: "node" | "noble";
  /** Throws `UnsupportedError` (naming the id) for ids outside RFC 9420 §17.1. */
  suite(id: number): CipherSuite;
  randomBytes(n: number): Uint8Array;
}

/** A key pair as raw bytes in the encodings RFC 9420 and RFC 9180 put on the wire. */
export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** The output of a single-shot HPKE base-mode seal (RFC 9180 §6.1): `enc` and the ciphertext. */
export interface HpkeCiphertext {
  kemOutput: Uint8Array;
  ciphertext: Uint8Array;
}

/** The output of a single-shot HPKE base-mode SendExport (RFC 9180 §6.2): `enc` and the exported secret. */
export interface HpkeExport {
  kemOutput: Uint8Array;
  exportedValue: Uint8Array;
}

/**
 * The HPKE (RFC 9180) instance of a cipher suite, base mode single-shot only (all MLS needs): Seal/Open for
 * EncryptWithLabel (RFC 9420 §5.1.3), SendExport/ReceiveExport for external init (RFC 9420 §8.3).
 */
export interface Hpke {
  generateKeyPair(): KeyPair;
  /** RFC 9180 §7.1.3 DeriveKeyPair. */
  deriveKeyPair(ikm: Uint8Array): KeyPair;
  seal(publicKey: Uint8Array, info: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): HpkeCiphertext;
  /** Throws `CryptoError` if the KEM output is invalid or the ciphertext does not authenticate. */
  open(
    privateKey: Uint8Array,
    kemOutput: Uint8Array,
    info: Uint8Array,
    aad: Uint8Array,
    ciphertext: Uint8Array,
  ): Uint8Array;
  /**
   * RFC 9180 §6.2 SendExportBase: encapsulates to `publicKey` and returns `enc` with
   * `Context.Export(exporterContext, length)` (§5.3). Throws `CryptoError` for a bad public key or a length
   * outside 0..255*Nh.
   */
  sendExport(
    publicKey: Uint8Array,
    info: Uint8Array,
    exporterContext: Uint8Array,
    length: number,
  ): HpkeExport;
  /** RFC 9180 §6.2 ReceiveExportBase. Throws `CryptoError` for a malformed `kemOutput` or a bad length. */
  receiveExport(
    privateKey: Uint8Array,
    kemOutput: Uint8Array,
    info: Uint8Array,
    exporterContext: Uint8Array,
    length: number,
  ): Uint8Array;
}

/** One RFC 9420 §17.1 cipher suite: hash, KDF, AEAD, signature scheme and HPKE. */
export interface CipherSuite {
  readonly id: number;
  /** e.g. `MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519`. */
  readonly name: string;
  readonly hashLength: number;
  readonly aeadKeyLength: number;
  readonly aeadNonceLength: number;
  /** TLS SignatureScheme code (RFC 8446 §4.2.3). */
  readonly signatureScheme: number;
  readonly kemId: number;
  readonly kdfId: number;
  readonly aeadId: number;
  /**
   * The suite hash. Its output must not be used as a secret (RFC 9420 never does: its hashes are tree and
   * transcript hashes, refs, the exporter context): the node provider passes the digest — not the input —
   * through an immutable string, which could not be wiped. Derive secrets with `kdfExpand`/`mac`.
   */
  hash(data: Uint8Array): Uint8Array;
  /** HMAC with the suite hash. */
  mac(key: Uint8Array, data: Uint8Array): Uint8Array;
  kdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array;
  kdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Throws `CryptoError` on authentication failure. */
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  generateSignatureKeyPair(): KeyPair;
  /** Throws `CryptoError` for a private key of the wrong length (EdDSA seed / ECDSA scalar) or out of range. */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /**
   * False when the signature does not verify, including a malformed signature or a public key that is not a
   * valid point; throws `CryptoError` only for a public key of the wrong length or encoding form.
   */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  readonly hpke: Hpke;
}
