import type { Reader, Writer } from "@parley/codec";

/** RFC 9420 §6: `enum { reserved(0), mls10(1), (65535) } ProtocolVersion`. */
export const ProtocolVersion = { mls10: 1 } as const;
export type ProtocolVersion = (typeof ProtocolVersion)[keyof typeof ProtocolVersion];

/**
 * Fields declared `ProtocolVersion version = mls10` (MLSMessage, GroupContext, FramedContentTBS) carry
 * no information in this version of the protocol: they are written as mls10 and any other value on
 * the wire is rejected, since this library cannot interpret a message of another version.
 */
export function encodeMls10(w: Writer): void {
  w.u16(ProtocolVersion.mls10);
}

export function decodeMls10(r: Reader, field: string): void {
  const version = r.u16(field);
  if (version !== ProtocolVersion.mls10) r.fail(`protocol version ${version} is not mls10 (1)`, field);
}
