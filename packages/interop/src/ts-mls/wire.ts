/**
 * Bytes on the contract ⇄ ts-mls values. The contract carries MLS objects as RFC 9420 §6 `MLSMessage`s
 * (key packages, welcomes, group infos, proposals, commits) and the ratchet tree as the bare §12.4.3.3
 * `optional<Node> ratchet_tree<V>`. Decoding is strict: trailing bytes or the wrong wire format are refused
 * with a message naming the RPC and field.
 */
import {
  decodeMlsMessage,
  defaultExtensionTypes,
  encodeMlsMessage,
  type DefaultExtensionTypeName,
  type Extension,
  type GroupInfo,
  type KeyPackage,
  type MLSMessage,
  type MlsPrivateMessage,
  type MlsPublicMessage,
  type RatchetTree,
  type Welcome,
} from "ts-mls";
import { decodeRatchetTree, encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { checkExtensionTypes } from "../harness/requests.js";
import { badRequest } from "./errors.js";

/** A handshake message (proposal or commit) as it travels between members. */
export type Handshake = MLSMessage & (MlsPublicMessage | MlsPrivateMessage);

function readMessage(rpc: string, field: string, bytes: Uint8Array): MLSMessage {
  if (bytes.length === 0) throw badRequest(rpc, `${field} is empty`);
  const decoded = decodeMlsMessage(bytes, 0);
  if (decoded === undefined) throw badRequest(rpc, `${field} is not an MLSMessage`);
  const [message, length] = decoded;
  if (length !== bytes.length) {
    throw badRequest(rpc, `${field} has ${bytes.length - length} bytes after its MLSMessage`);
  }
  return message;
}

export function readKeyPackage(rpc: string, field: string, bytes: Uint8Array): KeyPackage {
  const m = readMessage(rpc, field, bytes);
  if (m.wireformat !== "mls_key_package")
    throw badRequest(rpc, `${field} is a ${m.wireformat}, not a key package`);
  return m.keyPackage;
}

export function readWelcome(rpc: string, field: string, bytes: Uint8Array): Welcome {
  const m = readMessage(rpc, field, bytes);
  if (m.wireformat !== "mls_welcome") throw badRequest(rpc, `${field} is a ${m.wireformat}, not a Welcome`);
  return m.welcome;
}

export function readGroupInfo(rpc: string, field: string, bytes: Uint8Array): GroupInfo {
  const m = readMessage(rpc, field, bytes);
  if (m.wireformat !== "mls_group_info")
    throw badRequest(rpc, `${field} is a ${m.wireformat}, not a GroupInfo`);
  return m.groupInfo;
}

export function readHandshake(rpc: string, field: string, bytes: Uint8Array): Handshake {
  const m = readMessage(rpc, field, bytes);
  if (m.wireformat === "mls_public_message" || m.wireformat === "mls_private_message") return m;
  throw badRequest(rpc, `${field} is a ${m.wireformat}, not a PublicMessage or PrivateMessage`);
}

/** An out-of-band ratchet tree; empty bytes mean "none sent" (the tree must then be in an extension). */
export function readRatchetTree(rpc: string, bytes: Uint8Array): RatchetTree | undefined {
  if (bytes.length === 0) return undefined;
  const decoded = decodeRatchetTree(bytes, 0);
  if (decoded === undefined || decoded[1] !== bytes.length)
    throw badRequest(rpc, "ratchet_tree does not decode");
  return decoded[0];
}

export function writeRatchetTree(tree: RatchetTree): Uint8Array {
  return encodeRatchetTree(tree);
}

export function writeMessage(message: MLSMessage): Uint8Array {
  return encodeMlsMessage(message);
}

export function writeKeyPackage(keyPackage: KeyPackage): Uint8Array {
  return encodeMlsMessage({ version: "mls10", wireformat: "mls_key_package", keyPackage });
}

export function writeWelcome(welcome: Welcome): Uint8Array {
  return encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome });
}

export function writeGroupInfo(groupInfo: GroupInfo): Uint8Array {
  return encodeMlsMessage({ version: "mls10", wireformat: "mls_group_info", groupInfo });
}

const DEFAULT_EXTENSIONS = new Map<number, DefaultExtensionTypeName>(
  (Object.keys(defaultExtensionTypes) as DefaultExtensionTypeName[]).map((n) => [
    defaultExtensionTypes[n],
    n,
  ]),
);

/**
 * ts-mls spells the RFC 9420 §17.3 default extension types by name and only validates them when so spelled
 * (e.g. `required_capabilities`), so contract numbers are translated; other types stay numeric.
 */
export function toExtensions(
  rpc: string,
  extensions: readonly { extensionType: number; extensionData: Uint8Array }[],
): Extension[] {
  checkExtensionTypes(rpc, extensions);
  return extensions.map((e) => ({
    extensionType: DEFAULT_EXTENSIONS.get(e.extensionType) ?? e.extensionType,
    extensionData: e.extensionData,
  }));
}
