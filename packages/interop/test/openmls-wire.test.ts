/**
 * Wire-format interop with OpenMLS (its own wasm binding, `openmls-wasm`; see src/openmls/load.ts). The
 * binding keeps KeyPackages and trees opaque and sends handshakes as PrivateMessages, so Parley can neither
 * join OpenMLS's groups nor read the proposals' contents; what it can check is the framing of everything
 * OpenMLS puts on the wire for one Add and one application message: each message decodes under Parley's
 * strict codec (RFC 9420 §6, §12.4.3), re-encodes to the same bytes, and carries the group, epoch, content
 * type, cipher suite and recipients OpenMLS meant.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { CodecError, Reader, bytesEqual, encode } from "@parley/codec";
import {
  ContentType,
  WireFormat,
  decodeMLSMessage,
  encodeMLSMessage,
  type MLSMessage,
  type PrivateMessage,
  type Welcome,
} from "@parley/mls";
import { loadOpenMls, type OpenMlsAddMessages } from "../src/openmls/load.js";

const GROUP_ID = "parley-wire-test";
let sent: OpenMlsAddMessages;
let application: Uint8Array;
let received: string;

before(async () => {
  const mls = await loadOpenMls();
  const provider = new mls.Provider();
  const alice = new mls.Identity(provider, "alice");
  const bob = new mls.Identity(provider, "bob");
  const group = mls.Group.create_new(provider, alice, GROUP_ID);
  sent = group.propose_and_commit_add(provider, alice, bob.key_package(provider));
  group.merge_pending_commit(provider);
  const bobGroup = mls.Group.join(provider, sent.welcome, group.export_ratchet_tree());
  application = group.create_message(provider, alice, new TextEncoder().encode("hello from OpenMLS"));
  received = new TextDecoder().decode(bobGroup.process_message(provider, application));
});

function decodeAll(bytes: Uint8Array, what: string): MLSMessage {
  const r = new Reader(bytes);
  const message = decodeMLSMessage(r);
  assert.equal(r.remaining, 0, `${what}: trailing bytes`);
  assert.ok(bytesEqual(encode(message, encodeMLSMessage), bytes), `${what} re-encodes to OpenMLS's bytes`);
  return message;
}

function privateMessage(bytes: Uint8Array, what: string): PrivateMessage {
  const m = decodeAll(bytes, what);
  assert.equal(m.wireFormat, WireFormat.mlsPrivateMessage, `${what} wire format`);
  return m.privateMessage;
}

function welcome(bytes: Uint8Array): Welcome {
  const m = decodeAll(bytes, "Welcome");
  assert.equal(m.wireFormat, WireFormat.mlsWelcome);
  return m.welcome;
}

test("OpenMLS itself delivered the application message (the binding works)", () => {
  assert.equal(received, "hello from OpenMLS");
});

test("OpenMLS's Add proposal, Commit and application message decode strictly, as the group, epoch and type sent", () => {
  const groupId = new TextEncoder().encode(GROUP_ID);
  const cases = [
    { what: "Add proposal", bytes: sent.proposal, epoch: 0n, contentType: ContentType.proposal },
    { what: "Commit", bytes: sent.commit, epoch: 0n, contentType: ContentType.commit },
    { what: "application message", bytes: application, epoch: 1n, contentType: ContentType.application },
  ];
  for (const c of cases) {
    const m = privateMessage(c.bytes, c.what);
    assert.ok(bytesEqual(m.groupId, groupId), `${c.what}: group_id`);
    assert.equal(m.epoch, c.epoch, `${c.what}: epoch`);
    assert.equal(m.contentType, c.contentType, `${c.what}: content_type`);
    // §6.3.2: sender data is a 4-byte leaf index, a 4-byte generation and the reuse guard, plus the AEAD tag.
    assert.equal(m.encryptedSenderData.length, 4 + 4 + 4 + 16, `${c.what}: encrypted_sender_data length`);
  }
});

test("OpenMLS's Welcome decodes strictly: its default suite 3, one joiner, a KeyPackageRef of the suite's hash length", () => {
  const w = welcome(sent.welcome);
  // MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519: SHA-256 refs, X25519 encapsulations.
  assert.equal(w.cipherSuite, 3);
  assert.equal(w.secrets.length, 1);
  const [entry] = w.secrets;
  assert.ok(entry !== undefined);
  assert.equal(entry.newMember.length, 32);
  assert.equal(entry.encryptedGroupSecrets.kemOutput.length, 32, "X25519 enc");
});

test("a Welcome cut short or with a byte appended is refused, not misread", () => {
  const short = new Reader(sent.welcome.subarray(0, sent.welcome.length - 1));
  assert.throws(() => decodeMLSMessage(short), CodecError);
  const longer = new Uint8Array(sent.welcome.length + 1);
  longer.set(sent.welcome);
  const r = new Reader(longer);
  decodeMLSMessage(r);
  assert.equal(r.remaining, 1, "the strict reader leaves the extra byte for the caller to refuse");
});
