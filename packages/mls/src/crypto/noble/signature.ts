/**
 * Ed25519/Ed448 (RFC 8032) and ECDSA over P-256/384/521 from @noble/curves. ECDSA signatures are DER
 * (RFC 9420 §5.1.2); verification accepts high-S signatures because OpenSSL-based peers produce them.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { ed448 } from "@noble/curves/ed448.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { UnsupportedError } from "../../errors.js";
import { signatureParams, SignatureSchemeId, type SignatureParams } from "../algorithms.js";
import { checkUncompressedPoint } from "../nist-point.js";
import type { SignaturePrimitive } from "../primitives.js";
import { CryptoError } from "../../errors.js";

function eddsa(params: SignatureParams, curve: typeof ed25519): SignaturePrimitive {
  return {
    params,
    generateKeyPair() {
      const { secretKey, publicKey } = curve.keygen();
      return { privateKey: secretKey, publicKey };
    },
    sign: (sk, message) => curve.sign(message, sk),
    verify(pk, message, signature) {
      try {
        // RFC 8032 strict decoding (not ZIP-215), matching OpenSSL.
        return curve.verify(signature, message, pk, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

function ecdsa(params: SignatureParams, curve: typeof p256): SignaturePrimitive {
  return {
    params,
    generateKeyPair() {
      const privateKey = curve.utils.randomSecretKey();
      return { privateKey, publicKey: curve.getPublicKey(privateKey, false) };
    },
    sign(sk, message) {
      try {
        // prehash: the curve's own hash (SHA-256/384/512), as the RFC 9420 §17.1 scheme names require.
        return curve.sign(message, sk, { format: "der", prehash: true });
      } catch (cause) {
        throw new CryptoError(`invalid ${params.name} private key`, { cause });
      }
    },
    verify(pk, message, signature) {
      checkUncompressedPoint(`${params.name} public key`, pk, params.npk);
      try {
        return curve.verify(signature, message, pk, { format: "der", prehash: true, lowS: false });
      } catch {
        return false;
      }
    },
  };
}

export function nobleSignature(scheme: number): SignaturePrimitive {
  const params = signatureParams(scheme);
  switch (scheme) {
    case SignatureSchemeId.ed25519:
      return eddsa(params, ed25519);
    case SignatureSchemeId.ed448:
      return eddsa(params, ed448);
    case SignatureSchemeId.ecdsa_secp256r1_sha256:
      return ecdsa(params, p256);
    case SignatureSchemeId.ecdsa_secp384r1_sha384:
      return ecdsa(params, p384);
    case SignatureSchemeId.ecdsa_secp521r1_sha512:
      return ecdsa(params, p521);
    default:
      throw new UnsupportedError(`unsupported signature scheme 0x${scheme.toString(16)}`);
  }
}
