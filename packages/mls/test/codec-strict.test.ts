import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, type Reader, Writer, decode, encode } from "@parley/codec";
import * as c from "../src/codec/index.js";
import * as f from "./codec-fixtures.js";

/** Asserts `bytes` fails to decode with a CodecError whose field path is `field`. */
function rejects<T>(bytes: Uint8Array, dec: (r: Reader) => T, field: string, message?: RegExp): void {
  assert.throws(
    () => decode(bytes, dec, "top"),
    (e: unknown) => {
      assert.ok(e instanceof CodecError, `expected a CodecError, got ${String(e)}`);
      assert.equal(e.field, field);
      if (message !== undefined) assert.match(e.message, message);
      return true;
    },
  );
}

const build = (write: (w: Writer) => void): Uint8Array => {
  const w = new Writer();
  write(w);
  return w.finish();
};

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const at = Buffer.from(haystack).indexOf(Buffer.from(needle));
  assert.ok(at >= 0, "pattern not found");
  return at;
}

const header = (w: Writer, version = 1, wireFormat: number = c.WireFormat.mlsPublicMessage): Writer =>
  w.u16(version).u16(wireFormat);

test("RFC 9420 §2.1.2: non-minimal varint lengths inside a struct are rejected, naming the field", () => {
  const bytes = build((w) => w.u8(0x40).u8(0x01).u8(0xaa).u8(0).u8(0));
  rejects(bytes, (r) => c.decodeGroupSecrets(r), "GroupSecrets.joiner_secret", /non-minimal/);
  rejects(Uint8Array.of(0xc0, 0, 0, 0), (r) => c.decodeExternalInit(r), "ExternalInit.kem_output", /0b11/);
});

test("lengths past the end and trailing bytes are rejected", () => {
  rejects(Uint8Array.of(5, 1, 2), (r) => c.decodeExternalInit(r), "ExternalInit.kem_output", /need 5 bytes/);
  rejects(Uint8Array.of(1, 7, 0), (r) => c.decodeExternalInit(r), "top", /1 trailing bytes/);
  // A vector whose declared length ends inside an element is rejected, as is one past the end.
  const unmerged = build((w) => w.opaque(f.fill(1, 1)).opaque(f.fill(0, 0)).u8(3).u8(0).u8(0).u8(0));
  rejects(unmerged, (r) => c.decodeParentNode(r), "ParentNode.unmerged_leaves", /not a multiple of 4/);
  const short = build((w) => w.opaque(f.fill(1, 1)).opaque(f.fill(0, 0)).u8(8).u32(1));
  rejects(short, (r) => c.decodeParentNode(r), "ParentNode.unmerged_leaves", /need 8 bytes, 4 left/);
  const certificates = build((w) => w.u16(c.CredentialType.x509).u8(2).u8(5).u8(0));
  rejects(certificates, (r) => c.decodeCredential(r), "Credential.certificates[0].cert_data", /need 5 bytes/);
});

test("RFC 9420 §2.1.1: optional presence bytes other than 0 and 1 are rejected", () => {
  rejects(Uint8Array.of(0, 2), (r) => c.decodeCommit(r), "Commit.path", /must be 0 or 1/);
  rejects(Uint8Array.of(0, 2, 0), (r) => c.decodeGroupSecrets(r), "GroupSecrets.path_secret");
  rejects(Uint8Array.of(1, 0xff), (r) => c.decodeRatchetTree(r), "ratchet_tree[0]");
});

test("MLSMessage: version must be mls10 and the wire format one of the five", () => {
  const welcome = encode({ wireFormat: c.WireFormat.mlsWelcome, welcome: f.welcome }, c.encodeMLSMessage);
  const wrongVersion = welcome.slice();
  wrongVersion[1] = 2;
  rejects(wrongVersion, (r) => c.decodeMLSMessage(r), "MLSMessage.version", /not mls10/);
  for (const wireFormat of [0, 6, 0xf000]) {
    const bytes = build((w) => header(w, 1, wireFormat));
    rejects(bytes, (r) => c.decodeMLSMessage(r), "MLSMessage.wire_format", /unknown WireFormat/);
  }
});

