/**
 * Contract bytes ⇄ Parley values where the harness itself must look inside: MLSMessages are checked for the
 * wire format the field calls for before the group API sees them (so a wrong kind of message is refused by
 * name, not half-processed), and ratchet trees are read to find members by identity. Decoding is strict
 * (RFC 9420 §2.1): trailing bytes are an error.
 */
import { CodecError, Reader, bytesEqual, toHex } from "@parley/codec";
import {
  CredentialType,
  ExtensionType,
  NodeType,
  WireFormat,
  decodeExtensionData,
  decodeMLSMessage,
  decodeRatchetTree,
  findExtension,
  type Credential,
  type GroupInfo,
  type MLSMessage,
  type RatchetTree,
} from "@parley/mls";
import { requireBytes } from "../harness/requests.js";
import { badRequest } from "./errors.js";

const WIRE_FORMAT_NAMES: Readonly<Record<number, string>> = {
  [WireFormat.mlsPublicMessage]: "PublicMessage",
  [WireFormat.mlsPrivateMessage]: "PrivateMessage",
  [WireFormat.mlsWelcome]: "Welcome",
  [WireFormat.mlsGroupInfo]: "GroupInfo",
  [WireFormat.mlsKeyPackage]: "KeyPackage",
};

function decodeStrict<T>(rpc: string, field: string, bytes: Uint8Array, decode: (r: Reader) => T): T {
  requireBytes(rpc, field, bytes);
  try {
    const r = new Reader(bytes);
    const value = decode(r);
    r.done(field);
    return value;
  } catch (err) {
    if (err instanceof CodecError) throw badRequest(rpc, `${field} does not decode: ${err.message}`);
    throw err;
  }
}

/** `bytes` as an MLSMessage (§6) of one of the `allowed` wire formats. */
export function readMessage(
  rpc: string,
  field: string,
  bytes: Uint8Array,
  allowed: readonly WireFormat[],
): MLSMessage {
  const message = decodeStrict(rpc, field, bytes, (r) => decodeMLSMessage(r, field));
  if (!allowed.includes(message.wireFormat)) {
    const want = allowed.map((f) => WIRE_FORMAT_NAMES[f] ?? String(f)).join(" or ");
    throw badRequest(rpc, `${field} is a ${WIRE_FORMAT_NAMES[message.wireFormat] ?? "?"}, not a ${want}`);
  }
  return message;
}

/** A proposal or commit as members send them: a PublicMessage or a PrivateMessage. */
export function checkHandshake(rpc: string, field: string, bytes: Uint8Array): void {
  readMessage(rpc, field, bytes, [WireFormat.mlsPublicMessage, WireFormat.mlsPrivateMessage]);
}

export function readGroupInfo(rpc: string, field: string, bytes: Uint8Array): GroupInfo {
  const message = readMessage(rpc, field, bytes, [WireFormat.mlsGroupInfo]);
  if (message.wireFormat !== WireFormat.mlsGroupInfo) throw badRequest(rpc, `${field} is not a GroupInfo`);
  return message.groupInfo;
}

/** §12.4.3.3: the tree from the GroupInfo's `ratchet_tree` extension, else the one sent out of band. */
export function treeOf(rpc: string, groupInfo: GroupInfo, outOfBand: Uint8Array): RatchetTree {
  const ext = findExtension(groupInfo.extensions, ExtensionType.ratchetTree);
  if (ext !== undefined) {
    return decodeExtensionData(ext.extensionData, (r) => decodeRatchetTree(r), "GroupInfo.ratchet_tree");
  }
  if (outOfBand.length === 0)
    throw badRequest(rpc, "no ratchet tree (neither in the GroupInfo nor in ratchet_tree)");
  return decodeStrict(rpc, "ratchet_tree", outOfBand, (r) => decodeRatchetTree(r));
}

/** The out-of-band tree when one was sent (§12.4.3.3); empty bytes mean "look in the GroupInfo". */
export function outOfBand(tree: Uint8Array): { ratchetTree?: Uint8Array } {
  return tree.length === 0 ? {} : { ratchetTree: tree };
}

/** The bare ratchet tree of a GroupInfo that carries one (§12.4.3.3), for sending it out of band. */
export function treeBytesOf(rpc: string, groupInfo: Uint8Array): Uint8Array {
  const message = decodeStrict(rpc, "group_info", groupInfo, (r) => decodeMLSMessage(r));
  const ext =
    message.wireFormat === WireFormat.mlsGroupInfo
      ? findExtension(message.groupInfo.extensions, ExtensionType.ratchetTree)
      : undefined;
  if (ext === undefined) throw new TypeError("the GroupInfo built for the tree carries no ratchet_tree");
  return ext.extensionData;
}

/** The identity of a basic credential (§5.3), or undefined for any other credential type. */
export function basicIdentity(credential: Credential): Uint8Array | undefined {
  return credential.credentialType === CredentialType.basic && "identity" in credential
    ? credential.identity
    : undefined;
}

/** The leaf index (§4.1: leaf i is node 2i) of the member whose basic credential is `identity`. */
export function leafOfIdentity(rpc: string, tree: RatchetTree, identity: Uint8Array): number {
  for (let i = 0; i < tree.length; i += 2) {
    const node = tree[i];
    if (node?.nodeType !== NodeType.leaf) continue;
    const own = basicIdentity(node.leafNode.credential);
    if (own !== undefined && bytesEqual(own, identity)) return i / 2;
  }
  throw badRequest(rpc, `no member with identity ${toHex(identity)}`);
}
