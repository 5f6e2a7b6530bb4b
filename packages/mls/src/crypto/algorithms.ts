/**
 * Algorithm identifiers and parameters: the RFC 9420 §17.1 cipher suite table and the RFC 9180 §7 KEM, KDF
 * and AEAD tables it refers to. Pure data shared by both providers, so a suite means the same thing in each.
 */
import { UnsupportedError } from "../errors.js";

/** RFC 9180 §7.1 KEM identifiers (the five DHKEMs). */
export const KemId = {
  DHKEM_P256_HKDF_SHA256: 0x0010,
  DHKEM_P384_HKDF_SHA384: 0x0011,
  DHKEM_P521_HKDF_SHA512: 0x0012,
  DHKEM_X25519_HKDF_SHA256: 0x0020,
  DHKEM_X448_HKDF_SHA512: 0x0021,
} as const;

/** RFC 9180 §7.2 KDF identifiers. */
export const KdfId = { HKDF_SHA256: 0x0001, HKDF_SHA384: 0x0002, HKDF_SHA512: 0x0003 } as const;

/** RFC 9180 §7.3 AEAD identifiers (export-only 0xFFFF is not used by MLS). */
export const AeadId = { AES_128_GCM: 0x0001, AES_256_GCM: 0x0002, CHACHA20_POLY1305: 0x0003 } as const;

/** RFC 8446 §4.2.3 SignatureScheme codes used by RFC 9420 §17.1. */
export const SignatureSchemeId = {
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  ecdsa_secp521r1_sha512: 0x0603,
  ed25519: 0x0807,
  ed448: 0x0808,
} as const;

/** RFC 9420 §17.1 cipher suite identifiers. */
export const CipherSuiteId = {
  MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519: 0x0001,
  MLS_128_DHKEMP256_AES128GCM_SHA256_P256: 0x0002,
  MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519: 0x0003,
  MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448: 0x0004,
  MLS_256_DHKEMP521_AES256GCM_SHA512_P521: 0x0005,
  MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448: 0x0006,
  MLS_256_DHKEMP384_AES256GCM_SHA384_P384: 0x0007,
} as const;

export type HashName = "sha256" | "sha384" | "sha512";

/** One row of the RFC 9420 §17.1 mapping table. */
export interface SuiteParams {
  readonly id: number;
  readonly name: string;
  readonly kemId: number;
  readonly kdfId: number;
  readonly aeadId: number;
  readonly signatureScheme: number;
}

/** How a DH group's private keys are derived (RFC 9180 §7.1.3). */
export type DhFamily = "nist" | "montgomery";

/** One row of the RFC 9180 §7.1 KEM table plus the DeriveKeyPair parameters of §7.1.3. */
export interface KemParams {
  readonly id: number;
  readonly name: string;
  readonly family: DhFamily;
  /** The KDF DHKEM uses internally (RFC 9180 §4.1), independent of the suite's KDF. */
  readonly kdfId: number;
  readonly nsecret: number;
  readonly nenc: number;
  readonly npk: number;
  readonly nsk: number;
  /** NIST curves only: the group order and the first-byte mask for rejection sampling. */
  readonly order: bigint;
  readonly bitmask: number;
}

export interface KdfParams {
  readonly id: number;
  readonly hash: HashName;
  readonly nh: number;
}

export interface AeadParams {
  readonly id: number;
  readonly name: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  readonly nk: number;
  readonly nn: number;
  readonly nt: number;
}

export interface SignatureParams {
  readonly scheme: number;
  readonly name: string;
  /** The curve's private key length: a 32/57-byte EdDSA seed or a raw ECDSA scalar. */
  readonly nsk: number;
  /** Raw EdDSA key or uncompressed SEC1 point (RFC 9420 §5.1.1). */
  readonly npk: number;
  /** ECDSA hashes the message with this; EdDSA hashes internally (undefined). */
  readonly hash: HashName | undefined;
  /** ECDSA: the group order a private scalar must lie below (and above 0); 0n for EdDSA. */
  readonly order: bigint;
}

function suite(id: number, name: string, kemId: number, kdfId: number, aeadId: number, sig: number) {
  return [id, { id, name, kemId, kdfId, aeadId, signatureScheme: sig }] as const;
}

const S = SignatureSchemeId;
const SUITES: ReadonlyMap<number, SuiteParams> = new Map([
  suite(0x0001, "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519", 0x0020, 1, 1, S.ed25519),
  suite(0x0002, "MLS_128_DHKEMP256_AES128GCM_SHA256_P256", 0x0010, 1, 1, S.ecdsa_secp256r1_sha256),
  suite(0x0003, "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519", 0x0020, 1, 3, S.ed25519),
  suite(0x0004, "MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448", 0x0021, 3, 2, S.ed448),
  suite(0x0005, "MLS_256_DHKEMP521_AES256GCM_SHA512_P521", 0x0012, 3, 2, S.ecdsa_secp521r1_sha512),
  suite(0x0006, "MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448", 0x0021, 3, 3, S.ed448),
  suite(0x0007, "MLS_256_DHKEMP384_AES256GCM_SHA384_P384", 0x0011, 2, 2, S.ecdsa_secp384r1_sha384),
]);