test("GroupContext and FramedContentTBS: version must be mls10", () => {
  const gc = encode(f.groupContext, c.encodeGroupContext);
  gc[1] = 0;
  rejects(gc, (r) => c.decodeGroupContext(r), "GroupContext.version");
  const tbs = encode({ wireFormat: 1, content: f.externalProposal }, c.encodeFramedContentTBS);
  tbs[0] = 1;
  rejects(tbs, (r) => c.decodeFramedContentTBS(r), "FramedContentTBS.version");
});

test("framed content: unknown sender and content types are rejected with a dotted path", () => {
  const prefix = (w: Writer) => header(w).opaque(f.fill(4, 1)).u64(1n);
  for (const senderType of [0, 5, 255]) {
    const bytes = build((w) => prefix(w).u8(senderType));
    rejects(bytes, (r) => c.decodeMLSMessage(r), "MLSMessage.public_message.content.sender.sender_type");
  }
  for (const contentType of [0, 4]) {
    const bytes = build((w) => prefix(w).u8(1).u32(0).opaque(f.fill(0, 0)).u8(contentType));
    rejects(bytes, (r) => c.decodeMLSMessage(r), "MLSMessage.public_message.content.content_type");
  }
  const privateMessage = build((w) => header(w, 1, 2).opaque(f.fill(4, 1)).u64(1n).u8(0));
  rejects(privateMessage, (r) => c.decodeMLSMessage(r), "MLSMessage.private_message.content_type");
});

test("AuthenticatedContent and FramedContentTBS only take the public and private wire formats", () => {
  const ac = encode(
    { wireFormat: 1, content: f.memberApplication, auth: f.plainAuth },
    c.encodeAuthenticatedContent,
  );
  ac[1] = c.WireFormat.mlsWelcome;
  rejects(ac, (r) => c.decodeAuthenticatedContent(r), "AuthenticatedContent.wire_format");
});

test("PublicMessage: membership_tag follows the sender type; confirmation_tag follows the content type", () => {
  const member = encode(
    { content: f.memberApplication, auth: f.plainAuth, membershipTag: f.fill(32, 1) },
    c.encodePublicMessage,
  );
  rejects(
    member.subarray(0, member.length - 33),
    (r) => c.decodePublicMessage(r),
    "PublicMessage.membership_tag",
  );
  const external = encode({ content: f.externalProposal, auth: f.plainAuth }, c.encodePublicMessage);
  const withTag = build((w) => w.bytes(external).opaque(f.fill(32, 1)));
  rejects(withTag, (r) => c.decodePublicMessage(r), "top", /trailing/);
  const commitNoTag = build((w) => {
    c.encodeFramedContent(w, f.memberCommit);
    w.opaque(f.fill(64, 1));
  });
  rejects(commitNoTag, (r) => c.decodePublicMessage(r), "PublicMessage.auth.confirmation_tag");
});

test("RFC 9420 §6.3.1: non-zero padding makes PrivateMessageContent malformed", () => {
  const content = {
    contentType: c.ContentType.application,
    applicationData: f.fill(3, 1),
    auth: f.plainAuth,
    paddingLength: 4,
  } as const;
  const bytes = encode(content, c.encodePrivateMessageContent);
  const dec = (r: Reader) => c.decodePrivateMessageContent(r, c.ContentType.application);
  assert.equal(decode(bytes, dec, "top").paddingLength, 4);
  bytes[bytes.length - 2] = 0x80;
  rejects(bytes, dec, "PrivateMessageContent.padding", /padding byte 2 is non-zero/);
});

test("enums without extension points reject unknown values", () => {
  rejects(Uint8Array.of(0), (r) => c.decodeNode(r), "Node.node_type", /unknown NodeType 0/);
  rejects(Uint8Array.of(3), (r) => c.decodeNode(r), "Node.node_type");
  rejects(Uint8Array.of(0), (r) => c.decodePreSharedKeyID(r), "PreSharedKeyID.psktype");
  rejects(Uint8Array.of(3), (r) => c.decodePreSharedKeyID(r), "PreSharedKeyID.psktype");
  rejects(
    Uint8Array.of(2, 4),
    (r) => c.decodePreSharedKeyID(r),
    "PreSharedKeyID.usage",
    /ResumptionPSKUsage/,
  );
  rejects(Uint8Array.of(2, 0), (r) => c.decodePreSharedKeyID(r), "PreSharedKeyID.usage");
  rejects(Uint8Array.of(0), (r) => c.decodeProposalOrRef(r), "ProposalOrRef.type");
  rejects(Uint8Array.of(3), (r) => c.decodeProposalOrRef(r), "ProposalOrRef.type");
  rejects(Uint8Array.of(0, 1), (r) => c.decodeTreeHashInput(r, "TreeHashInput"), "TreeHashInput.node_type");
});

