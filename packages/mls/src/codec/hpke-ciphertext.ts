import type { Reader, Writer } from "@parley/codec";

/** RFC 9420 §7.6: an HPKE encryption as `(kem_output, ciphertext)`. */
export interface HPKECiphertext {
  readonly kemOutput: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export function encodeHPKECiphertext(w: Writer, v: HPKECiphertext): void {
  w.opaque(v.kemOutput).opaque(v.ciphertext);
}

export function decodeHPKECiphertext(r: Reader, path = "HPKECiphertext"): HPKECiphertext {
  return { kemOutput: r.opaque(`${path}.kem_output`), ciphertext: r.opaque(`${path}.ciphertext`) };
}
