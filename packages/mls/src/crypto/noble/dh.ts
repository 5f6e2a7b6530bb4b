/**
 * The RFC 9180 §4.1 DH groups from @noble/curves. Noble's point decoder performs the SP 800-56A partial
 * validation (coordinates in range, on the curve, not infinity) and its X25519/X448 reject an all-zero output.
 */
import { x25519 } from "@noble/curves/ed25519.js";
import { x448 } from "@noble/curves/ed448.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { CryptoError, UnsupportedError } from "../../errors.js";
import { kemParams, type KemParams } from "../algorithms.js";
import { isAllZero } from "../bytes.js";
import { checkUncompressedPoint } from "../nist-point.js";
import type { DhPrimitive } from "../primitives.js";

/** Maps a noble failure to `CryptoError` naming what was invalid, never echoing the inputs. */
function guard<T>(what: string, op: () => T): T {
  try {
    return op();
  } catch (cause) {
    throw new CryptoError(`invalid ${what}`, { cause });
  }
}

function withEphemeral(dh: Omit<DhPrimitive, "ephemeralDh">): DhPrimitive {
  return {
    ...dh,
    ephemeralDh(pkR) {
      const { privateKey, publicKey } = dh.generateKeyPair();
      try {
        return { enc: publicKey, dh: dh.dh(privateKey, pkR) };
      } finally {
        privateKey.fill(0);
      }
    },
  };
}

function montgomeryDh(params: KemParams, curve: typeof x25519): DhPrimitive {
  return withEphemeral({
    params,
    generateKeyPair() {
      const { secretKey, publicKey } = curve.keygen();
      return { privateKey: secretKey, publicKey };
    },
    publicKey: (sk) => guard(`${params.name} private key`, () => curve.getPublicKey(sk)),
    // RFC 7748 accepts every u-coordinate; low-order points are caught by the all-zero check in `dh`.
    dh(sk, pk) {
      // RFC 9180 §7.1.4: abort on an all-zero DH output. Noble throws for it (the only way a DH of two
      // correctly sized inputs fails); the explicit check keeps the rule visible and backend-independent.
      const allZero = `${params.name}: DH output is all zero (low-order public key)`;
      let shared: Uint8Array;
      try {
        shared = curve.getSharedSecret(sk, pk);
      } catch (cause) {
        throw new CryptoError(allZero, { cause });
      }
      if (isAllZero(shared)) throw new CryptoError(allZero);
      return shared;
    },
  });
}

function nistDh(params: KemParams, curve: typeof p256): DhPrimitive {
  const what = `${params.name} public key`;
  return withEphemeral({
    params,
    generateKeyPair() {
      const privateKey = curve.utils.randomSecretKey();
      return { privateKey, publicKey: curve.getPublicKey(privateKey, false) };
    },
    // Throws for 0 or a scalar >= the group order.
    publicKey: (sk) => guard(`${params.name} private key`, () => curve.getPublicKey(sk, false)),
    dh(sk, pk) {
      checkUncompressedPoint(what, pk, params.npk);
      if (!curve.utils.isValidSecretKey(sk)) throw new CryptoError(`invalid ${params.name} private key`);
      // The compressed shared point is 0x02/0x03 || x; RFC 9180 §4.1 uses the x-coordinate alone.
      const point = guard(`${params.name} public key`, () => curve.getSharedSecret(sk, pk, true));
      return point.slice(1);
    },
  });
}

export function nobleDh(kemId: number): DhPrimitive {
  const params = kemParams(kemId);
  switch (kemId) {
    case 0x0020:
      return montgomeryDh(params, x25519);
    case 0x0021:
      return montgomeryDh(params, x448);
    case 0x0010:
      return nistDh(params, p256);
    case 0x0011:
      return nistDh(params, p384);
    case 0x0012:
      return nistDh(params, p521);
    default:
      throw new UnsupportedError(`unsupported HPKE KEM 0x${kemId.toString(16)}`);
  }
}
