import { test } from "node:test";
import assert from "node:assert/strict";
import { Writer, encode, toHex } from "@parley/codec";
import * as c from "../src/codec/index.js";
import { UsageError } from "../src/errors.js";
import * as f from "./codec-fixtures.js";

/** Encoding must refuse anything its decoder would reject, so our output always parses elsewhere. */
const refuses = (write: (w: Writer) => void, message: RegExp): void =>
  assert.throws(
    () => write(new Writer()),
    (e: unknown) => e instanceof UsageError && message.test(e.message),
  );

test("confirmation_tag must accompany exactly the commit content type", () => {
  refuses(
    (w) => c.encodeFramedContentAuthData(w, f.plainAuth, c.ContentType.commit),
    /needs a confirmation_tag/,
  );
  refuses((w) => c.encodeFramedContentAuthData(w, f.commitAuth, c.ContentType.proposal), /only commit/);
});

test("membership_tag must accompany exactly member senders", () => {
  refuses(
    (w) => c.encodePublicMessage(w, { content: f.memberApplication, auth: f.plainAuth }),
    /needs a membership_tag/,
  );
  const external = { content: f.externalProposal, auth: f.plainAuth, membershipTag: f.fill(32, 1) };
  refuses((w) => c.encodePublicMessage(w, external), /only a PublicMessage from a member/);
});

test("FramedContentTBS carries the GroupContext exactly for member and new_member_commit senders", () => {
  refuses(
    (w) => c.encodeFramedContentTBS(w, { wireFormat: 1, content: f.memberCommit }),
    /needs the GroupContext/,
  );
  refuses(
    (w) => c.encodeFramedContentTBS(w, { wireFormat: 1, content: f.newMemberCommit }),
    /needs the GroupContext/,
  );
  const external = { wireFormat: 1, content: f.newMemberProposal, context: f.groupContext } as const;
  refuses((w) => c.encodeFramedContentTBS(w, external), /has no GroupContext/);
});

test("LeafNodeTBS binds update and commit leaves to a group, and key_package leaves to none", () => {
  refuses(
    (w) => c.encodeLeafNodeTBS(w, { leafNode: f.unsigned(f.commitLeaf) }),
    /needs the group_id and leaf_index/,
  );
  const bound = { leafNode: f.unsigned(f.keyPackageLeaf), group: { groupId: f.fill(1, 1), leafIndex: 0 } };
  refuses((w) => c.encodeLeafNodeTBS(w, bound), /has no group_id/);
  const group = { groupId: Uint8Array.of(0xab), leafIndex: 0x01020304 };
  const tbs = c.leafNodeTbsBytes(f.updateLeaf, group);
  const data = encode(f.unsigned(f.updateLeaf), c.encodeLeafNodeData);
  assert.equal(toHex(tbs), `${toHex(data)}01ab01020304`);
  assert.equal(
    toHex(c.leafNodeTbsBytes(f.keyPackageLeaf)),
    toHex(encode(f.unsigned(f.keyPackageLeaf), c.encodeLeafNodeData)),
  );
});

test("unknown-type variants cannot smuggle RFC-defined or reserved type codes", () => {
  refuses(
    (w) => c.encodeCredential(w, { credentialType: 1, credentialData: f.fill(1, 1) }),
    /defined by RFC 9420/,
  );
  refuses((w) => c.encodeCredential(w, { credentialType: 0, credentialData: f.fill(1, 1) }), /reserved/);
  refuses((w) => c.encodeProposal(w, { proposalType: 3, proposalData: f.fill(1, 1) }), /unknown proposal/);
  refuses((w) => c.encodeProposal(w, { proposalType: 0, proposalData: f.fill(1, 1) }), /unknown proposal/);
});

