/**
 * The receive path authenticates a PublicMessage over the FramedContent bytes that arrived
 * (`decodeReceivedMessage`, `content-bytes.ts`): the bytes must be exactly the content's encoding, every
 * authenticated value must equal the one computed from the decoded struct, and bytes that differ from the
 * struct must fail the tag and signature checks rather than be trusted.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, bytesEqual, encode } from "@parley/codec";
import { WireFormat, encodeFramedContent, encodeMLSMessage } from "../src/codec/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import {
  framedContentTbs,
  protectPrivateMessage,
  protectPublicMessage,
  unprotectPublicMessage,
  verifyAuthenticatedContent,
  verifyFramedContent,
  withConfirmationTag,
} from "../src/framing/index.js";
import { publicMessageBytes } from "../src/framing/content-bytes.js";
import { decodeReceivedMessage } from "../src/framing/received-message.js";
import { computeConfirmedTranscriptHash } from "../src/schedule/transcript-hashes.js";
import {
  application,
  emptyCommit,
  makeEpoch,
  memberKeys,
  randomBytes,
  removeProposal,
  signed,
} from "./framing-fixture.js";
import type { Epoch } from "./framing-fixture.js";

const PUBLIC = WireFormat.mlsPublicMessage;
const keysOf = (e: Epoch) => ({ groupContext: e.groupContext, membershipKey: e.membershipKey });

function wireCommit(e: Epoch): Uint8Array {
  const ac = withConfirmationTag(signed(e, emptyCommit, PUBLIC), randomBytes(e.cs.hashLength));
  const publicMessage = protectPublicMessage(e.cs, ac, keysOf(e));
  return encode({ wireFormat: PUBLIC, publicMessage }, encodeMLSMessage);
}

test("a PublicMessage keeps its FramedContent bytes, equal to the content's encoding", () => {
  const e = makeEpoch();
  const received = decodeReceivedMessage(wireCommit(e));
  assert.ok(received.message.wireFormat === PUBLIC);
  const { content } = received.message.publicMessage;
  assert.ok(received.framedContentBytes !== undefined);
  assert.ok(bytesEqual(received.framedContentBytes, encode(content, encodeFramedContent)));
});

test("other wire formats decode as before and carry no content bytes", () => {
  const e = makeEpoch();
  const ac = signed(e, application("hi"), WireFormat.mlsPrivateMessage);
  const privateMessage = protectPrivateMessage(e.cs, ac, memberKeys(e), { randomBytes });
  const wire = encode({ wireFormat: WireFormat.mlsPrivateMessage, privateMessage }, encodeMLSMessage);
  const received = decodeReceivedMessage(wire);
  assert.equal(received.message.wireFormat, WireFormat.mlsPrivateMessage);
  assert.equal(received.framedContentBytes, undefined);
});

test("malformed PublicMessages are CodecErrors: truncated, trailing bytes, bad version", () => {
  const wire = wireCommit(makeEpoch());
  assert.throws(() => decodeReceivedMessage(wire.subarray(0, wire.length - 1)), CodecError);
  assert.throws(() => decodeReceivedMessage(Uint8Array.of(...wire, 0)), CodecError);
  const badVersion = wire.slice();
  badVersion[1] = 2;
  assert.throws(() => decodeReceivedMessage(badVersion), /version/);
  assert.throws(() => decodeReceivedMessage(Uint8Array.of(0, 1, 0)), CodecError);
});

test("received bytes authenticate like a re-encoding: tag, signature and confirmed transcript hash", () => {
  const e = makeEpoch();
  const received = decodeReceivedMessage(wireCommit(e));
  assert.ok(received.message.wireFormat === PUBLIC);
  const bytes = received.framedContentBytes;
  const unverified = unprotectPublicMessage(e.cs, received.message.publicMessage, keysOf(e), bytes);
  const verified = verifyAuthenticatedContent(e.cs, unverified, e.signature.publicKey, e.groupContext);
  assert.equal(verified.framedContentBytes, bytes);
  const interim = randomBytes(e.cs.hashLength);
  const ac = verified.authenticatedContent;
  assert.ok(
    bytesEqual(
      computeConfirmedTranscriptHash(e.cs, interim, ac, bytes),
      computeConfirmedTranscriptHash(e.cs, interim, ac),
    ),
  );
});

test("content bytes that differ from the decoded content fail the membership tag and the signature", () => {
  const e = makeEpoch();
  const received = decodeReceivedMessage(wireCommit(e));
  assert.ok(received.message.wireFormat === PUBLIC);
  const other = signed(e, removeProposal, PUBLIC);
  const foreign = encode(other.content, encodeFramedContent);
  const pm = received.message.publicMessage;
  assert.throws(
    () => unprotectPublicMessage(e.cs, pm, keysOf(e), foreign),
    (err: unknown) => err instanceof ValidationError && err.rule === "FRAMING-4",
  );
  const tbs = framedContentTbs(PUBLIC, pm.content, e.groupContext);
  assert.equal(verifyFramedContent(e.cs, e.signature.publicKey, tbs, pm.auth.signature, foreign), false);
  assert.equal(
    verifyFramedContent(e.cs, e.signature.publicKey, tbs, pm.auth.signature, received.framedContentBytes),
    true,
  );
});

test("a sender's PublicMessage written around its content bytes equals encodeMLSMessage", () => {
  const e = makeEpoch();
  const ac = withConfirmationTag(signed(e, emptyCommit, PUBLIC), randomBytes(e.cs.hashLength));
  const bytes = encode(ac.content, encodeFramedContent);
  const publicMessage = protectPublicMessage(e.cs, ac, keysOf(e), bytes);
  assert.ok(
    bytesEqual(
      publicMessage.membershipTag ?? new Uint8Array(0),
      protectPublicMessage(e.cs, ac, keysOf(e)).membershipTag ?? Uint8Array.of(1),
    ),
  );
  const wire = encode({ wireFormat: PUBLIC, publicMessage }, encodeMLSMessage);
  assert.ok(bytesEqual(publicMessageBytes(publicMessage, bytes), wire));
  assert.throws(() => publicMessageBytes({ content: ac.content, auth: ac.auth }, bytes), UsageError);
});
