/**
 * RFC 9180 HPKE, base mode, single-shot Seal/Open (§6.1), composed from a DHKEM, the suite KDF and AEAD.
 * Single-shot means sequence number 0, so the nonce is base_nonce itself (§5.2 ComputeNonce with seq = 0).
 */
import { CryptoError } from "../../errors.js";
import { checkLength, wipe } from "../bytes.js";
import type { Kdf } from "../hkdf.js";
import type { AeadPrimitive } from "../primitives.js";
import type { Hpke } from "../provider.js";
import type { Dhkem } from "./dhkem.js";
import { createBaseKeySchedule, type HpkeContextSecrets } from "./key-schedule.js";
import { createLabeledKdf, hpkeSuiteId } from "./labeled-kdf.js";

/** The HPKE instance plus the deterministic hooks the RFC 9180 vector test needs. */
export interface HpkeSuite extends Hpke {
  readonly kem: Dhkem;
  /** SetupBaseS with a caller-chosen ephemeral key; test-vector use only (never for real messages). */
  setupBaseWithEphemeral(
    pkR: Uint8Array,
    info: Uint8Array,
    skE: Uint8Array,
  ): HpkeContextSecrets & { enc: Uint8Array; sharedSecret: Uint8Array };
}

export function createHpke(kem: Dhkem, kdf: Kdf, kdfId: number, aead: AeadPrimitive): HpkeSuite {
  const { nk, nn, nt } = aead.params;
  const lkdf = createLabeledKdf(kdf, hpkeSuiteId(kem.id, kdfId, aead.params.id));
  const schedule = createBaseKeySchedule(lkdf, nk, nn);

  return {
    kem,
    generateKeyPair: () => kem.generateKeyPair(),
    deriveKeyPair: (ikm) => kem.deriveKeyPair(ikm),
    seal(publicKey, info, aad, plaintext) {
      const { sharedSecret, enc } = kem.encap(publicKey);
      const { key, baseNonce } = schedule.run(sharedSecret, info, false);
      try {
        return { kemOutput: enc, ciphertext: aead.seal(key, baseNonce, aad, plaintext) };
      } finally {
        wipe(sharedSecret, key, baseNonce);
      }
    },
    open(privateKey, kemOutput, info, aad, ciphertext) {
      if (!(ciphertext instanceof Uint8Array) || ciphertext.length < nt) {
        throw new CryptoError(`HPKE ciphertext must be at least ${nt} bytes (the AEAD tag)`);
      }
      const sharedSecret = kem.decap(kemOutput, privateKey);
      const { key, baseNonce } = schedule.run(sharedSecret, info, false);
      try {
        return aead.open(key, baseNonce, aad, ciphertext);
      } finally {
        wipe(sharedSecret, key, baseNonce);
      }
    },
    setupBaseWithEphemeral(pkR, info, skE) {
      checkLength("HPKE ephemeral private key", skE, kem.nsk);
      const { sharedSecret, enc } = kem.encapWithEphemeral(pkR, skE);
      return { enc, sharedSecret, ...schedule.run(sharedSecret, info, true) };
    },
  };
}
