/** A round-trip case for one struct value, hiding the value's type behind closures. */
import { Reader, Writer } from "@parley/codec";

export interface CodecCase {
  readonly name: string;
  /** The encoding of the sample value. */
  readonly bytes: Uint8Array;
  /** Decodes `bytes` in full (trailing data is an error) and returns the decoded value. */
  decode(bytes: Uint8Array): unknown;
  /** The sample value, for structural comparison with what `decode` returns. */
  readonly value: unknown;
  /** Re-encodes whatever `decode` returned. */
  reencode(decoded: unknown): Uint8Array;
  /** True when any suffix is legal (PrivateMessageContent padding), so truncation may still parse. */
  readonly openEnded?: boolean;
}

export function codecCase<T>(
  name: string,
  value: T,
  encode: (w: Writer, v: T) => void,
  decode: (r: Reader, path: string) => T,
  openEnded = false,
): CodecCase {
  const w = new Writer();
  encode(w, value);
  return {
    name,
    value,
    bytes: w.finish(),
    openEnded,
    decode(bytes) {
      const r = new Reader(bytes);
      const v = decode(r, name);
      r.done(name);
      return v;
    },
    reencode(decoded) {
      const out = new Writer();
      encode(out, decoded as T);
      return out.finish();
    },
  };
}
