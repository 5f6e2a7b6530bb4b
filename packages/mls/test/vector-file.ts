import { test } from "node:test";
import assert from "node:assert/strict";
import { readSharedJson } from "@parley/testing";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import type { VectorRunner } from "../src/vectors/types.js";

/**
 * Registers the standard test of one official vector file: with each crypto provider, every case
 * passes, none is skipped, and the pass count is exactly `checksPerCase` × the file's elements (so
 * a runner that silently drops cases cannot pass). Returns the parsed file for extra tests, or
 * `undefined` outside CI when it is missing (its tests are then skipped with a reason).
 *
 * `heavy` files (minutes of pure-JS crypto with noble) run here with the node provider only: `npm test`
 * already runs every file with both providers through `npm run vectors`, so a second noble pass would only
 * double the suite's longest step. `PARLEY_ALL_PROVIDERS=1` runs noble here too.
 */
export function vectorFileTests(
  file: string,
  title: string,
  run: VectorRunner,
  checksPerCase = 1,
  heavy = false,
): unknown[] | undefined {
  const data = readSharedJson("vectors", "mls", file);
  const allProviders = process.env["PARLEY_ALL_PROVIDERS"] === "1";
  for (const provider of [nodeProvider, nobleProvider]) {
    test(`${file}: ${title} (${provider.name})`, (t) => {
      if (heavy && provider.name === "noble" && !allProviders) {
        return t.skip(
          "noble runs this file in `npm run vectors` (part of npm test); PARLEY_ALL_PROVIDERS=1 runs it here",
        );
      }
      if (data === undefined) return t.skip(`${file} not found`);
      assert.ok(Array.isArray(data), `${file} is a JSON array`);
      const outcome = run(data, provider);
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.failed, 0);
      assert.equal(outcome.skipped, 0);
      assert.equal(outcome.passed, data.length * checksPerCase);
      assert.ok(outcome.passed > 0);
    });
  }
  return Array.isArray(data) ? data : undefined;
}
