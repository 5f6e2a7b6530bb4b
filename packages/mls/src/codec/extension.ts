import { Reader, Writer } from "@parley/codec";

/**
 * RFC 9420 §13 / §17.3 extension types defined by the RFC. Other values (including GREASE) are kept:
 * §13.4 requires ignoring unknown extensions in KeyPackages, LeafNodes and GroupInfos, and whether
 * a GroupContext extension is supported is a validation question, not a parsing one.
 */
export const ExtensionType = {
  applicationId: 1,
  ratchetTree: 2,
  requiredCapabilities: 3,
  externalPub: 4,
  externalSenders: 5,
} as const;
export type KnownExtensionType = (typeof ExtensionType)[keyof typeof ExtensionType];

/**
 * RFC 9420 §7.2 Extension. `extensionData` stays opaque here: a GroupInfo with a 50,000-leaf
 * `ratchet_tree` extension is parsed once, on demand, by the typed helpers for each known type.
 */
export interface Extension {
  readonly extensionType: number;
  readonly extensionData: Uint8Array;
}

export function encodeExtension(w: Writer, v: Extension): void {
  w.u16(v.extensionType).opaque(v.extensionData);
}

export function decodeExtension(r: Reader, path = "Extension"): Extension {
  return {
    extensionType: r.u16(`${path}.extension_type`),
    extensionData: r.opaque(`${path}.extension_data`),
  };
}

export function encodeExtensions(w: Writer, v: readonly Extension[]): void {
  w.vector(v, encodeExtension);
}

/** `Extension extensions<V>`; duplicate types (forbidden by §13.4) are left to validation. */
export function decodeExtensions(r: Reader, path: string): Extension[] {
  return r.vector(path, (sub, i) => decodeExtension(sub, `${path}[${i}]`));
}

/**
 * Parses an extension's `extension_data` with `decode`, which must consume it exactly; error paths
 * are rooted at `path` (e.g. `GroupInfo.extensions[1].extension_data`).
 */
export function decodeExtensionData<T>(data: Uint8Array, decode: (r: Reader) => T, path: string): T {
  const r = new Reader(data);
  const value = decode(r);
  r.done(path);
  return value;
}

/** Serialises an extension body, ready to become `extension_data`. */
export function encodeExtensionData<T>(value: T, encode: (w: Writer, v: T) => void): Uint8Array {
  const w = new Writer();
  encode(w, value);
  return w.finish();
}

/** RFC 9420 §5.3.3: `opaque application_id<V>` — the whole body of an `application_id` extension. */
export function encodeApplicationId(w: Writer, applicationId: Uint8Array): void {
  w.opaque(applicationId);
}

export function decodeApplicationId(r: Reader, path = "application_id"): Uint8Array {
  return r.opaque(path);
}
