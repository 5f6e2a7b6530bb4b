/**
 * Parley ⇄ Parley: two harness servers over `@parley/mls`'s group API must pass every scenario in both
 * handshake modes, except those needing what the group API lacks (successor groups, RFC 9420 §11), which are
 * skipped naming server and RPC.
 */
import { after, before, test } from "node:test";
import type { ScenarioResult } from "../src/driver/scenario.js";
import { runScenarios } from "../src/driver/runner.js";
import { formatTable } from "../src/driver/table.js";
import { parleyBinding } from "../src/parley/service.js";
import { serveAll, type Harnesses } from "./fixture.js";
import {
  assertEveryScenarioRan,
  assertExpectationsUsed,
  assertOutcomes,
  type Expectation,
} from "./outcomes.js";

const PARLEY = String.raw`Parley @parley/mls \(group API\) @ 127\.0\.0\.1:\d+`;

const EXPECTED: readonly Expectation[] = [
  // bob (#2) commits the ReInit and would create the new group (§11.2).
  {
    scenario: "reinit",
    verdict: "skipped",
    detail: new RegExp(`^#2 ${PARLEY} does not support ReInitWelcome \\(.*successor group`),
  },
  // alice (#1) would create the subgroup (§11.3).
  {
    scenario: "branch",
    verdict: "skipped",
    detail: new RegExp(`^#1 ${PARLEY} does not support CreateBranch \\(.*successor group`),
  },
];

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

test("everything passed except the listed skips, which name server, RPC and reason", () => {
  assertOutcomes(results, EXPECTED);
  assertExpectationsUsed(results, EXPECTED);
});
