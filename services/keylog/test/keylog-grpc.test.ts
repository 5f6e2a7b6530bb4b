import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import {
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  verifyRunInclusion,
  type Checkpoint,
} from "@parley/tlog";
import { verifyAppendResponse } from "../../../packages/client/src/append-proofs.js";
import { checkLog } from "./check-log.js";
import { sampleEntry } from "./fixtures.js";
import { codeOf, startTestKeylog, tempDataDir, TEST_ORIGIN, type TestKeylog } from "./harness.js";

let log: TestKeylog;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const settings = {
  KEYLOG_ENTRIES_PAGE_LIMIT: "50",
  KEYLOG_APPEND_MAX_ENTRIES: "64",
  KEYLOG_MAX_ENTRY_BYTES: "1024",
};

function open(note: string): Checkpoint {
  return parseCheckpoint(openNote(note, [parseVerifierKey(log.keylog.verifierKey)]).body);
}

before(async () => {
  data = await tempDataDir();
  log = await startTestKeylog(data.dir, settings);
});
after(async () => {
  await log.stop();
  await data.remove();
});

describe("Append", () => {
  test("refuses callers without the right bearer token", async () => {
    const req = { entries: [sampleEntry(1)] };
    assert.equal(await codeOf(log.client.append(req)), Code.PermissionDenied);
    const wrong = { headers: { authorization: "Bearer 00112233445566778899" } };
    assert.equal(await codeOf(log.client.append(req, wrong)), Code.PermissionDenied);
    assert.equal(
      await codeOf(log.client.append(req, { headers: { authorization: "Basic x" } })),
      Code.PermissionDenied,
    );
    assert.equal(log.keylog.context.sequencer.latest.size, 0, "nothing was appended");
  });

  test("returns indices, leaf hashes and inclusion proofs that verify against the signed checkpoint", async () => {
    const entries = [sampleEntry(10), sampleEntry(11), sampleEntry(12)];
    const res = await log.client.append({ entries }, log.auth);
    const cp = open(res.checkpoint);
    assert.equal(cp.origin, TEST_ORIGIN);
    assert.equal(BigInt(cp.size), res.treeSize);
    assert.equal(res.entries.length, 3);
    for (const [i, e] of res.entries.entries()) {
      const entry = entries[i] ?? new Uint8Array();
      assert.deepEqual(e.leafHash, leafHash(entry));
      verifyInclusion(leafHash(entry), Number(e.index), cp.size, e.inclusionProof, cp.rootHash);
    }
    await checkLog(log.keylog.context.store, log.keylog.verifierKey, TEST_ORIGIN);
  });

  test("with run_proof, one run inclusion proof covers every entry and the per-entry results are left out", async () => {
    const entries = [sampleEntry(30), sampleEntry(31), sampleEntry(32), sampleEntry(33)];
    const res = await log.client.append({ entries, runProof: true }, log.auth);
    assert.deepEqual(res.entries, []);
    const cp = open(res.checkpoint);
    assert.ok(res.runProof.length <= 2 * Math.ceil(Math.log2(cp.size)), `${res.runProof.length} hashes`);
    const verifier = parseVerifierKey(log.keylog.verifierKey);
    const got = verifyAppendResponse(entries, res, verifier);
    assert.equal(BigInt(got.firstIndex), res.firstIndex);
    verifyRunInclusion(got.firstIndex, entries.map(leafHash), cp.size, res.runProof, cp.rootHash);
    const lookedUp = await log.client.getInclusionProof({
      leaf: { case: "leafHash", value: leafHash(sampleEntry(32)) },
    });
    assert.equal(lookedUp.index, res.firstIndex + 2n);
  });

  test("the default form also carries first_index and passes the client's check", async () => {
    const entries = [sampleEntry(40), sampleEntry(41)];
    const res = await log.client.append({ entries }, log.auth);
    assert.deepEqual(res.runProof, []);
    assert.equal(res.firstIndex, res.entries[0]?.index);
    verifyAppendResponse(entries, res, parseVerifierKey(log.keylog.verifierKey));
  });

  test("concurrent appends all verify and land at distinct indices", async () => {
    const sent = Array.from({ length: 40 }, (_, c) =>
      Array.from({ length: 5 }, (_, i) => sampleEntry(1000 + c * 5 + i)),
    );
    // Every other call asks for the compact form: both must interleave in one batch.
    const calls = sent.map((entries, c) => log.client.append({ entries, runProof: c % 2 === 1 }, log.auth));
    const verifier = parseVerifierKey(log.keylog.verifierKey);
    const seen = new Set<number>();
    for (const [c, res] of (await Promise.all(calls)).entries()) {
      const { firstIndex } = verifyAppendResponse(sent[c] ?? [], res, verifier);
      for (let i = 0; i < 5; i++) seen.add(firstIndex + i);
    }
    assert.equal(seen.size, 200);
    await checkLog(log.keylog.context.store, log.keylog.verifierKey, TEST_ORIGIN);
  });

  test("refuses malformed requests with INVALID_ARGUMENT", async () => {
    const bad = async (entries: Uint8Array[]) => codeOf(log.client.append({ entries }, log.auth));
    assert.equal(await bad([]), Code.InvalidArgument, "empty append");
    assert.equal(await bad([new Uint8Array([0, 1, 9])]), Code.InvalidArgument, "undecodable entry");
    assert.equal(
      await bad([sampleEntry(5), new Uint8Array([...sampleEntry(6), 0])]),
      Code.InvalidArgument,
      "trailing",
    );
    assert.equal(
      await bad(Array.from({ length: 65 }, (_, i) => sampleEntry(i))),
      Code.InvalidArgument,
      "too many",
    );
    assert.equal(await bad([sampleEntry(7, 2000)]), Code.InvalidArgument, "entry too large");
  });
});

