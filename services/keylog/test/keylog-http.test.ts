import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  decodeEntryBundle,
  entriesPath,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  proveInclusion,
  tileHashReader,
  tilePath,
} from "@parley/tlog";
import { concatBytes } from "@parley/codec";
import { sampleEntry } from "./fixtures.js";
import { startTestKeylog, tempDataDir, type TestKeylog } from "./harness.js";

const SIZE = 600;
let log: TestKeylog;
let data: Awaited<ReturnType<typeof tempDataDir>>;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${log.httpBase}/${path}`, { headers });
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
}

before(async () => {
  data = await tempDataDir();
  log = await startTestKeylog(data.dir);
  for (let n = 0; n < SIZE; n += 60) {
    const entries = Array.from({ length: 60 }, (_, i) => sampleEntry(n + i));
    await log.client.append({ entries }, log.auth);
  }
});
after(async () => {
  await log.stop();
  await data.remove();
});

describe("C2SP tlog-tiles over HTTP", () => {
  test("checkpoint: signed note, text/plain, not cacheable", async () => {
    const { res, body } = await get("checkpoint");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    const note = new TextDecoder().decode(body);
    const cp = parseCheckpoint(openNote(note, [parseVerifierKey(log.keylog.verifierKey)]).body);
    assert.equal(cp.size, SIZE);
  });

  test("full and partial hash tiles equal the leaf hashes the gRPC API serves", async () => {
    const entries: Uint8Array[] = [];
    while (entries.length < SIZE) {
      const page = await log.client.getEntries({ start: BigInt(entries.length), end: BigInt(SIZE) });
      entries.push(...page.entries);
    }
    const leaves = entries.map((e) => leafHash(e));
    const full = await get(tilePath(0, 1));
    assert.equal(full.res.status, 200);
    assert.equal(full.res.headers.get("content-type"), "application/octet-stream");
    assert.equal(full.res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.deepEqual(full.body, concatBytes(...leaves.slice(256, 512)));
    const partial = await get(tilePath(0, 2, 88));
    assert.equal(partial.res.status, 200);
    assert.equal(partial.res.headers.get("cache-control"), "public, max-age=60");
    assert.deepEqual(partial.body, concatBytes(...leaves.slice(512, 600)));
    const narrower = await get(tilePath(0, 2, 10));
    assert.deepEqual(
      narrower.body,
      concatBytes(...leaves.slice(512, 522)),
      "an older partial width is a prefix",
    );
    const ofFull = await get(tilePath(0, 0, 5));
    assert.deepEqual(ofFull.body, concatBytes(...leaves.slice(0, 5)), "a partial request for a full tile");
    const level1 = await get(tilePath(1, 0, 2));
    assert.equal(level1.body.length, 64);
  });

  test("inclusion proofs computed from the tiles equal the gRPC ones", async () => {
    const reader = tileHashReader(SIZE, {
      readTile: async (level, index, width) => (await get(tilePath(level, index, width))).body,
    });
    for (const index of [0, 255, 256, 599]) {
      const fromTiles = await proveInclusion(index, SIZE, reader);
      const res = await log.client.getInclusionProof({ leaf: { case: "index", value: BigInt(index) } });
      assert.deepEqual(fromTiles, res.proof);
    }
  });

  test("entry bundles, plain and gzip", async () => {
    const page = await log.client.getEntries({ start: 0n, end: 50n });
    const plain = await get(entriesPath(0));
    assert.equal(plain.res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    const bundle = decodeEntryBundle(plain.body);
    assert.equal(bundle.length, 256);
    assert.deepEqual(bundle.slice(0, 50), page.entries);
    const res = await fetch(`${log.httpBase}/${entriesPath(2, 88)}`, {
      headers: { "accept-encoding": "gzip" },
    });
    assert.equal(res.status, 200);
    // fetch decompresses transparently; the header shows the server compressed it.
    assert.equal(res.headers.get("content-encoding"), "gzip");
    assert.equal(decodeEntryBundle(new Uint8Array(await res.arrayBuffer())).length, 88);
  });

  test("tiles beyond the signed tree are 404, malformed paths 400, other methods 405", async () => {
    for (const path of [
      tilePath(0, 3),
      tilePath(0, 2),
      tilePath(0, 2, 89),
      tilePath(1, 0),
      tilePath(2, 0, 1),
      entriesPath(2),
    ]) {
      assert.equal((await get(path)).res.status, 404, path);
    }
    for (const path of [
      "tile/0/1",
      "tile/0/x000/001",
      "tile/64/000",
      "tile/0/000.p/256",
      "tile/0/000.p/0",
      "tile/abc",
    ]) {
      assert.equal((await get(path)).res.status, 400, path);
    }
    const post = await fetch(`${log.httpBase}/checkpoint`, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal((await fetch(`${log.httpBase}/not-ours`)).status, 404);
  });
});
