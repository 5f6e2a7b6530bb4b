/**
 * A minimal DER wrapper that turns a raw ECDSA private scalar into the PKCS#8 structure OpenSSL imports
 * (RFC 5915, with RFC 5480 curve ids). X25519/X448/Ed25519/Ed448 keys import through JWK instead, ~10x
 * faster than OpenSSL 3.0's generic DER decoder (see jwk.ts `okpPrivateKey`); so do all public keys.
 */
import { concatBytes } from "@parley/codec";
import type { NistCurve } from "./jwk.js";

function tlv(tag: number, ...body: Uint8Array[]): Uint8Array {
  const content = concatBytes(...body);
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concatBytes(new Uint8Array([tag, ...len]), content);
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const OID = 0x06;

// RFC 5480 §2.1.1: id-ecPublicKey 1.2.840.10045.2.1; secp256r1 1.2.840.10045.3.1.7; secp384r1 1.3.132.0.34;
// secp521r1 1.3.132.0.35.
const EC_PUBLIC_KEY_OID = tlv(OID, new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]));
const NIST_OID: Record<NistCurve, Uint8Array> = {
  "P-256": tlv(OID, new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07])),
  "P-384": tlv(OID, new Uint8Array([0x2b, 0x81, 0x04, 0x00, 0x22])),
  "P-521": tlv(OID, new Uint8Array([0x2b, 0x81, 0x04, 0x00, 0x23])),
};

const VERSION_0 = tlv(INTEGER, new Uint8Array([0]));
const VERSION_1 = tlv(INTEGER, new Uint8Array([1]));

/**
 * The DER is built around a zero placeholder and the key is written into the final buffer only, so no
 * intermediate copy of the secret is left behind; the caller wipes the returned buffer after import.
 */
function withKeyAtEnd(template: (placeholder: Uint8Array) => Uint8Array, key: Uint8Array): Buffer {
  const der = Buffer.from(template(new Uint8Array(key.length)));
  der.set(key, der.length - key.length);
  return der;
}

/** PKCS#8 around an RFC 5915 ECPrivateKey without the optional parameters and public key (OpenSSL recomputes it). */
export function ecPkcs8(curve: NistCurve, scalar: Uint8Array): Buffer {
  return withKeyAtEnd(
    (k) =>
      tlv(
        SEQUENCE,
        VERSION_0,
        tlv(SEQUENCE, EC_PUBLIC_KEY_OID, NIST_OID[curve]),
        tlv(OCTET_STRING, tlv(SEQUENCE, VERSION_1, tlv(OCTET_STRING, k))),
      ),
    scalar,
  );
}
