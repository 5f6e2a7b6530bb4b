/**
 * RFC 9180 HPKE, base mode, single-shot APIs (§6) composed from a DHKEM, the suite KDF and AEAD: Seal/Open
 * (§6.1) and SendExport/ReceiveExport (§6.2). Single-shot means sequence number 0, so the nonce is
 * base_nonce itself (§5.2 ComputeNonce with seq = 0).
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
  /** §5.3 Context.Export over a context's `exporter_secret` (what both single-shot export calls end in). */
  contextExport(exporterSecret: Uint8Array, exporterContext: Uint8Array, length: number): Uint8Array;
}

const SEAL = { aead: true, exporter: false } as const;
const EXPORT = { aead: false, exporter: true } as const;

export function createHpke(kem: Dhkem, kdf: Kdf, kdfId: number, aead: AeadPrimitive): HpkeSuite {
  const { nk, nn, nt } = aead.params;
  const lkdf = createLabeledKdf(kdf, hpkeSuiteId(kem.id, kdfId, aead.params.id));
  const schedule = createBaseKeySchedule(lkdf, nk, nn);
  // §5.3: "For the KDFs defined in this specification, L has a maximum value of 255*Nh."
  const maxExport = 255 * lkdf.nh;

  /** Checked before any KEM work, so bad arguments never cost (or waste) an ephemeral key. */
  function checkExportArgs(exporterContext: Uint8Array, length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > maxExport) {
      throw new CryptoError(`HPKE Export length L must be an integer in 0..${maxExport}, got ${length}`);
    }
    if (!(exporterContext instanceof Uint8Array)) {
      throw new CryptoError("HPKE exporter_context must be a Uint8Array");
    }
  }

  function contextExport(exporterSecret: Uint8Array, exporterContext: Uint8Array, length: number) {
    checkExportArgs(exporterContext, length);
    // §5.3: Context.Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L).
    return lkdf.labeledExpand(exporterSecret, "sec", exporterContext, length);
  }

  /** §6.2: the export of a context set up from `sharedSecret`; every intermediate secret is wiped. */
  function exportFrom(
    sharedSecret: Uint8Array,
    info: Uint8Array,
    exporterContext: Uint8Array,
    length: number,
  ) {
    const { exporterSecret } = schedule.run(sharedSecret, info, EXPORT);
    try {
      return contextExport(exporterSecret, exporterContext, length);
    } finally {
      wipe(sharedSecret, exporterSecret);
    }
  }

  return {
    kem,
    generateKeyPair: () => kem.generateKeyPair(),
    deriveKeyPair: (ikm) => kem.deriveKeyPair(ikm),
    seal(publicKey, info, aad, plaintext) {
      const { sharedSecret, enc } = kem.encap(publicKey);
      const { key, baseNonce } = schedule.run(sharedSecret, info, SEAL);
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
      const { key, baseNonce } = schedule.run(sharedSecret, info, SEAL);
      try {
        return aead.open(key, baseNonce, aad, ciphertext);
      } finally {
        wipe(sharedSecret, key, baseNonce);
      }
    },
    sendExport(publicKey, info, exporterContext, length) {
      checkExportArgs(exporterContext, length);
      const { sharedSecret, enc } = kem.encap(publicKey);
      return { kemOutput: enc, exportedValue: exportFrom(sharedSecret, info, exporterContext, length) };
    },
    receiveExport(privateKey, kemOutput, info, exporterContext, length) {
      checkExportArgs(exporterContext, length);
      return exportFrom(kem.decap(kemOutput, privateKey), info, exporterContext, length);
    },
    setupBaseWithEphemeral(pkR, info, skE) {
      checkLength("HPKE ephemeral private key", skE, kem.nsk);
      const { sharedSecret, enc } = kem.encapWithEphemeral(pkR, skE);
      return { enc, sharedSecret, ...schedule.run(sharedSecret, info, { aead: true, exporter: true }) };
    },
    contextExport,
  };
}
