import type { Reader, Writer } from "@parley/codec";
import { readEnum16, requireKnown, valuesOf } from "./enum.js";

/** RFC 9420 §6 / §17.2 wire formats. An MLSMessage of any other format cannot be parsed. */
export const WireFormat = {
  mlsPublicMessage: 1,
  mlsPrivateMessage: 2,
  mlsWelcome: 3,
  mlsGroupInfo: 4,
  mlsKeyPackage: 5,
} as const;
export type WireFormat = (typeof WireFormat)[keyof typeof WireFormat];
export const WIRE_FORMATS = valuesOf(WireFormat);

/** The wire formats that carry framed content (AuthenticatedContent, FramedContentTBS, §6.1). */
export type FramingWireFormat = typeof WireFormat.mlsPublicMessage | typeof WireFormat.mlsPrivateMessage;
export const FRAMING_WIRE_FORMATS: readonly FramingWireFormat[] = [
  WireFormat.mlsPublicMessage,
  WireFormat.mlsPrivateMessage,
];

export function encodeWireFormat(w: Writer, v: WireFormat): void {
  w.u16(requireKnown(v, WIRE_FORMATS, "WireFormat"));
}

export function encodeFramingWireFormat(w: Writer, v: FramingWireFormat): void {
  w.u16(requireKnown(v, FRAMING_WIRE_FORMATS, "framing WireFormat"));
}

export function decodeFramingWireFormat(r: Reader, field: string): FramingWireFormat {
  return readEnum16(r, field, FRAMING_WIRE_FORMATS, "framing WireFormat");
}
