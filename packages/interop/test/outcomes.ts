/**
 * Expected outcomes of a run of the whole catalogue, and the assertions every pair test makes with them:
 * every scenario ran in both modes and every rotation; a run that is not listed passed; a listed run ended
 * with exactly the listed verdict and a detail matching the listed pattern (which names server and RPC for
 * skips, and the failing step and check for known deviations of another implementation).
 */
import assert from "node:assert/strict";
import { SCENARIOS } from "../src/driver/catalogue.js";
import type { ScenarioResult, Verdict } from "../src/driver/scenario.js";

export interface Expectation {
  readonly scenario: string;
  /** Which runs this covers: the cast text must contain it (e.g. "alice=#2"); all runs when absent. */
  readonly cast?: string;
  readonly verdict: Exclude<Verdict, "passed">;
  readonly detail: RegExp;
}

function expectationFor(expectations: readonly Expectation[], r: ScenarioResult): Expectation | undefined {
  return expectations.find(
    (e) => e.scenario === r.scenario && (e.cast === undefined || r.cast.includes(e.cast)),
  );
}

/** Every scenario ran once per mode and rotation. */
export function assertEveryScenarioRan(results: readonly ScenarioResult[], rotations: number): void {
  const modes = ["private", "public"].flatMap((m) => Array<string>(rotations).fill(m));
  for (const s of SCENARIOS) {
    const ran = results
      .filter((r) => r.scenario === s.name)
      .map((r) => r.mode)
      .sort();
    assert.deepEqual(ran, modes, s.name);
  }
}

/** Unlisted runs passed; listed runs ended as listed. Reports every mismatch at once. */
export function assertOutcomes(
  results: readonly ScenarioResult[],
  expectations: readonly Expectation[],
): void {
  const wrong: string[] = [];
  for (const r of results) {
    const e = expectationFor(expectations, r);
    const where = `${r.scenario} [${r.mode}, ${r.cast}]`;
    if (e === undefined) {
      if (r.verdict !== "passed") wrong.push(`${where}: expected passed, got ${r.verdict}: ${r.detail}`);
    } else if (r.verdict !== e.verdict || !e.detail.test(r.detail)) {
      wrong.push(
        `${where}: expected ${e.verdict} matching ${String(e.detail)}, got ${r.verdict}: ${r.detail}`,
      );
    }
  }
  assert.deepEqual(wrong, []);
}

/** Each expectation matched at least one run (so a stale entry cannot hide behind a renamed scenario). */
export function assertExpectationsUsed(
  results: readonly ScenarioResult[],
  expectations: readonly Expectation[],
): void {
  const unused = expectations.filter((e) => !results.some((r) => expectationFor([e], r) !== undefined));
  assert.deepEqual(unused, []);
}
