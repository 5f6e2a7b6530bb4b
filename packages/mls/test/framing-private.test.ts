import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, concatBytes, encode } from "@parley/codec";
import {
  ContentType,
  SenderType,
  WireFormat,
  encodeAuthenticatedContent,
  encodePrivateContentAAD,
  encodePrivateMessageContent,
} from "../src/codec/index.js";
import type { PrivateMessage } from "../src/codec/index.js";
import { nobleProvider } from "../src/crypto/index.js";
import { CryptoError, UsageError, ValidationError } from "../src/errors.js";
import {
  encryptSenderData,
  protectPrivateMessage,
  unprotectPrivateMessage,
  verifyAuthenticatedContent,
} from "../src/framing/index.js";
import type { PrivateMessageKeys } from "../src/framing/index.js";
import { SecretTree } from "../src/secret-tree/index.js";
import {
  LEAVES,
  SENDER,
  application,
  emptyCommit,
  makeEpoch,
  memberKeys,
  randomBytes,
  removeProposal,
  signed,
} from "./framing-fixture.js";
import type { Epoch } from "./framing-fixture.js";

const isMember = { isMemberLeaf: (leaf: number) => leaf < LEAVES };

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

function send(e: Epoch, keys: PrivateMessageKeys, text: string, paddingLength = 0): PrivateMessage {
  return protectPrivateMessage(e.cs, signed(e, application(text)), keys, { randomBytes, paddingLength });
}

function receive(e: Epoch, keys: PrivateMessageKeys, m: PrivateMessage): string {
  const unverified = unprotectPrivateMessage(e.cs, m, keys, isMember);
  const { content } = verifyAuthenticatedContent(
    e.cs,
    unverified,
    e.signature.publicKey,
    e.groupContext,
  ).authenticatedContent;
  assert.ok(content.contentType === ContentType.application);
  return new TextDecoder().decode(content.applicationData);
}

for (const provider of [undefined, nobleProvider]) {
  test(`application, proposal and commit round-trip and carry the sender's leaf and generation (${provider?.name ?? "node"})`, () => {
    const e = makeEpoch(provider);
    const [alice, bob] = [memberKeys(e), memberKeys(e)];
    for (const [i, body] of [
      application("hi"),
      removeProposal,
      emptyCommit,
      application("again"),
    ].entries()) {
      const ac = signed(e, body);
      const m = protectPrivateMessage(e.cs, ac, alice, { randomBytes, paddingLength: i * 10 });
      assert.equal(m.contentType, body.contentType);
      const unverified = unprotectPrivateMessage(e.cs, m, bob, isMember);
      const verified = verifyAuthenticatedContent(e.cs, unverified, e.signature.publicKey, e.groupContext);
      const got = verified.authenticatedContent;
      assert.ok(bytesEqual(encode(got, encodeAuthenticatedContent), encode(ac, encodeAuthenticatedContent)));
      assert.equal(got.wireFormat, WireFormat.mlsPrivateMessage);
      // Handshake and application ratchets count separately: application is at 0 then 1, handshake 0 then 1.
      assert.equal(verified.generation, i === 0 || i === 1 ? 0 : 1);
      assert.equal(verified.leafIndex, SENDER);
      assert.deepEqual(got.content.sender, { senderType: SenderType.member, leafIndex: SENDER });
    }
  });
}

test("padding hides the length and is removed on receipt", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e)];
  const short = send(e, alice, "x", 0);
  const padded = send(e, alice, "x", 100);
  assert.equal(padded.ciphertext.length, short.ciphertext.length + 100);
  assert.equal(receive(e, bob, padded), "x");
});

test("reordered messages within the window decrypt; a replay is rejected (SECRET-TREE-2)", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e)];
  const sent = ["m0", "m1", "m2"].map((t) => send(e, alice, t));
  assert.equal(receive(e, bob, sent[2] as PrivateMessage), "m2");
  assert.equal(receive(e, bob, sent[0] as PrivateMessage), "m0");
  assert.equal(receive(e, bob, sent[1] as PrivateMessage), "m1");
  rejects(() => receive(e, bob, sent[1] as PrivateMessage), "SECRET-TREE-2");
});

test("a generation beyond the forward window is rejected (SECRET-TREE-4)", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e, { maxForwardDistance: 2 })];
  const sent = ["a", "b", "c", "d"].map((t) => send(e, alice, t));
  rejects(() => receive(e, bob, sent[3] as PrivateMessage), "SECRET-TREE-4");
  assert.equal(receive(e, bob, sent[2] as PrivateMessage), "c");
});

test("a generation whose key was already deleted is rejected (SECRET-TREE-3)", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e, { outOfOrderTolerance: 2 })];
  const sent = ["a", "b", "c", "d"].map((t) => send(e, alice, t));
  assert.equal(receive(e, bob, sent[3] as PrivateMessage), "d");
  rejects(() => receive(e, bob, sent[0] as PrivateMessage), "SECRET-TREE-3");
  assert.equal(receive(e, bob, sent[2] as PrivateMessage), "c");
});

test("tampered content ciphertext fails to decrypt, and does not burn the key", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e)];
  const m = send(e, alice, "secret");
  const body = m.ciphertext.slice();
  body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 1;
  // The last byte is outside the sender-data sample, so the sender data still decrypts.
  assert.throws(() => receive(e, bob, { ...m, ciphertext: body }), CryptoError);
  assert.throws(() => receive(e, bob, { ...m, authenticatedData: Uint8Array.of(0xbb) }), CryptoError);
  assert.equal(receive(e, bob, m), "secret");
});