// RFC 9180 §7.1.3: group orders of P-256, P-384 and P-521.
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_N =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
const P521_N = BigInt(
  "0x01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
    "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
);

const KEMS: ReadonlyMap<number, KemParams> = new Map<number, KemParams>([
  [
    0x0010,
    {
      id: 0x0010,
      name: "DHKEM(P-256, HKDF-SHA256)",
      family: "nist",
      kdfId: 1,
      nsecret: 32,
      nenc: 65,
      npk: 65,
      nsk: 32,
      order: P256_N,
      bitmask: 0xff,
    },
  ],
  [
    0x0011,
    {
      id: 0x0011,
      name: "DHKEM(P-384, HKDF-SHA384)",
      family: "nist",
      kdfId: 2,
      nsecret: 48,
      nenc: 97,
      npk: 97,
      nsk: 48,
      order: P384_N,
      bitmask: 0xff,
    },
  ],
  [
    0x0012,
    {
      id: 0x0012,
      name: "DHKEM(P-521, HKDF-SHA512)",
      family: "nist",
      kdfId: 3,
      nsecret: 64,
      nenc: 133,
      npk: 133,
      nsk: 66,
      order: P521_N,
      bitmask: 0x01,
    },
  ],
  [
    0x0020,
    {
      id: 0x0020,
      name: "DHKEM(X25519, HKDF-SHA256)",
      family: "montgomery",
      kdfId: 1,
      nsecret: 32,
      nenc: 32,
      npk: 32,
      nsk: 32,
      order: 0n,
      bitmask: 0,
    },
  ],
  [
    0x0021,
    {
      id: 0x0021,
      name: "DHKEM(X448, HKDF-SHA512)",
      family: "montgomery",
      kdfId: 3,
      nsecret: 64,
      nenc: 56,
      npk: 56,
      nsk: 56,
      order: 0n,
      bitmask: 0,
    },
  ],
]);

const KDFS: ReadonlyMap<number, KdfParams> = new Map<number, KdfParams>([
  [1, { id: 1, hash: "sha256", nh: 32 }],
  [2, { id: 2, hash: "sha384", nh: 48 }],
  [3, { id: 3, hash: "sha512", nh: 64 }],
]);

const AEADS: ReadonlyMap<number, AeadParams> = new Map<number, AeadParams>([
  [1, { id: 1, name: "aes-128-gcm", nk: 16, nn: 12, nt: 16 }],
  [2, { id: 2, name: "aes-256-gcm", nk: 32, nn: 12, nt: 16 }],
  [3, { id: 3, name: "chacha20-poly1305", nk: 32, nn: 12, nt: 16 }],
]);

const SIGNATURES: ReadonlyMap<number, SignatureParams> = new Map<number, SignatureParams>([
  [
    S.ecdsa_secp256r1_sha256,
    {
      scheme: S.ecdsa_secp256r1_sha256,
      name: "ecdsa_secp256r1_sha256",
      nsk: 32,
      npk: 65,
      hash: "sha256",
      order: P256_N,
    },
  ],
  [
    S.ecdsa_secp384r1_sha384,
    {
      scheme: S.ecdsa_secp384r1_sha384,
      name: "ecdsa_secp384r1_sha384",
      nsk: 48,
      npk: 97,
      hash: "sha384",
      order: P384_N,
    },
  ],
  [
    S.ecdsa_secp521r1_sha512,
    {
      scheme: S.ecdsa_secp521r1_sha512,
      name: "ecdsa_secp521r1_sha512",
      nsk: 66,
      npk: 133,
      hash: "sha512",
      order: P521_N,
    },
  ],
  [S.ed25519, { scheme: S.ed25519, name: "ed25519", nsk: 32, npk: 32, hash: undefined, order: 0n }],
  [S.ed448, { scheme: S.ed448, name: "ed448", nsk: 57, npk: 57, hash: undefined, order: 0n }],
]);

function lookup<T>(table: ReadonlyMap<number, T>, id: number, what: string): T {
  const found = table.get(id);
  if (found === undefined) throw new UnsupportedError(`unsupported ${what} 0x${hex4(id)}`);
  return found;
}

function hex4(id: number): string {
  return Number.isInteger(id) && id >= 0 ? id.toString(16).padStart(4, "0") : String(id);
}

/** Throws `UnsupportedError` naming the id for anything outside RFC 9420 §17.1 (GREASE included). */
export function suiteParams(id: number): SuiteParams {
  return lookup(SUITES, id, "MLS cipher suite");
}

export function kemParams(id: number): KemParams {
  return lookup(KEMS, id, "HPKE KEM");
}

export function kdfParams(id: number): KdfParams {
  return lookup(KDFS, id, "HPKE KDF");
}

export function aeadParams(id: number): AeadParams {
  return lookup(AEADS, id, "HPKE AEAD");
}

export function signatureParams(scheme: number): SignatureParams {
  return lookup(SIGNATURES, scheme, "signature scheme");
}

/** The ids of every supported suite, in RFC order. */
export const SUPPORTED_SUITES: readonly number[] = [...SUITES.keys()];
