/** c2sp.org/tlog-tiles paths, layout and entry bundles. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MemoryTiles,
  TILE_WIDTH,
  TileError,
  decodeEntryBundle,
  encodeEntryBundle,
  entriesPath,
  parseTilePath,
  tileHashPosition,
  tilePath,
  tileWidth,
  tilesChanged,
} from "../src/index.js";

test("tile paths follow the spec's examples and round-trip", () => {
  assert.equal(tilePath(1, 1234, 5), "tile/1/x001/234.p/5");
  assert.equal(tilePath(0, 1234067), "tile/0/x001/x234/067");
  assert.equal(tilePath(2, 0, 256), "tile/2/000");
  assert.equal(entriesPath(1000, 1), "tile/entries/x001/000.p/1");
  assert.equal(entriesPath(999), "tile/entries/999");
  for (const index of [0, 1, 999, 1000, 1_000_000, 123_456_789_012]) {
    for (const width of [1, 17, 255, 256]) {
      assert.deepEqual(parseTilePath(tilePath(63, index, width)), { kind: "hash", level: 63, index, width });
      assert.deepEqual(parseTilePath(entriesPath(index, width)), { kind: "entries", index, width });
    }
  }
});

test("non-canonical or malformed tile paths are rejected", () => {
  const bad = [
    "tiles/0/000",
    "tile/0",
    "tile/00/000",
    "tile/64/000",
    "tile/-1/000",
    "tile/a/000",
    "tile/0/0",
    "tile/0/0000",
    "tile/0/x000/001",
    "tile/0/001/234",
    "tile/0/x001/x234",
    "tile/0/xx01/234",
    "tile/0/000.p/0",
    "tile/0/000.p/256",
    "tile/0/000.p/05",
    "tile/0/000.p/",
    "tile/0/000.q/5",
    "tile/entries/000.p",
    "tile/entries/x1/000",
    "/tile/0/000",
    "tile/0/000/",
  ];
  for (const path of bad) assert.throws(() => parseTilePath(path), TileError, path);
  assert.throws(() => tilePath(64, 0), /level must be 0..63/);
  assert.throws(() => tilePath(0, -1), RangeError);
  assert.throws(() => tilePath(0, 0, 0), /width must be 1..256/);
  assert.throws(() => entriesPath(0, 257), /width must be 1..256/);
});

test("tile layout: the spec's 70,000-leaf example and tiles changed between sizes", () => {
  const all = tilesChanged(0, 70_000);
  const summary = (level: number) => all.filter((t) => t.level === level).map((t) => t.width);
  const level0 = summary(0);
  assert.equal(level0.filter((w) => w === TILE_WIDTH).length, 273);
  assert.deepEqual(
    level0.filter((w) => w !== TILE_WIDTH),
    [112],
  );
  assert.deepEqual(summary(1), [256, 17]);
  assert.deepEqual(summary(2), [1]);
  assert.equal(all.length, 273 + 1 + 2 + 1);
  assert.deepEqual(tilesChanged(0, 256), [
    { level: 0, index: 0, width: 256 },
    { level: 1, index: 0, width: 1 },
  ]);
  assert.deepEqual(tilesChanged(256, 256), []);
  assert.deepEqual(tilesChanged(300, 600), [
    { level: 0, index: 1, width: 256 },
    { level: 0, index: 2, width: 88 },
    { level: 1, index: 0, width: 2 },
  ]);
  assert.equal(tileWidth(600, 0, 3), 0);
  assert.equal(tileWidth(0, 0, 0), 0);
  assert.deepEqual(tileHashPosition({ level: 8, index: 300 }), { level: 1, index: 1, offset: 44 });
  assert.equal(tileHashPosition({ level: 7, index: 3 }), undefined);
});

test("entry bundles: round-trip, the exact wire format, and strict decoding", () => {
  const entries = [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(0xffff).fill(4)];
  const bundle = encodeEntryBundle(entries);
  assert.deepEqual([...bundle.subarray(0, 7)], [0, 0, 0, 3, 1, 2, 3]);
  assert.deepEqual(decodeEntryBundle(bundle), entries);
  assert.deepEqual(decodeEntryBundle(new Uint8Array(0)), []);
  assert.throws(
    () => encodeEntryBundle([new Uint8Array(0x10000)]),
    /65536 bytes; bundles allow at most 65535/,
  );
  assert.throws(() => decodeEntryBundle(Uint8Array.of(0)), /ends inside the length of entry 0/);
  assert.throws(
    () => decodeEntryBundle(Uint8Array.of(0, 1, 9, 0, 5, 1)),
    /entry 1 claims 5 bytes but the bundle has 1 left/,
  );
});

test("MemoryTiles serves tiles and bundles that match the layout", async () => {
  const log = new MemoryTiles();
  for (let i = 0; i < 600; i++) log.append(Uint8Array.of(i & 255, i >> 8));
  for (const t of tilesChanged(0, 600))
    assert.equal((await log.readTile(t.level, t.index, t.width)).length, 32 * t.width);
  assert.deepEqual(decodeEntryBundle(log.readEntries(2, 88))[87], Uint8Array.of(599 & 255, 2));
  await assert.rejects(log.readTile(1, 0, 3), /has no hash 2/);
  assert.throws(() => log.readEntries(2, 89), /fewer than 89/);
});
