/**
 * The RFC 9180 §4.1 DH groups through OpenSSL. X25519/X448 use KeyObjects (private keys imported through JWK,
 * long-lived ones cached; public keys via JWK); the NIST curves use `ECDH` objects, whose `computeSecret`
 * decodes and validates the peer point.
 */
import { createECDH, diffieHellman, type ECDH } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { CryptoError, UnsupportedError } from "../../errors.js";
import { kemParams, type KemParams } from "../algorithms.js";
import { isAllZero } from "../bytes.js";
import { checkUncompressedPoint } from "../nist-point.js";
import type { DhPrimitive } from "../primitives.js";
import { asBytes, leftPad } from "./buffers.js";
import { okpPrivateKey, okpPublicKey, type NistCurve, type OkpPrivateKey } from "./jwk.js";
import { KeyCache, privateCacheKey, publicCacheKey } from "./key-cache.js";

const CACHE_SIZE = 256;

/** The provider's random source (RFC 9180 §4 `random(n)`). */
export type RandomSource = (n: number) => Uint8Array;

/**
 * RFC 7748 §5 decodeScalar25519/decodeScalar448 bit operations, applied in place. RFC 9180 §7.1.2:
 * SerializePrivateKey MUST clamp its output; OpenSSL clamps again on every use, so this changes no key.
 */
function clamp(curve: "X25519" | "X448", sk: Uint8Array): void {
  const last = sk.length - 1;
  if (curve === "X25519") {
    sk[0] = (sk[0] ?? 0) & 248;
    sk[last] = ((sk[last] ?? 0) & 127) | 64;
  } else {
    sk[0] = (sk[0] ?? 0) & 252;
    sk[last] = (sk[last] ?? 0) | 128;
  }
}

function okpDh(params: KemParams, curve: "X25519" | "X448", random: RandomSource): DhPrimitive {
  const privates = new KeyCache<OkpPrivateKey>(CACHE_SIZE, privateCacheKey);
  const publics = new KeyCache<KeyObject>(CACHE_SIZE, publicCacheKey);

  const load = (sk: Uint8Array): OkpPrivateKey =>
    guard(`${params.name} private key`, () => okpPrivateKey(curve, sk));
  const importPrivate = (sk: Uint8Array): OkpPrivateKey => privates.get(sk, () => load(sk));
  const importPublic = (pk: Uint8Array): KeyObject =>
    guard(`${params.name} public key`, () => okpPublicKey(curve, pk));

  /**
   * RFC 9180 §4: GenerateKeyPair may be DeriveKeyPair(random(Nsk)); for X25519/X448 any Nsk bytes are a
   * private key (§7.1.2, RFC 7748 §6), so the hashing step adds nothing and the random bytes are the key.
   * pk(sk) is the one OpenSSL computes on import (see okpPrivateKey), never a value we supply.
   */
  function freshKey(): { sk: Uint8Array; key: OkpPrivateKey } {
    const sk = random(params.nsk);
    clamp(curve, sk);
    try {
      return { sk, key: load(sk) };
    } catch (cause) {
      sk.fill(0);
      throw cause;
    }
  }

  function derive(privateKey: KeyObject, publicKey: KeyObject): Uint8Array {
    let shared: Uint8Array;
    try {
      shared = asBytes(diffieHellman({ privateKey, publicKey }));
    } catch (cause) {
      // OpenSSL refuses to return an all-zero X25519/X448 result; that is the only way this DH fails.
      throw new CryptoError(`${params.name}: DH output is all zero (low-order public key)`, { cause });
    }
    // RFC 9180 §7.1.4 (RFC 7748 §6): an all-zero output means a low-order public key; abort.
    if (isAllZero(shared))
      throw new CryptoError(`${params.name}: DH output is all zero (low-order public key)`);
    return shared;
  }

  return {
    params,
    generateKeyPair() {
      const { sk, key } = freshKey();
      return { privateKey: sk, publicKey: key.publicKey };
    },
    publicKey: (sk) => importPrivate(sk).publicKey,
    dh: (sk, pk) => derive(importPrivate(sk).key, importPublic(pk)),
    ephemeralDh(pkR) {
      // The recipient key is checked first, so a bad one never costs an ephemeral key.
      const recipient = publics.get(pkR, () => importPublic(pkR));
      const { sk, key } = freshKey();
      // skE lives on only inside OpenSSL's KeyObject; the bytes are not needed after the import.
      sk.fill(0);
      return { enc: key.publicKey, dh: derive(key.key, recipient) };
    },
  };
}

const OPENSSL_CURVE: Record<NistCurve, string> = {
  "P-256": "prime256v1",
  "P-384": "secp384r1",
  "P-521": "secp521r1",
};

function nistDh(params: KemParams, curve: NistCurve): DhPrimitive {
  const name = OPENSSL_CURVE[curve];
  const privates = new KeyCache<ECDH>(CACHE_SIZE, privateCacheKey);
  const importPrivate = (sk: Uint8Array): ECDH =>
    privates.get(sk, () => {
      const ecdh = createECDH(name);
      // Throws for 0 or a scalar >= the group order (RFC 9180 §7.1.2 "not equivalent to 0").
      guard(`${params.name} private key`, () => ecdh.setPrivateKey(sk));
      return ecdh;
    });

  function derive(ecdh: ECDH, pk: Uint8Array): Uint8Array {
    checkUncompressedPoint(`${params.name} public key`, pk, params.npk);
    // computeSecret decodes the point and rejects one that is off the curve. The result is the x-coordinate,
    // Ndh bytes, which equals Nsk for the NIST curves (RFC 9180 §4.1).
    return leftPad(asBytes(guard(`${params.name} public key`, () => ecdh.computeSecret(pk))), params.nsk);
  }

  return {
    params,
    generateKeyPair() {
      const ecdh = createECDH(name);
      const publicKey = asBytes(ecdh.generateKeys());
      return { privateKey: leftPad(asBytes(ecdh.getPrivateKey()), params.nsk), publicKey };
    },
    publicKey: (sk) => asBytes(importPrivate(sk).getPublicKey()),
    dh: (sk, pk) => derive(importPrivate(sk), pk),
    ephemeralDh(pkR) {
      const ecdh = createECDH(name);
      const enc = asBytes(ecdh.generateKeys());
      return { enc, dh: derive(ecdh, pkR) };
    },
  };
}

/** Maps OpenSSL failures to CryptoError without echoing inputs. */
function guard<T>(what: string, op: () => T): T {
  try {
    return op();
  } catch (cause) {
    throw new CryptoError(`invalid ${what}`, { cause });
  }
}

/** `random` supplies X25519/X448 private keys (the NIST curves draw theirs inside OpenSSL's ECDH). */
export function nodeDh(kemId: number, random: RandomSource): DhPrimitive {
  const params = kemParams(kemId);
  switch (kemId) {
    case 0x0020:
      return okpDh(params, "X25519", random);
    case 0x0021:
      return okpDh(params, "X448", random);
    case 0x0010:
      return nistDh(params, "P-256");
    case 0x0011:
      return nistDh(params, "P-384");
    case 0x0012:
      return nistDh(params, "P-521");
    default:
      throw new UnsupportedError(`unsupported HPKE KEM 0x${kemId.toString(16)}`);
  }
}
