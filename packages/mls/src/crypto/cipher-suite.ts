/**
 * Builds the `CipherSuite` and `CryptoProvider` objects from a backend's primitives. Boundary checks (key and
 * nonce lengths, input types) live here, once, so both backends reject bad input identically.
 */
import { aeadParams, kdfParams, kemParams, signatureParams, suiteParams } from "./algorithms.js";
import { checkLength } from "./bytes.js";
import { createHkdf, type Kdf } from "./hkdf.js";
import { createDhkem } from "./hpke/dhkem.js";
import { createHpke, type HpkeSuite } from "./hpke/hpke.js";
import type { Primitives } from "./primitives.js";
import type { CipherSuite, CryptoProvider } from "./provider.js";
import { CryptoError } from "../errors.js";

/** A cipher suite plus its HPKE internals (for the RFC 9180 vector test). */
export interface CipherSuiteImpl extends CipherSuite {
  readonly hpke: HpkeSuite;
}

function kdfFor(primitives: Primitives, kdfId: number): Kdf {
  return createHkdf(primitives.hash(kdfParams(kdfId).hash));
}

/** Any (KEM, KDF, AEAD) triple of RFC 9180 §7, not just the MLS ones: the RFC 9180 vectors need others. */
export function createHpkeSuite(
  primitives: Primitives,
  kemId: number,
  kdfId: number,
  aeadId: number,
): HpkeSuite {
  const kem = createDhkem(primitives.dh(kemId), kdfFor(primitives, kemParams(kemId).kdfId));
  return createHpke(kem, kdfFor(primitives, kdfId), kdfId, primitives.aead(aeadId));
}

export function createCipherSuite(primitives: Primitives, id: number): CipherSuiteImpl {
  const params = suiteParams(id);
  const kdfP = kdfParams(params.kdfId);
  const aeadP = aeadParams(params.aeadId);
  // RFC 9420 §17.1: every suite's hash is the hash underlying its KDF, and its MAC is HMAC over it.
  const hash = primitives.hash(kdfP.hash);
  const kdf = createHkdf(hash);
  const aead = primitives.aead(params.aeadId);
  const signer = primitives.signature(params.signatureScheme);
  const sigP = signatureParams(params.signatureScheme);
  const hpke = createHpkeSuite(primitives, params.kemId, params.kdfId, params.aeadId);

  function checkAead(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, data: Uint8Array): void {
    checkLength(`${aeadP.name} key`, key, aeadP.nk);
    checkLength(`${aeadP.name} nonce`, nonce, aeadP.nn);
    if (!(aad instanceof Uint8Array) || !(data instanceof Uint8Array)) {
      throw new CryptoError("AEAD aad and data must be Uint8Array");
    }
  }

  return {
    id,
    name: params.name,
    hashLength: kdfP.nh,
    aeadKeyLength: aeadP.nk,
    aeadNonceLength: aeadP.nn,
    signatureScheme: params.signatureScheme,
    kemId: params.kemId,
    kdfId: params.kdfId,
    aeadId: params.aeadId,
    hash: (data) => hash.digest(data),
    mac: (key, data) => hash.mac(key, data),
    kdfExtract: (salt, ikm) => kdf.extract(salt, ikm),
    kdfExpand: (prk, info, length) => kdf.expand(prk, info, length),
    seal(key, nonce, aad, plaintext) {
      checkAead(key, nonce, aad, plaintext);
      return aead.seal(key, nonce, aad, plaintext);
    },
    open(key, nonce, aad, ciphertext) {
      checkAead(key, nonce, aad, ciphertext);
      if (ciphertext.length < aeadP.nt)
        throw new CryptoError(`ciphertext shorter than the ${aeadP.nt}-byte tag`);
      return aead.open(key, nonce, aad, ciphertext);
    },
    generateSignatureKeyPair: () => signer.generateKeyPair(),
    sign(privateKey, message) {
      const key = sigP.name.startsWith("ecdsa") ? padScalar(privateKey, sigP.nsk) : privateKey;
      checkLength(`${sigP.name} private key`, key, sigP.nsk);
      return signer.sign(key, message);
    },
    verify(publicKey, message, signature) {
      checkLength(`${sigP.name} public key`, publicKey, sigP.npk);
      if (!(signature instanceof Uint8Array)) throw new CryptoError("signature must be a Uint8Array");
      return signer.verify(publicKey, message, signature);
    },
    hpke,
  };
}

/** A provider whose suites are built lazily and then reused (they hold precomputed HPKE state). */
export function createProvider(
  primitives: Primitives,
): CryptoProvider & { suite(id: number): CipherSuiteImpl } {
  const suites = new Map<number, CipherSuiteImpl>();
  return {
    name: primitives.name,
    suite(id) {
      let cs = suites.get(id);
      if (cs === undefined) {
        cs = createCipherSuite(primitives, id);
        suites.set(id, cs);
      }
      return cs;
    },
    randomBytes: (n) => primitives.randomBytes(n),
  };
}

/**
 * An ECDSA private key is a big-endian integer; some encoders (including the official MLS test
 * vectors for P-521) drop its leading zero bytes. Left-pad such a scalar to the field size so
 * both providers see the canonical fixed-length form; the range check happens in the backend.
 */
function padScalar(key: Uint8Array, size: number): Uint8Array {
  if (key.length === 0 || key.length >= size) return key;
  const out = new Uint8Array(size);
  out.set(key, size - key.length);
  return out;
}
