import type { Reader, Writer } from "@parley/codec";
import { readEnum8, requireKnown, valuesOf } from "./enum.js";

/** RFC 9420 §8.4: `enum { reserved(0), external(1), resumption(2), (255) } PSKType`. */
export const PSKType = { external: 1, resumption: 2 } as const;
export type PSKType = (typeof PSKType)[keyof typeof PSKType];
const PSK_TYPES = valuesOf(PSKType);

/** RFC 9420 §8.4: why a resumption PSK is injected; `reinit` and `branch` are restricted (§12.1.4). */
export const ResumptionPSKUsage = { application: 1, reinit: 2, branch: 3 } as const;
export type ResumptionPSKUsage = (typeof ResumptionPSKUsage)[keyof typeof ResumptionPSKUsage];
const USAGES = valuesOf(ResumptionPSKUsage);

/** RFC 9420 §8.4 PreSharedKeyID: names a PSK and carries the fresh nonce mixed in with it. */
export type PreSharedKeyID =
  | { readonly pskType: typeof PSKType.external; readonly pskId: Uint8Array; readonly pskNonce: Uint8Array }
  | {
      readonly pskType: typeof PSKType.resumption;
      readonly usage: ResumptionPSKUsage;
      readonly pskGroupId: Uint8Array;
      readonly pskEpoch: bigint;
      readonly pskNonce: Uint8Array;
    };

export function encodePreSharedKeyID(w: Writer, v: PreSharedKeyID): void {
  w.u8(requireKnown(v.pskType, PSK_TYPES, "PSKType"));
  switch (v.pskType) {
    case PSKType.external:
      w.opaque(v.pskId);
      break;
    case PSKType.resumption:
      w.u8(requireKnown(v.usage, USAGES, "ResumptionPSKUsage"))
        .opaque(v.pskGroupId)
        .u64(v.pskEpoch);
      break;
  }
  w.opaque(v.pskNonce);
}

export function decodePreSharedKeyID(r: Reader, path = "PreSharedKeyID"): PreSharedKeyID {
  const pskType = readEnum8(r, `${path}.psktype`, PSK_TYPES, "PSKType");
  switch (pskType) {
    case PSKType.external: {
      const pskId = r.opaque(`${path}.psk_id`);
      return { pskType, pskId, pskNonce: r.opaque(`${path}.psk_nonce`) };
    }
    case PSKType.resumption: {
      const usage = readEnum8(r, `${path}.usage`, USAGES, "ResumptionPSKUsage");
      const pskGroupId = r.opaque(`${path}.psk_group_id`);
      const pskEpoch = r.u64(`${path}.psk_epoch`);
      return { pskType, usage, pskGroupId, pskEpoch, pskNonce: r.opaque(`${path}.psk_nonce`) };
    }
  }
}

/** RFC 9420 §8.4 PSKLabel: binds each PSK to its position when chaining `psk_secret`. */
export interface PSKLabel {
  readonly id: PreSharedKeyID;
  readonly index: number;
  readonly count: number;
}

export function encodePSKLabel(w: Writer, v: PSKLabel): void {
  encodePreSharedKeyID(w, v.id);
  w.u16(v.index).u16(v.count);
}

export function decodePSKLabel(r: Reader, path = "PSKLabel"): PSKLabel {
  return {
    id: decodePreSharedKeyID(r, `${path}.id`),
    index: r.u16(`${path}.index`),
    count: r.u16(`${path}.count`),
  };
}
