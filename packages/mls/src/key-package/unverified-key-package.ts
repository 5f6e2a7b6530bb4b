/**
 * KeyPackages from outside (a directory upload, a fetched KeyPackage, an Add proposal) enter as
 * `UnverifiedKeyPackage`: parsed, with the exact bytes that were signed and are hashed into the KeyPackageRef,
 * but trusted for nothing until `validateKeyPackage` turns them into a `ValidatedKeyPackage`.
 */
import { Reader, encode } from "@parley/codec";
import { WireFormat, decodeKeyPackage, encodeKeyPackage } from "../codec/index.js";
import type { KeyPackage } from "../codec/index.js";
import { decodeMls10 } from "../codec/protocol-version.js";
import { ValidationError } from "../errors.js";
import { KeyPackageRule } from "./rules.js";

export interface UnverifiedKeyPackage {
  readonly keyPackage: KeyPackage;
  /** The bare encoded KeyPackage (no MLSMessage header). */
  readonly keyPackageBytes: Uint8Array;
}

/** A bare encoded KeyPackage (§10). Malformed bytes throw `CodecError` naming the field. */
export function decodeUnverifiedKeyPackage(bytes: Uint8Array): UnverifiedKeyPackage {
  const r = new Reader(bytes);
  const keyPackage = decodeKeyPackage(r);
  r.done("KeyPackage");
  return { keyPackage, keyPackageBytes: bytes.slice() };
}

/**
 * A KeyPackage inside an MLSMessage (§6), the form clients publish. The MLSMessage version must be mls10
 * (a `CodecError` otherwise); a message of another wire format is rejected with KP-12.
 */
export function decodeUnverifiedKeyPackageMessage(bytes: Uint8Array): UnverifiedKeyPackage {
  const r = new Reader(bytes);
  decodeMls10(r, "MLSMessage.version");
  const wireFormat = r.u16("MLSMessage.wire_format");
  const start = r.offset;
  if (wireFormat !== WireFormat.mlsKeyPackage) {
    const { id, section } = KeyPackageRule.wireFormat;
    throw new ValidationError(
      id,
      section,
      `MLSMessage has wire format ${wireFormat}, not mls_key_package (5)`,
    );
  }
  const keyPackage = decodeKeyPackage(r, "MLSMessage.key_package");
  r.done("MLSMessage");
  return { keyPackage, keyPackageBytes: bytes.slice(start) };
}

/** A KeyPackage already parsed as part of something else (e.g. an Add proposal): encoded once for its ref. */
export function unverifiedKeyPackage(keyPackage: KeyPackage): UnverifiedKeyPackage {
  return { keyPackage, keyPackageBytes: encode(keyPackage, encodeKeyPackage) };
}
