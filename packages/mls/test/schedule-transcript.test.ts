import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { WireFormat } from "../src/codec/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import {
  computeConfirmationTag,
  signAuthenticatedContent,
  verifyConfirmationTag,
  withConfirmationTag,
} from "../src/framing/index.js";
import {
  computeConfirmedTranscriptHash,
  computeInterimTranscriptHash,
  initialTranscriptHashes,
  nextTranscriptHashes,
  runKeySchedule,
} from "../src/schedule/index.js";
import { emptyCommit, framed, makeEpoch, removeProposal, signed } from "./framing-fixture.js";

test("a committer's confirmation tag verifies for a receiver who recomputes the transcript", () => {
  const e = makeEpoch();
  const interimBefore = e.provider.randomBytes(32);
  // The committer signs first, hashes the transcript, keys the new epoch, then adds the tag (§8.2).
  const unconfirmed = signAuthenticatedContent(e.cs, {
    wireFormat: WireFormat.mlsPublicMessage,
    content: framed(e, emptyCommit),
    groupContext: e.groupContext,
    signaturePrivateKey: e.signature.privateKey,
  });
  const confirmed = computeConfirmedTranscriptHash(e.cs, interimBefore, unconfirmed);
  const next = { ...e.groupContext, epoch: e.groupContext.epoch + 1n, confirmedTranscriptHash: confirmed };
  const { epoch } = runKeySchedule(e.cs, {
    initSecret: e.provider.randomBytes(32),
    commitSecret: e.provider.randomBytes(32),
    groupContext: next,
  });
  const tag = computeConfirmationTag(e.cs, epoch.confirmationKey.bytes, confirmed);
  const commit = withConfirmationTag(unconfirmed, tag);

  const receiver = nextTranscriptHashes(e.cs, interimBefore, commit);
  assert.ok(bytesEqual(receiver.confirmedTranscriptHash, confirmed));
  assert.ok(bytesEqual(receiver.interimTranscriptHash, computeInterimTranscriptHash(e.cs, confirmed, tag)));
  verifyConfirmationTag(e.cs, epoch.confirmationKey.bytes, receiver.confirmedTranscriptHash, tag);

  const rejects = (fn: () => void) =>
    assert.throws(fn, (err: unknown) => err instanceof ValidationError && err.rule === "FRAMING-6");
  const wrongTag = tag.slice();
  wrongTag[0] = (wrongTag[0] ?? 0) ^ 1;
  rejects(() => verifyConfirmationTag(e.cs, epoch.confirmationKey.bytes, confirmed, wrongTag));
  rejects(() => verifyConfirmationTag(e.cs, e.provider.randomBytes(32), confirmed, tag));
  rejects(() => verifyConfirmationTag(e.cs, epoch.confirmationKey.bytes, interimBefore, tag));
});

test("the first Commit hashes onto empty transcript hashes; the wire format is part of the transcript", () => {
  const e = makeEpoch();
  assert.equal(initialTranscriptHashes.confirmedTranscriptHash.length, 0);
  const pub = signed(e, emptyCommit, WireFormat.mlsPublicMessage);
  const priv = { ...pub, wireFormat: WireFormat.mlsPrivateMessage } as const;
  const a = nextTranscriptHashes(e.cs, initialTranscriptHashes.interimTranscriptHash, pub);
  const b = nextTranscriptHashes(e.cs, initialTranscriptHashes.interimTranscriptHash, priv);
  assert.ok(!bytesEqual(a.confirmedTranscriptHash, b.confirmedTranscriptHash));
});

test("only a Commit with its confirmation tag updates the transcript", () => {
  const e = makeEpoch();
  assert.throws(() => nextTranscriptHashes(e.cs, new Uint8Array(0), signed(e, removeProposal)), UsageError);
  const untagged = { ...signed(e, emptyCommit), auth: { signature: new Uint8Array(64) } };
  assert.throws(() => nextTranscriptHashes(e.cs, new Uint8Array(0), untagged), UsageError);
});
