/**
 * verifyAppendResponse over answers built from an in-memory log: both proof forms verify for the
 * entries sent, and every way an answer can fail to prove them is refused with AppendProofError.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { AppendResponseSchema, type AppendResponse } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  MemoryTiles,
  ed25519SignerFromKey,
  formatCheckpoint,
  generateEd25519SignerKey,
  leafHash,
  parseVerifierKey,
  proveInclusion,
  proveRunInclusion,
  signNote,
} from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { AppendProofError, verifyAppendResponse } from "../src/append-proofs.js";

const ORIGIN = "test.parley/keylog";
const signerKey = generateEd25519SignerKey(ORIGIN);
const signer = ed25519SignerFromKey(signerKey);
const verifier = parseVerifierKey(signer.verifierKey);
const entry = (i: number): Uint8Array => new TextEncoder().encode(`entry ${i} `.repeat(1 + (i % 5)));

const log = new MemoryTiles();
for (let i = 0; i < 100; i++) log.append(entry(i));
const FIRST = 90;
const sent = Array.from({ length: 6 }, (_, i) => entry(FIRST + i));
const SIZE = 97;

async function checkpointAt(size: number, origin = ORIGIN, key = signer): Promise<string> {
  const partial = new MemoryTiles();
  for (let i = 0; i < size; i++) partial.append(entry(i));
  return signNote(formatCheckpoint({ origin, size, rootHash: partial.root(), extensions: [] }), [key]);
}

async function compact(): Promise<AppendResponse> {
  return create(AppendResponseSchema, {
    checkpoint: await checkpointAt(SIZE),
    treeSize: BigInt(SIZE),
    firstIndex: BigInt(FIRST),
    runProof: await proveRunInclusion(FIRST, FIRST + sent.length, SIZE, log),
  });
}

async function full(): Promise<AppendResponse> {
  const entries = await Promise.all(
    sent.map(async (e, i) => ({
      index: BigInt(FIRST + i),
      leafHash: leafHash(e),
      inclusionProof: await proveInclusion(FIRST + i, SIZE, log),
    })),
  );
  return create(AppendResponseSchema, {
    checkpoint: await checkpointAt(SIZE),
    treeSize: BigInt(SIZE),
    firstIndex: BigInt(FIRST),
    entries,
  });
}

const refused = (res: AppendResponse, pattern: RegExp, what: string, entries = sent): void =>
  assert.throws(
    () => verifyAppendResponse(entries, res, verifier),
    (e: unknown) => e instanceof AppendProofError && pattern.test(e.message),
    what,
  );

test("both forms verify, on either hasher, and report where the entries landed", async () => {
  for (const res of [await compact(), await full()]) {
    for (const hasher of [undefined, nodeTreeHasher]) {
      const got = verifyAppendResponse(sent, res, verifier, hasher === undefined ? {} : { hasher });
      assert.equal(got.firstIndex, FIRST);
      assert.equal(got.checkpoint.size, SIZE);
      assert.equal(got.checkpoint.origin, ORIGIN);
    }
  }
});

test("a run proof that does not prove the sent entries is refused", async () => {
  const res = await compact();
  refused(
    res,
    /does not lead to the expected root/,
    "other entries",
    sent.map((_, i) => entry(i)),
  );
  refused(res, /does not lead to the expected root/, "reordered", [...sent].reverse());
  refused(res, /expected/, "one entry short", sent.slice(1));
  const bent = res.runProof.map((h, i) => (i === 0 ? h.map((b, j) => (j === 0 ? b ^ 1 : b)) : h));
  refused({ ...res, runProof: bent }, /does not lead to the expected root/, "tampered proof");
  refused({ ...res, firstIndex: BigInt(FIRST + 1) }, /does not lead|expected/, "shifted index");
  refused({ ...res, runProof: res.runProof.slice(1) }, /run inclusion proof has/, "short proof");
  refused({ ...res, firstIndex: 2n ** 60n }, /not a consistent log index/, "huge index");
});

test("per-entry answers that do not describe the sent entries are refused", async () => {
  const res = await full();
  const [a, b, c, ...rest] = res.entries;
  assert.ok(a !== undefined && b !== undefined && c !== undefined);
  refused({ ...res, entries: [a, c, b, ...rest] }, /result 1 does not describe/, "swapped results");
  refused({ ...res, entries: [b, a, c, ...rest] }, /not a consistent log index/, "first result moved");
  refused({ ...res, entries: [a, b] }, /2 results for 6 entries/, "missing results");
  refused({ ...res, runProof: [new Uint8Array(32)] }, /both proof forms/, "both forms");
  refused({ ...res, firstIndex: 3n }, /not a consistent log index/, "first_index disagrees");
  const short = { ...a, inclusionProof: a.inclusionProof.slice(1) };
  refused({ ...res, entries: [short, b, c, ...rest] }, /inclusion proof has/, "short PATH");
});

test("checkpoints not signed by the log, of another origin or size are refused", async () => {
  const res = await compact();
  const other = ed25519SignerFromKey(generateEd25519SignerKey(ORIGIN));
  refused(
    { ...res, checkpoint: await checkpointAt(SIZE, ORIGIN, other) },
    /checkpoint rejected/,
    "wrong key",
  );
  refused({ ...res, checkpoint: "not a note" }, /checkpoint rejected/, "garbage");
  refused({ ...res, treeSize: BigInt(SIZE + 1) }, /tree_size 98 differs from the checkpoint's 97/, "size");
  assert.throws(
    () => verifyAppendResponse(sent, res, verifier, { origin: "other.example/log" }),
    /origin test.parley\/keylog is not other.example\/log/,
  );
  assert.throws(() => verifyAppendResponse([], res, verifier), /no entries were sent/);
});
