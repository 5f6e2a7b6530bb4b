import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { CompactRange, leafHash } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { LogStore } from "../src/store/log-store.js";
import { TILE_WIDTH, widthOfExpanded } from "../src/store/tile-layout.js";
import { sampleEntry } from "./fixtures.js";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function openStore(): Promise<LogStore> {
  const dir = await mkdtemp(join(tmpdir(), "keylog-tiles-"));
  dirs.push(dir);
  return LogStore.open({ path: dir, tileCacheTiles: 64 });
}

describe("tile store", () => {
  test("a tile parked by a later batch stays readable when an earlier batch persists", async () => {
    const store = await openStore();
    const tree = CompactRange.empty(nodeTreeHasher);
    const record = (n: number) =>
      tree.append(leafHash(sampleEntry(n)), (id, h) => store.tiles.recordNode(id.level, id.index, h));
    for (let n = 0; n < 200; n++) record(n);
    const first = store.tiles.takeBatch();
    for (let n = 200; n < 300; n++) record(n);
    const second = store.tiles.takeBatch();
    store.tiles.batchPersisted(first);
    // Tile 0/0 is full now and no longer the edge; only the second batch holds it, unwritten.
    assert.equal(widthOfExpanded(store.tiles.readSync(0, 0)?.length ?? 0), TILE_WIDTH);
    store.tiles.batchPersisted(second);
    assert.equal(widthOfExpanded(store.tiles.readSync(0, 0)?.length ?? 0), TILE_WIDTH);
    await store.close();
  });
});
