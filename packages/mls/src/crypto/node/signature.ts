/**
 * Ed25519/Ed448 (RFC 8032) and ECDSA over P-256/384/521 with DER signatures (RFC 9420 §5.1.2) through OpenSSL.
 * Private keys are raw (EdDSA seed, ECDSA scalar); imported KeyObjects are cached by key bytes.
 */
import { createECDH, createPrivateKey, sign, verify, type KeyObject } from "node:crypto";
import { CryptoError, UnsupportedError } from "../../errors.js";
import { signatureParams, SignatureSchemeId, type SignatureParams } from "../algorithms.js";
import { os2ip } from "../bytes.js";
import { checkUncompressedPoint } from "../nist-point.js";
import type { SignaturePrimitive } from "../primitives.js";
import type { KeyPair } from "../provider.js";
import { asBytes, leftPad } from "./buffers.js";
import { ecPkcs8 } from "./der.js";
import {
  ecPublicKey,
  fromBase64url,
  generateOkpRaw,
  okpPrivateKey,
  okpPublicKey,
  type NistCurve,
} from "./jwk.js";
import { KeyCache, privateCacheKey, publicCacheKey } from "./key-cache.js";

const CACHE_SIZE = 256;

/** What differs between EdDSA and ECDSA; the signing code below is shared. */
interface SchemeCodec {
  /** A KeyObject for the raw private key; throws for a key outside the scheme's range. */
  importPrivate(sk: Uint8Array): KeyObject;
  importPublic(pk: Uint8Array): KeyObject;
  /** Checks a public key's encoding before import (length is already checked by the cipher suite). */
  checkPublic(pk: Uint8Array): void;
  /** The ECDSA digest; `null` for EdDSA, which hashes internally. */
  digest: string | null;
  generate(): KeyPair;
}

function eddsaCodec(curve: "Ed25519" | "Ed448"): SchemeCodec {
  return {
    // JWK, not PKCS#8: ~80 µs instead of ~850 µs for Ed25519 on Node 20 (see okpPrivateKey), which matters
    // whenever many members' keys sign in one process and the cache misses.
    importPrivate: (sk) => okpPrivateKey(curve, sk).key,
    importPublic: (pk) => okpPublicKey(curve, pk),
    checkPublic: () => undefined,
    digest: null,
    generate() {
      // JWK straight from the generation call: see generateOkpRaw for the Node 20 deadlock this avoids.
      const { d, x } = generateOkpRaw(curve);
      return { privateKey: fromBase64url(d), publicKey: fromBase64url(x) };
    },
  };
}

const OPENSSL_CURVE: Record<NistCurve, string> = {
  "P-256": "prime256v1",
  "P-384": "secp384r1",
  "P-521": "secp521r1",
};

function ecdsaCodec(curve: NistCurve, params: SignatureParams): SchemeCodec {
  return {
    importPrivate(sk) {
      // OpenSSL signs even with d = 0 or d >= n, so the RFC 5915 / SEC 1 range 0 < d < n is enforced here.
      const d = os2ip(sk);
      if (d === 0n || d >= params.order) throw new CryptoError(`${params.name} private key is out of range`);
      const der = ecPkcs8(curve, sk);
      try {
        return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
      } finally {
        der.fill(0);
      }
    },
    importPublic: (pk) => ecPublicKey(curve, pk),
    checkPublic: (pk) => checkUncompressedPoint(`${params.name} public key`, pk, params.npk),
    digest: params.hash ?? null,
    generate() {
      const ecdh = createECDH(OPENSSL_CURVE[curve]);
      const publicKey = asBytes(ecdh.generateKeys());
      return { privateKey: leftPad(asBytes(ecdh.getPrivateKey()), params.nsk), publicKey };
    },
  };
}

function codecFor(params: SignatureParams): SchemeCodec {
  switch (params.scheme) {
    case SignatureSchemeId.ed25519:
      return eddsaCodec("Ed25519");
    case SignatureSchemeId.ed448:
      return eddsaCodec("Ed448");
    case SignatureSchemeId.ecdsa_secp256r1_sha256:
      return ecdsaCodec("P-256", params);
    case SignatureSchemeId.ecdsa_secp384r1_sha384:
      return ecdsaCodec("P-384", params);
    case SignatureSchemeId.ecdsa_secp521r1_sha512:
      return ecdsaCodec("P-521", params);
    default:
      throw new UnsupportedError(`unsupported signature scheme 0x${params.scheme.toString(16)}`);
  }
}

export function nodeSignature(scheme: number): SignaturePrimitive {
  const params = signatureParams(scheme);
  const codec = codecFor(params);
  const privates = new KeyCache<KeyObject>(CACHE_SIZE, privateCacheKey);
  // A cached `null` remembers a public key OpenSSL refused, so repeated garbage is not re-parsed.
  const publics = new KeyCache<KeyObject | null>(CACHE_SIZE, publicCacheKey);

  const importPrivate = (sk: Uint8Array): KeyObject =>
    privates.get(sk, () => {
      try {
        return codec.importPrivate(sk);
      } catch (cause) {
        if (cause instanceof CryptoError) throw cause;
        throw new CryptoError(`invalid ${params.name} private key`, { cause });
      }
    });

  const importPublic = (pk: Uint8Array): KeyObject | null =>
    publics.get(pk, () => {
      try {
        return codec.importPublic(pk);
      } catch {
        return null;
      }
    });

  return {
    params,
    generateKeyPair: () => codec.generate(),
    // Node's default dsaEncoding is DER, which RFC 9420 §5.1.2 requires for ECDSA (EdDSA ignores it).
    sign: (sk, message) => asBytes(sign(codec.digest, message, importPrivate(sk))),
    verify(pk, message, signature) {
      codec.checkPublic(pk);
      const key = importPublic(pk);
      // A public key that does not decode (e.g. a point off the curve) cannot verify anything.
      if (key === null) return false;
      try {
        return verify(codec.digest, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}
