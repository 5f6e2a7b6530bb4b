/**
 * Parley ⇄ Parley: two harness servers over `@parley/mls`'s group API must pass every scenario in both
 * handshake modes, successor groups (RFC 9420 §11) included.
 */
import { after, before, test } from "node:test";
import type { ScenarioResult } from "../src/driver/scenario.js";
import { runScenarios } from "../src/driver/runner.js";
import { formatTable } from "../src/driver/table.js";
import { parleyBinding } from "../src/parley/service.js";
import { serveAll, type Harnesses } from "./fixture.js";
import { assertEveryScenarioRan, assertOutcomes } from "./outcomes.js";

let harnesses: Harnesses;
let results: ScenarioResult[];

before(async () => {
  harnesses = await serveAll([parleyBinding(), parleyBinding()]);
  // One rotation: with the same implementation on both ends, swapping roles adds nothing.
  results = await runScenarios(harnesses.endpoints, { rotations: 1 });
  console.log(formatTable(results));
});

after(() => harnesses.stop());

test("every scenario ran in both handshake modes", () => {
  assertEveryScenarioRan(results, 1);
});

test("every run passed", () => {
  // No expectations: nothing may skip or fail, as every RPC the scenarios use is served by the group API.
  assertOutcomes(results, []);
});
