/** RFC 9180 §4: LabeledExtract / LabeledExpand, which bind every KDF call to "HPKE-v1", a suite id and a label. */
import { concatBytes } from "@parley/codec";
import { i2osp, labelBytes } from "../bytes.js";
import type { Kdf } from "../hkdf.js";

const HPKE_V1 = labelBytes("HPKE-v1");

export interface LabeledKdf {
  readonly nh: number;
  labeledExtract(salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array;
  labeledExpand(prk: Uint8Array, label: string, info: Uint8Array, length: number): Uint8Array;
}

/**
 * `suiteId` is `"KEM" || I2OSP(kem_id, 2)` inside DHKEM (§4.1) and `"HPKE" || ids` elsewhere (§5.1).
 * The constant prefixes are encoded once per label: labels are a small fixed set of protocol constants.
 */
export function createLabeledKdf(kdf: Kdf, suiteId: Uint8Array): LabeledKdf {
  const extractPrefixes = new Map<string, Uint8Array>();
  const expandPrefixes = new Map<string, Uint8Array>();
  return {
    nh: kdf.nh,
    labeledExtract(salt, label, ikm) {
      let prefix = extractPrefixes.get(label);
      if (prefix === undefined) {
        prefix = concatBytes(HPKE_V1, suiteId, labelBytes(label));
        extractPrefixes.set(label, prefix);
      }
      // labeled_ikm = concat("HPKE-v1", suite_id, label, ikm); ikm is often secret (a DH output), so wiped.
      const labeledIkm = new Uint8Array(prefix.length + ikm.length);
      labeledIkm.set(prefix);
      labeledIkm.set(ikm, prefix.length);
      const prk = kdf.extract(salt, labeledIkm);
      labeledIkm.fill(0);
      return prk;
    },
    labeledExpand(prk, label, info, length) {
      const key = `${length}:${label}`;
      let prefix = expandPrefixes.get(key);
      if (prefix === undefined) {
        prefix = concatBytes(i2osp(length, 2), HPKE_V1, suiteId, labelBytes(label));
        expandPrefixes.set(key, prefix);
      }
      // labeled_info = concat(I2OSP(L, 2), "HPKE-v1", suite_id, label, info)
      if (length > kdf.nh) return kdf.expand(prk, concatBytes(prefix, info), length);
      // One block (every HPKE and DHKEM use but a long Export): labeled_info plus HKDF's counter byte.
      const block = new Uint8Array(prefix.length + info.length + 1);
      block.set(prefix);
      block.set(info, prefix.length);
      return kdf.expandOneBlock(prk, block, length);
    },
  };
}

/** RFC 9180 §4.1: suite_id = concat("KEM", I2OSP(kem_id, 2)). */
export function kemSuiteId(kemId: number): Uint8Array {
  return concatBytes(labelBytes("KEM"), i2osp(kemId, 2));
}

/** RFC 9180 §5.1: suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2)). */
export function hpkeSuiteId(kemId: number, kdfId: number, aeadId: number): Uint8Array {
  return concatBytes(labelBytes("HPKE"), i2osp(kemId, 2), i2osp(kdfId, 2), i2osp(aeadId, 2));
}