test("tampered sender data fails to decrypt (CryptoError)", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e)];
  const m = send(e, alice, "secret");
  const esd = m.encryptedSenderData.slice();
  esd[0] = (esd[0] ?? 0) ^ 0x80;
  assert.throws(() => receive(e, bob, { ...m, encryptedSenderData: esd }), CryptoError);
  assert.throws(() => receive(e, bob, { ...m, contentType: ContentType.proposal }), CryptoError);
  const other = { ...bob, senderDataSecret: randomBytes(e.cs.hashLength) };
  assert.throws(() => receive(e, other, m), /sender data does not decrypt/);
});

test("a message for another epoch or group is rejected before any decryption (FRAMING-1, FRAMING-2)", () => {
  const e = makeEpoch();
  const [alice, bob] = [memberKeys(e), memberKeys(e)];
  const m = send(e, alice, "x");
  rejects(() => receive(e, bob, { ...m, epoch: m.epoch + 1n }), "FRAMING-2");
  rejects(() => receive(e, bob, { ...m, groupId: Uint8Array.of(1) }), "FRAMING-1");
  assert.equal(receive(e, bob, m), "x");
});

test("non-zero padding makes the message malformed (FRAMING-7)", () => {
  const e = makeEpoch();
  const ac = signed(e, application("padded"));
  const plaintext = concatBytes(
    encode({ ...ac.content, auth: ac.auth, paddingLength: 0 }, encodePrivateMessageContent),
    Uint8Array.of(0, 0, 1, 0),
  );
  const header = {
    groupId: ac.content.groupId,
    epoch: ac.content.epoch,
    contentType: ac.content.contentType,
    authenticatedData: ac.content.authenticatedData,
  };
  const alice = memberKeys(e);
  const { generation, key, nonce } = alice.secretTree.ratchet(SENDER, "application").nextForSending();
  const reuseGuard = new Uint8Array(4);
  const ciphertext = e.cs.seal(key, nonce, encode(header, encodePrivateContentAAD), plaintext);
  const senderData = { leafIndex: SENDER, generation, reuseGuard };
  const encryptedSenderData = encryptSenderData(e.cs, e.senderDataSecret, header, senderData, ciphertext);
  const m = { ...header, encryptedSenderData, ciphertext };
  rejects(() => receive(e, memberKeys(e), m), "FRAMING-7");
});

test("sender data naming a blank or out-of-tree leaf is rejected (FRAMING-8)", () => {
  const e = makeEpoch();
  const m = send(e, memberKeys(e), "x");
  rejects(() => unprotectPrivateMessage(e.cs, m, memberKeys(e), { isMemberLeaf: () => false }), "FRAMING-8");
  // A sender that believes the tree has 8 leaves names leaf 5, outside the receiver's 2-leaf tree.
  const wide = { ...memberKeys(e), secretTree: new SecretTree(e.cs, e.encryptionSecret, 8) };
  const sender = { senderType: SenderType.member, leafIndex: 5 } as const;
  const far = protectPrivateMessage(e.cs, signed(e, application("x"), undefined, sender), wide, {
    randomBytes,
  });
  rejects(() => unprotectPrivateMessage(e.cs, far, memberKeys(e), { isMemberLeaf: () => true }), "FRAMING-8");
});

test("a signature by another key is rejected (FRAMING-5)", () => {
  const e = makeEpoch();
  const m = send(e, memberKeys(e), "x");
  const unverified = unprotectPrivateMessage(e.cs, m, memberKeys(e), isMember);
  const stranger = e.cs.generateSignatureKeyPair().publicKey;
  rejects(() => verifyAuthenticatedContent(e.cs, unverified, stranger, e.groupContext), "FRAMING-5");
  const otherEpoch = { ...e.groupContext, epoch: 13n };
  rejects(() => verifyAuthenticatedContent(e.cs, unverified, e.signature.publicKey, otherEpoch), "FRAMING-5");
});

test("protecting checks its input: wire format, sender type, epoch", () => {
  const e = makeEpoch();
  const keys = memberKeys(e);
  const pub = signed(e, removeProposal, WireFormat.mlsPublicMessage);
  assert.throws(() => protectPrivateMessage(e.cs, pub, keys, { randomBytes }), UsageError);
  const external = signed(e, removeProposal, WireFormat.mlsPrivateMessage, {
    senderType: SenderType.external,
    senderIndex: 0,
  });
  assert.throws(() => protectPrivateMessage(e.cs, external, keys, { randomBytes }), UsageError);
  const stale = { ...keys, groupContext: { ...e.groupContext, epoch: 11n } };
  rejects(
    () => protectPrivateMessage(e.cs, signed(e, application("x")), stale, { randomBytes }),
    "FRAMING-2",
  );
});

test("the reuse guard makes two protections of one generation use different nonces", () => {
  const e = makeEpoch();
  const [a, b] = [memberKeys(e), memberKeys(e)];
  const ac = signed(e, application("same"));
  const m1 = protectPrivateMessage(e.cs, ac, a, { randomBytes });
  const m2 = protectPrivateMessage(e.cs, ac, b, { randomBytes });
  assert.ok(!bytesEqual(m1.ciphertext, m2.ciphertext));
  const fixed = () => Uint8Array.of(1, 2, 3, 4);
  const m3 = protectPrivateMessage(e.cs, ac, memberKeys(e), { randomBytes: fixed });
  const m4 = protectPrivateMessage(e.cs, ac, memberKeys(e), { randomBytes: fixed });
  assert.ok(bytesEqual(m3.ciphertext, m4.ciphertext));
});
