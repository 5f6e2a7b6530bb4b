/**
 * ts-mls ⇄ ts-mls: two harness servers over the same library must pass every scenario the library can do,
 * in both handshake modes, and be skipped — with server and RPC named — exactly where ts-mls lacks a
 * feature. This validates the driver end to end before Parley's own harness joins.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SCENARIOS } from "../src/driver/catalogue.js";
import type { ScenarioResult } from "../src/driver/scenario.js";
import { runScenarios } from "../src/driver/runner.js";
import { formatTable } from "../src/driver/table.js";
import { tsMlsBinding } from "../src/ts-mls/service.js";
import { serveAll, type Harnesses } from "./fixture.js";

/** Scenarios ts-mls 1.6.4 cannot take part in, and the RPC that says so. */
const EXPECTED_SKIPS: Readonly<Record<string, string>> = {
  "add-with-forced-path": "does not support Commit",
  "update-proposal": "does not support UpdateProposal",
  "external-signer-proposals": "does not support AddExternalSigner",
};

let harnesses: Harnesses;
let results: ScenarioResult[];

before(async () => {
  harnesses = await serveAll([tsMlsBinding(), tsMlsBinding()]);
  // One rotation keeps the file quick: with the same library on both ends, swapping roles adds nothing.
  results = await runScenarios(harnesses.endpoints, { rotations: 1 });
  console.log(formatTable(results));
});

after(() => harnesses.stop());

test("every scenario ran in both handshake modes", () => {
  for (const s of SCENARIOS) {
    assert.deepEqual(
      results
        .filter((r) => r.scenario === s.name)
        .map((r) => r.mode)
        .sort(),
      ["private", "public"],
      s.name,
    );
  }
});

test("no scenario failed", () => {
  const failed = results.filter((r) => r.verdict === "failed");
  assert.deepEqual(
    failed.map((r) => `${r.scenario} [${r.mode}]: ${r.detail}`),
    [],
  );
});

test("exactly the scenarios needing what ts-mls lacks are skipped, naming server and RPC", () => {
  for (const r of results) {
    const expected = EXPECTED_SKIPS[r.scenario];
    if (expected === undefined) {
      assert.equal(r.verdict, "passed", `${r.scenario} [${r.mode}]`);
    } else {
      assert.equal(r.verdict, "skipped", `${r.scenario} [${r.mode}]`);
      assert.match(r.detail, /ts-mls 1\.6\.4 \(Parley harness\) @ 127\.0\.0\.1:\d+/);
      assert.ok(r.detail.includes(expected), `${r.scenario}: ${r.detail}`);
    }
  }
});
