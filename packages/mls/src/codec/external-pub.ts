import type { Reader, Writer } from "@parley/codec";

/** RFC 9420 §12.4.3.2: body of the `external_pub` GroupInfo extension, enabling external joins. */
export interface ExternalPub {
  readonly externalPub: Uint8Array;
}

export function encodeExternalPub(w: Writer, v: ExternalPub): void {
  w.opaque(v.externalPub);
}

export function decodeExternalPub(r: Reader, path = "ExternalPub"): ExternalPub {
  return { externalPub: r.opaque(`${path}.external_pub`) };
}