test("LeafNode: unknown leaf_node_source values are rejected", () => {
  const leaf = encode(f.updateLeaf, c.encodeLeafNode);
  const credential = encode(f.updateLeaf.credential, c.encodeCredential);
  const sourceAt = 33 + 33 + credential.length + encode(f.capabilities, c.encodeCapabilities).length;
  assert.equal(leaf[sourceAt], c.LeafNodeSource.update);
  for (const source of [0, 4]) {
    leaf[sourceAt] = source;
    rejects(leaf, (r) => c.decodeLeafNode(r), "LeafNode.leaf_node_source", /unknown LeafNodeSource/);
  }
});

test("credential and proposal types: reserved 0 is rejected, unknown types are carried", () => {
  rejects(Uint8Array.of(0, 0, 0), (r) => c.decodeCredential(r), "Credential.credential_type", /reserved/);
  rejects(Uint8Array.of(0, 0, 0), (r) => c.decodeProposal(r), "Proposal.proposal_type", /reserved/);
  assert.deepEqual(
    decode(Uint8Array.of(0x0a, 0x0a, 1, 9), (r) => c.decodeCredential(r), "top"),
    {
      credentialType: 0x0a0a,
      credentialData: Uint8Array.of(9),
    },
  );
  assert.deepEqual(
    decode(Uint8Array.of(0x00, 0x08, 0), (r) => c.decodeProposal(r), "top"),
    {
      proposalType: 8,
      proposalData: new Uint8Array(0),
    },
  );
});

test("RFC 9420 §12.4.3.3: a ratchet tree is non-empty, ends in a non-blank node, and has leaves at even indices", () => {
  const leaf = (w: Writer) => w.u8(1).u8(c.NodeType.leaf).bytes(encode(f.keyPackageLeaf, c.encodeLeafNode));
  const parent = (w: Writer) => w.u8(1).u8(c.NodeType.parent).bytes(encode(f.parentNode, c.encodeParentNode));
  const tree = (...nodes: ((w: Writer) => void)[]) =>
    build((w) => w.vector(nodes, (inner, write) => write(inner)));
  const blank = (w: Writer) => w.u8(0);
  const dec = (r: Reader) => c.decodeRatchetTree(r);
  rejects(tree(), dec, "ratchet_tree", /empty/);
  rejects(tree(leaf, parent, blank), dec, "ratchet_tree", /last node is blank/);
  rejects(tree(parent), dec, "ratchet_tree[0]", /parent node at array index 0/);
  rejects(tree(leaf, leaf), dec, "ratchet_tree[1]", /leaf node at array index 1/);
  assert.equal(decode(tree(leaf, blank, leaf), dec, "top").length, 3);
});

test("decode errors carry the full dotted path of nested fields", () => {
  const message = { wireFormat: c.WireFormat.mlsGroupInfo, groupInfo: f.groupInfo } as const;
  const bytes = encode(message, c.encodeMLSMessage);
  const extensionAt = 4 + encode(f.groupContext, c.encodeGroupContext).length;
  bytes[extensionAt] = 0xff; // the extensions vector length now claims more bytes than exist
  rejects(bytes, (r) => c.decodeMLSMessage(r), "MLSMessage.group_info.extensions");
  const proposalBytes = encode(f.commit, c.encodeCommit);
  // The first proposal is an Add whose KeyPackage leaf holds the basic credential.
  const credentialAt = indexOf(proposalBytes, encode(f.basicCredential, c.encodeCredential));
  proposalBytes[credentialAt] = 0;
  proposalBytes[credentialAt + 1] = 0;
  rejects(
    proposalBytes,
    (r) => c.decodeCommit(r),
    "Commit.proposals[0].proposal.add.key_package.leaf_node.credential.credential_type",
  );
});
