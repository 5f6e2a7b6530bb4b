/** RFC 9180 §5.1 KeySchedule, base mode only (mode_base = 0x00, default psk and psk_id). */
import { concatBytes } from "@parley/codec";
import { wipe } from "../bytes.js";
import type { LabeledKdf } from "./labeled-kdf.js";

const MODE_BASE = new Uint8Array([0x00]);
const EMPTY = new Uint8Array(0);

export interface HpkeContextSecrets {
  key: Uint8Array;
  baseNonce: Uint8Array;
  exporterSecret: Uint8Array;
}

/** Which context secrets a caller needs: single-shot Seal/Open never exports, SendExport never seals. */
export interface WantedSecrets {
  readonly aead: boolean;
  readonly exporter: boolean;
}

export interface BaseKeySchedule {
  /** Secrets that were not asked for come back empty (never derived, so nothing to delete). */
  run(sharedSecret: Uint8Array, info: Uint8Array, want: WantedSecrets): HpkeContextSecrets;
}

/**
 * `lkdf` carries the full HPKE suite_id. psk_id_hash depends only on the suite in base mode (psk_id is
 * empty), so it is computed once here rather than on every seal/open.
 */
export function createBaseKeySchedule(lkdf: LabeledKdf, nk: number, nn: number): BaseKeySchedule {
  const pskIdHash = lkdf.labeledExtract(EMPTY, "psk_id_hash", EMPTY);
  return {
    run(sharedSecret, info, want) {
      const infoHash = lkdf.labeledExtract(EMPTY, "info_hash", info);
      // key_schedule_context = concat(mode, psk_id_hash, info_hash)
      const context = concatBytes(MODE_BASE, pskIdHash, infoHash);
      // secret = LabeledExtract(shared_secret, "secret", psk) with psk = default_psk = "".
      const secret = lkdf.labeledExtract(sharedSecret, "secret", EMPTY);
      const key = want.aead ? lkdf.labeledExpand(secret, "key", context, nk) : EMPTY;
      const baseNonce = want.aead ? lkdf.labeledExpand(secret, "base_nonce", context, nn) : EMPTY;
      const exporterSecret = want.exporter ? lkdf.labeledExpand(secret, "exp", context, lkdf.nh) : EMPTY;
      wipe(secret);
      return { key, baseNonce, exporterSecret };
    },
  };
}