describe("read API", () => {
  test("GetCheckpoint and proofs by index and by leaf hash, latest and older sizes", async () => {
    const first = await log.client.append({ entries: [sampleEntry(20)] }, log.auth);
    const older = open(first.checkpoint);
    await log.client.append({ entries: [sampleEntry(21), sampleEntry(22)] }, log.auth);
    const got = await log.client.getCheckpoint({});
    const latest = open(got.checkpoint);
    assert.equal(BigInt(latest.size), got.treeSize);
    assert.deepEqual(got.rootHash, latest.rootHash);

    const hash = leafHash(sampleEntry(20));
    const index = first.entries[0]?.index ?? -1n;
    const byHash = await log.client.getInclusionProof({ leaf: { case: "leafHash", value: hash } });
    assert.equal(byHash.index, index);
    assert.equal(byHash.checkpoint, got.checkpoint, "tree_size 0 answers with the latest checkpoint");
    verifyInclusion(hash, Number(index), latest.size, byHash.proof, latest.rootHash);
    const atOlder = await log.client.getInclusionProof({
      leaf: { case: "index", value: index },
      treeSize: BigInt(older.size),
    });
    assert.equal(atOlder.checkpoint, "");
    verifyInclusion(hash, Number(index), older.size, atOlder.proof, older.rootHash);

    const cons = await log.client.getConsistencyProof({ firstSize: BigInt(older.size) });
    assert.equal(cons.secondSize, got.treeSize);
    verifyConsistency(older.size, latest.size, cons.proof, older.rootHash, latest.rootHash);
    const same = await log.client.getConsistencyProof({ firstSize: got.treeSize, secondSize: got.treeSize });
    assert.deepEqual(same.proof, []);
  });

  test("GetEntries returns published entries in order, one page at most", async () => {
    const size = log.keylog.context.sequencer.latest.size;
    const all = await log.client.getEntries({ start: 0n, end: BigInt(size + 100) });
    assert.equal(all.entries.length, Math.min(50, size), "page limit applies");
    const tail = await log.client.getEntries({ start: BigInt(size - 2), end: BigInt(size + 5) });
    assert.equal(tail.entries.length, 2, "clamped to the signed size");
    assert.deepEqual(tail.entries[1], sampleEntry(22));
  });

  test("every bad request gets its documented code", async () => {
    const size = BigInt(log.keylog.context.sequencer.latest.size);
    const c = log.client;
    const cases: [() => Promise<unknown>, number, string][] = [
      [() => c.getInclusionProof({ leaf: { case: "index", value: size } }), Code.OutOfRange, "index = size"],
      [
        () => c.getInclusionProof({ leaf: { case: "index", value: 0n }, treeSize: size + 1n }),
        Code.OutOfRange,
        "size > current",
      ],
      [
        () => c.getInclusionProof({ leaf: { case: "index", value: 5n }, treeSize: 3n }),
        Code.OutOfRange,
        "index >= tree_size",
      ],
      [
        () => c.getInclusionProof({ leaf: { case: "index", value: 2n ** 60n } }),
        Code.OutOfRange,
        "huge index",
      ],
      [
        () => c.getInclusionProof({ leaf: { case: "leafHash", value: new Uint8Array(31) } }),
        Code.InvalidArgument,
        "short hash",
      ],
      [
        () => c.getInclusionProof({ leaf: { case: "leafHash", value: new Uint8Array(32) } }),
        Code.NotFound,
        "unknown hash",
      ],
      [() => c.getInclusionProof({}), Code.InvalidArgument, "no leaf"],
      [
        () => c.getConsistencyProof({ firstSize: 3n, secondSize: 2n }),
        Code.InvalidArgument,
        "first > second",
      ],
      [
        () => c.getConsistencyProof({ firstSize: 1n, secondSize: size + 1n }),
        Code.OutOfRange,
        "second > current",
      ],
      [() => c.getConsistencyProof({ firstSize: size + 1n }), Code.OutOfRange, "first > current"],
      [() => c.getConsistencyProof({ firstSize: 0n, secondSize: 2n }), Code.InvalidArgument, "first = 0"],
      [() => c.getEntries({ start: size, end: size + 1n }), Code.OutOfRange, "start beyond tree"],
      [() => c.getEntries({ start: 2n, end: 2n }), Code.InvalidArgument, "empty range"],
      [() => c.getEntries({ start: 3n, end: 1n }), Code.InvalidArgument, "start > end"],
    ];
    for (const [call, code, what] of cases) assert.equal(await codeOf(call()), code, what);
  });
});
