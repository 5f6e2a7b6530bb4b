/** RFC 9180 §5.1 KeySchedule, base mode only (mode_base = 0x00, default psk and psk_id). */
import { bytesEqual } from "@parley/codec";
import { CryptoError } from "../../errors.js";
import { wipe } from "../bytes.js";
import type { LabeledKdf } from "./labeled-kdf.js";

const MODE_BASE = 0x00;
const EMPTY = new Uint8Array(0);

/**
 * How many recent `info` values keep their key_schedule_context. MLS seals many messages under one info:
 * every UpdatePath node of a commit shares one EncryptContext (RFC 9420 §12.4.1), as does every Welcome
 * recipient (§12.4.3.1); a few entries let two groups' work interleave without thrashing.
 */
const CONTEXT_MEMO_SIZE = 4;
/** Larger infos are hashed every time, so the memo never holds more than a few small public strings. */
const CONTEXT_MEMO_MAX_INFO = 16 * 1024;

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
 * `lkdf` carries the full HPKE suite_id. In base mode key_schedule_context depends only on the suite and
 * `info` (psk_id is empty), and neither it nor info is secret, so psk_id_hash is computed once here and the
 * context of the last few infos is remembered, compared by content.
 */
export function createBaseKeySchedule(lkdf: LabeledKdf, nk: number, nn: number): BaseKeySchedule {
  const pskIdHash = lkdf.labeledExtract(EMPTY, "psk_id_hash", EMPTY);
  const recent: { info: Uint8Array; context: Uint8Array }[] = [];

  function computeContext(info: Uint8Array): Uint8Array {
    const infoHash = lkdf.labeledExtract(EMPTY, "info_hash", info);
    // key_schedule_context = concat(mode, psk_id_hash, info_hash)
    const context = new Uint8Array(1 + pskIdHash.length + infoHash.length);
    context[0] = MODE_BASE;
    context.set(pskIdHash, 1);
    context.set(infoHash, 1 + pskIdHash.length);
    return context;
  }

  function keyScheduleContext(info: Uint8Array): Uint8Array {
    if (!(info instanceof Uint8Array)) throw new CryptoError("HPKE info must be a Uint8Array");
    for (const entry of recent) if (bytesEqual(entry.info, info)) return entry.context;
    const context = computeContext(info);
    if (info.length <= CONTEXT_MEMO_MAX_INFO) {
      recent.unshift({ info: info.slice(), context });
      if (recent.length > CONTEXT_MEMO_SIZE) recent.pop();
    }
    return context;
  }

  return {
    run(sharedSecret, info, want) {
      const context = keyScheduleContext(info);
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
