import type { Reader, Writer } from "@parley/codec";
import { type GroupInfo, decodeGroupInfo, encodeGroupInfo } from "./group-info.js";
import { type KeyPackage, decodeKeyPackage, encodeKeyPackage } from "./key-package.js";
import { type PrivateMessage, decodePrivateMessage, encodePrivateMessage } from "./private-message.js";
import { decodeMls10, encodeMls10 } from "./protocol-version.js";
import { type PublicMessage, decodePublicMessage, encodePublicMessage } from "./public-message.js";
import { readEnum16 } from "./enum.js";
import { type Welcome, decodeWelcome, encodeWelcome } from "./welcome.js";
import { WIRE_FORMATS, WireFormat, encodeWireFormat } from "./wire-format.js";

/**
 * RFC 9420 §6 MLSMessage: the envelope of everything sent. `version` must be mls10 and is therefore
 * implied rather than stored; an unknown wire format cannot be parsed and is rejected.
 */
export type MLSMessage =
  | { readonly wireFormat: typeof WireFormat.mlsPublicMessage; readonly publicMessage: PublicMessage }
  | { readonly wireFormat: typeof WireFormat.mlsPrivateMessage; readonly privateMessage: PrivateMessage }
  | { readonly wireFormat: typeof WireFormat.mlsWelcome; readonly welcome: Welcome }
  | { readonly wireFormat: typeof WireFormat.mlsGroupInfo; readonly groupInfo: GroupInfo }
  | { readonly wireFormat: typeof WireFormat.mlsKeyPackage; readonly keyPackage: KeyPackage };

export function encodeMLSMessage(w: Writer, v: MLSMessage): void {
  encodeMls10(w);
  encodeWireFormat(w, v.wireFormat);
  switch (v.wireFormat) {
    case WireFormat.mlsPublicMessage:
      return encodePublicMessage(w, v.publicMessage);
    case WireFormat.mlsPrivateMessage:
      return encodePrivateMessage(w, v.privateMessage);
    case WireFormat.mlsWelcome:
      return encodeWelcome(w, v.welcome);
    case WireFormat.mlsGroupInfo:
      return encodeGroupInfo(w, v.groupInfo);
    case WireFormat.mlsKeyPackage:
      return encodeKeyPackage(w, v.keyPackage);
  }
}

export function decodeMLSMessage(r: Reader, path = "MLSMessage"): MLSMessage {
  decodeMls10(r, `${path}.version`);
  const wireFormat = readEnum16(r, `${path}.wire_format`, WIRE_FORMATS, "WireFormat");
  switch (wireFormat) {
    case WireFormat.mlsPublicMessage:
      return { wireFormat, publicMessage: decodePublicMessage(r, `${path}.public_message`) };
    case WireFormat.mlsPrivateMessage:
      return { wireFormat, privateMessage: decodePrivateMessage(r, `${path}.private_message`) };
    case WireFormat.mlsWelcome:
      return { wireFormat, welcome: decodeWelcome(r, `${path}.welcome`) };
    case WireFormat.mlsGroupInfo:
      return { wireFormat, groupInfo: decodeGroupInfo(r, `${path}.group_info`) };
    case WireFormat.mlsKeyPackage:
      return { wireFormat, keyPackage: decodeKeyPackage(r, `${path}.key_package`) };
  }
}
