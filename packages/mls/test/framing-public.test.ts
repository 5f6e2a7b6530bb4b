import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, decode, encode } from "@parley/codec";
import {
  ContentType,
  SenderType,
  WireFormat,
  decodeMLSMessage,
  encodeAuthenticatedContent,
  encodeMLSMessage,
} from "../src/codec/index.js";
import type { PublicMessage } from "../src/codec/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import {
  protectPublicMessage,
  unprotectPublicMessage,
  verifyAuthenticatedContent,
} from "../src/framing/index.js";
import { application, emptyCommit, makeEpoch, removeProposal, signed } from "./framing-fixture.js";
import type { Epoch } from "./framing-fixture.js";

const PUBLIC = WireFormat.mlsPublicMessage;

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

const keysOf = (e: Epoch) => ({ groupContext: e.groupContext, membershipKey: e.membershipKey });

function open(e: Epoch, m: PublicMessage) {
  const unverified = unprotectPublicMessage(e.cs, m, keysOf(e));
  return verifyAuthenticatedContent(e.cs, unverified, e.signature.publicKey, e.groupContext)
    .authenticatedContent;
}

test("a member's proposal and commit survive protect, MLSMessage encoding and unprotect+verify", () => {
  const e = makeEpoch();
  for (const body of [removeProposal, emptyCommit]) {
    const ac = signed(e, body, PUBLIC);
    const m = protectPublicMessage(e.cs, ac, keysOf(e));
    assert.ok(m.membershipTag !== undefined);
    const wire = encode({ wireFormat: PUBLIC, publicMessage: m }, encodeMLSMessage);
    const parsed = decode(wire, (r) => decodeMLSMessage(r), "MLSMessage");
    assert.ok(parsed.wireFormat === PUBLIC);
    const got = open(e, parsed.publicMessage);
    assert.ok(bytesEqual(encode(got, encodeAuthenticatedContent), encode(ac, encodeAuthenticatedContent)));
  }
});

test("a wrong or missing membership tag is rejected (FRAMING-4)", () => {
  const e = makeEpoch();
  const m = protectPublicMessage(e.cs, signed(e, removeProposal, PUBLIC), keysOf(e));
  const tag = (m.membershipTag ?? new Uint8Array(1)).slice();
  tag[0] = (tag[0] ?? 0) ^ 1;
  rejects(() => open(e, { ...m, membershipTag: tag }), "FRAMING-4");
  rejects(() => open(e, { content: m.content, auth: m.auth }), "FRAMING-4");
  const outsider = { ...keysOf(e), membershipKey: e.provider.randomBytes(e.cs.hashLength) };
  rejects(() => unprotectPublicMessage(e.cs, m, outsider), "FRAMING-4");
  const changed = { ...m, content: { ...m.content, authenticatedData: Uint8Array.of(1) } };
  rejects(() => open(e, changed), "FRAMING-4");
});

test("a bad signature is rejected (FRAMING-5) even when the membership tag is recomputed", () => {
  const e = makeEpoch();
  const ac = signed(e, removeProposal, PUBLIC);
  const signature = ac.auth.signature.slice();
  signature[5] = (signature[5] ?? 0) ^ 1;
  const forged = protectPublicMessage(e.cs, { ...ac, auth: { signature } }, keysOf(e));
  rejects(() => open(e, forged), "FRAMING-5");
});

test("application data is never accepted in a PublicMessage (FRAMING-3)", () => {
  const e = makeEpoch();
  const ac = signed(e, application("hello"), PUBLIC);
  assert.throws(() => protectPublicMessage(e.cs, ac, keysOf(e)), UsageError);
  rejects(
    () => open(e, { content: ac.content, auth: ac.auth, membershipTag: new Uint8Array(32) }),
    "FRAMING-3",
  );
});

test("a message for another epoch or group is rejected (FRAMING-1, FRAMING-2)", () => {
  const e = makeEpoch();
  const m = protectPublicMessage(e.cs, signed(e, removeProposal, PUBLIC), keysOf(e));
  rejects(() => open(e, { ...m, content: { ...m.content, epoch: 11n } }), "FRAMING-2");
  rejects(() => open(e, { ...m, content: { ...m.content, groupId: Uint8Array.of(9) } }), "FRAMING-1");
});

test("non-member senders: no membership tag, no GroupContext in the signature, content type restricted", () => {
  const e = makeEpoch();
  const external = { senderType: SenderType.external, senderIndex: 0 } as const;
  const proposal = protectPublicMessage(e.cs, signed(e, removeProposal, PUBLIC, external), keysOf(e));
  assert.equal(proposal.membershipTag, undefined);
  assert.equal(open(e, proposal).content.contentType, ContentType.proposal);
  const commit = signed(e, emptyCommit, PUBLIC, external);
  rejects(() => open(e, { content: commit.content, auth: commit.auth }), "FRAMING-9");
  const newMember = { senderType: SenderType.newMemberProposal } as const;
  const notAdd = signed(e, removeProposal, PUBLIC, newMember);
  rejects(() => open(e, { content: notAdd.content, auth: notAdd.auth }), "FRAMING-9");
  const joiner = { senderType: SenderType.newMemberCommit } as const;
  const joinerProposal = signed(e, removeProposal, PUBLIC, joiner);
  rejects(() => open(e, { content: joinerProposal.content, auth: joinerProposal.auth }), "FRAMING-9");
  const joinerCommit = protectPublicMessage(e.cs, signed(e, emptyCommit, PUBLIC, joiner), keysOf(e));
  assert.equal(open(e, joinerCommit).content.contentType, ContentType.commit);
});

test("protecting checks its input: wire format and membership key", () => {
  const e = makeEpoch();
  assert.throws(() => protectPublicMessage(e.cs, signed(e, removeProposal), keysOf(e)), UsageError);
  const noKey = { groupContext: e.groupContext };
  assert.throws(() => protectPublicMessage(e.cs, signed(e, removeProposal, PUBLIC), noKey), UsageError);
});
