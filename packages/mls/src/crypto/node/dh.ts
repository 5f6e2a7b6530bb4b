/**
 * The RFC 9180 §4.1 DH groups through OpenSSL. X25519/X448 use KeyObjects (private keys imported once and
 * cached; public keys via JWK); the NIST curves use `ECDH` objects, whose `computeSecret` decodes and
 * validates the peer point.
 */
import { createECDH, createPrivateKey, diffieHellman, type ECDH } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { CryptoError, UnsupportedError } from "../../errors.js";
import { kemParams, type KemParams } from "../algorithms.js";
import { isAllZero } from "../bytes.js";
import { checkUncompressedPoint } from "../nist-point.js";
import type { DhPrimitive } from "../primitives.js";
import type { KeyPair } from "../provider.js";
import { asBytes, leftPad } from "./buffers.js";
import { okpPkcs8 } from "./der.js";
import {
  fromBase64url,
  generateOkpRaw,
  okpPrivateKeyFromJwk,
  okpPublicKey,
  okpRawPublic,
  type NistCurve,
} from "./jwk.js";
import { KeyCache, privateCacheKey, publicCacheKey } from "./key-cache.js";

const CACHE_SIZE = 256;

interface PrivateEntry {
  key: KeyObject;
  publicKey: Uint8Array;
}

function okpDh(params: KemParams, curve: "X25519" | "X448"): DhPrimitive {
  const privates = new KeyCache<PrivateEntry>(CACHE_SIZE, privateCacheKey);
  const publics = new KeyCache<KeyObject>(CACHE_SIZE, publicCacheKey);

  function importPrivate(sk: Uint8Array): PrivateEntry {
    return privates.get(sk, () => {
      const der = okpPkcs8(curve, sk);
      try {
        const key = guard(`${params.name} private key`, () =>
          createPrivateKey({ key: der, format: "der", type: "pkcs8" }),
        );
        return { key, publicKey: okpRawPublic(key) };
      } finally {
        der.fill(0);
      }
    });
  }
  const importPublic = (pk: Uint8Array): KeyObject =>
    guard(`${params.name} public key`, () => okpPublicKey(curve, pk));

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
    generateKeyPair(): KeyPair {
      const { d, x } = generateOkpRaw(curve);
      return { privateKey: fromBase64url(d), publicKey: fromBase64url(x) };
    },
    publicKey: (sk) => importPrivate(sk).publicKey,
    dh: (sk, pk) => derive(importPrivate(sk).key, importPublic(pk)),
    ephemeralDh(pkR) {
      const recipient = publics.get(pkR, () => importPublic(pkR));
      // See generateOkpRaw: the ephemeral key is generated as JWK and imported, never exported.
      const pair = generateOkpRaw(curve);
      return { enc: fromBase64url(pair.x), dh: derive(okpPrivateKeyFromJwk(curve, pair), recipient) };
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

export function nodeDh(kemId: number): DhPrimitive {
  const params = kemParams(kemId);
  switch (kemId) {
    case 0x0020:
      return okpDh(params, "X25519");
    case 0x0021:
      return okpDh(params, "X448");
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
