/**
 * RFC 9420 wire structures: for each struct its type, `encodeX(w, v)` and `decodeX(r, path?)`,
 * grouped by RFC section. Decoders are strict (§2.1) and name the failing field as a dotted path.
 */
export { ProtocolVersion } from "./protocol-version.js";
export {
  WireFormat,
  type FramingWireFormat,
  encodeWireFormat,
  encodeFramingWireFormat,
  decodeFramingWireFormat,
} from "./wire-format.js";
export * from "./credential.js";
export * from "./hpke-ciphertext.js";
export * from "./extension.js";
export * from "./required-capabilities.js";
export * from "./external-pub.js";
export * from "./external-senders.js";
export * from "./capabilities.js";
export * from "./lifetime.js";
export * from "./leaf-node.js";
export * from "./leaf-node-tbs.js";
export * from "./parent-node.js";
export * from "./ratchet-tree.js";
export * from "./update-path.js";
export * from "./key-package.js";
export * from "./psk.js";
export * from "./proposal-bodies.js";
export * from "./proposal.js";
export * from "./commit.js";
export * from "./group-context.js";
export * from "./group-info.js";
export * from "./welcome.js";
export {
  ContentType,
  SenderType,
  type Sender,
  encodeSender,
  decodeSender,
  encodeContentType,
  decodeContentType,
} from "./sender.js";
export * from "./framed-content.js";
export * from "./authenticated-content.js";
export * from "./public-message.js";
export * from "./private-message.js";
export * from "./private-message-content.js";
export * from "./mls-message.js";
export * from "./transcript-hash-input.js";
export * from "./tree-hash-input.js";
export * from "./labeled-input.js";
export * from "./int-list.js";