test("enum fields refuse values outside the RFC's lists", () => {
  const badSender = { ...f.memberApplication, sender: { senderType: 9 } } as unknown as c.FramedContent;
  refuses((w) => c.encodeFramedContent(w, badSender), /unknown SenderType 9/);
  const badPsk = { pskType: 3, pskNonce: f.pskNonce } as unknown as c.PreSharedKeyID;
  refuses((w) => c.encodePreSharedKeyID(w, badPsk), /unknown PSKType 3/);
  const badLeaf = { ...f.updateLeaf, leafNodeSource: 0 } as unknown as c.LeafNode;
  refuses((w) => c.encodeLeafNode(w, badLeaf), /unknown LeafNodeSource 0/);
  const badAad = { groupId: f.fill(1, 1), epoch: 0n, contentType: 7 } as unknown as c.SenderDataAAD;
  refuses((w) => c.encodeSenderDataAAD(w, badAad), /unknown ContentType 7/);
  const badMessage = { wireFormat: 6, welcome: f.welcome } as unknown as c.MLSMessage;
  refuses((w) => c.encodeMLSMessage(w, badMessage), /unknown WireFormat 6/);
  const welcomeContent = {
    wireFormat: c.WireFormat.mlsWelcome,
    content: f.memberApplication,
    auth: f.plainAuth,
  };
  refuses(
    (w) => c.encodeAuthenticatedContent(w, welcomeContent as unknown as c.AuthenticatedContent),
    /framing/,
  );
  const badRef = { type: 0, reference: f.fill(1, 1) } as unknown as c.ProposalOrRef;
  refuses((w) => c.encodeProposalOrRef(w, badRef), /unknown ProposalOrRefType 0/);
  const badNode = { nodeType: 3, parentNode: f.parentNode } as unknown as c.Node;
  refuses((w) => c.encodeNode(w, badNode), /unknown NodeType 3/);
});

test("ratchet trees that would not decode are refused", () => {
  const leaf = { nodeType: c.NodeType.leaf, leafNode: f.keyPackageLeaf } as const;
  const parent = { nodeType: c.NodeType.parent, parentNode: f.parentNode } as const;
  refuses((w) => c.encodeRatchetTree(w, []), /non-blank/);
  refuses((w) => c.encodeRatchetTree(w, [leaf, undefined]), /non-blank/);
  refuses((w) => c.encodeRatchetTree(w, [parent]), /ratchet_tree\[0\] must be a leaf/);
  refuses((w) => c.encodeRatchetTree(w, [leaf, leaf, leaf]), /ratchet_tree\[1\] must be a parent/);
});

test("fixed-size fields and counts are range-checked", () => {
  const senderData = { leafIndex: 0, generation: 0, reuseGuard: f.fill(3, 1) };
  assert.throws(() => c.encodeSenderData(new Writer(), senderData), RangeError);
  const content = {
    contentType: c.ContentType.application,
    applicationData: f.fill(1, 1),
    auth: f.plainAuth,
    paddingLength: -1,
  } as const;
  assert.throws(() => c.encodePrivateMessageContent(new Writer(), content), RangeError);
  assert.throws(() => c.encodeRemove(new Writer(), { removed: 2 ** 32 }), RangeError);
});

test("extension bodies round-trip through extension_data with strict consumption", () => {
  const senders = [{ signatureKey: f.fill(32, 1), credential: f.x509Credential }];
  const data = c.encodeExtensionData(senders, c.encodeExternalSenders);
  assert.deepEqual(
    c.decodeExtensionData(data, (r) => c.decodeExternalSenders(r), "extension_data"),
    senders,
  );
  const longer = new Uint8Array([...data, 0]);
  assert.throws(
    () => c.decodeExtensionData(longer, (r) => c.decodeExternalSenders(r), "extension_data"),
    /trailing/,
  );
  const required = f.groupContext.extensions[0];
  assert.ok(required !== undefined);
  const parsed = c.decodeExtensionData(required.extensionData, (r) => c.decodeRequiredCapabilities(r), "rc");
  assert.deepEqual(parsed, { extensionTypes: [], proposalTypes: [], credentialTypes: [1] });
});
