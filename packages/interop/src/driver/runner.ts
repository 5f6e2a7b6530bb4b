/**
 * Runs scenarios against a set of endpoints: every scenario, in both handshake modes, once per rotation of
 * the cast (role i is played by endpoint (i + r) mod N), so with two implementations each one creates the
 * group, commits and joins in turn.
 */
import { randomBytes } from "node:crypto";
import { toHex } from "@parley/codec";
import { SCENARIOS } from "./catalogue.js";
import type { Endpoint } from "./endpoint.js";
import { ScenarioFailure, Unsupported } from "./errors.js";
import type { HandshakeMode, Scenario, ScenarioContext, ScenarioResult } from "./scenario.js";

export interface RunOptions {
  /** Defaults to every scenario in the catalogue. */
  readonly scenarios?: readonly Scenario[];
  readonly modes?: readonly HandshakeMode[];
  /** Cipher suite; defaults to the first in {@link PREFERRED_SUITES} every endpoint supports. */
  readonly suite?: number;
  /** How many rotations of the cast to run (default: one per endpoint, so each plays every role). */
  readonly rotations?: number;
  /** Called after each scenario run, e.g. to print progress. */
  readonly onResult?: (result: ScenarioResult) => void;
}

/** RFC 9420 §17.1: suite 1 is mandatory to implement, so it comes first. */
export const PREFERRED_SUITES = [1, 2, 3, 5, 7] as const;

export function commonSuite(endpoints: readonly Endpoint[]): number {
  const found = PREFERRED_SUITES.find((s) => endpoints.every((e) => e.suites.includes(s)));
  if (found === undefined)
    throw new Error("the endpoints share no cipher suite among " + PREFERRED_SUITES.join(", "));
  return found;
}

function cast(scenario: Scenario, endpoints: readonly Endpoint[], rotation: number): Endpoint[] {
  return scenario.roles
    .map((_, i) => endpoints[(i + rotation) % endpoints.length])
    .filter((e) => e !== undefined);
}

async function runOne(
  scenario: Scenario,
  mode: HandshakeMode,
  players: readonly Endpoint[],
  suite: number,
): Promise<ScenarioResult> {
  const runId = toHex(new Uint8Array(randomBytes(6)));
  let step = "start";
  const ctx: ScenarioContext = {
    mode,
    encrypt: mode === "private",
    suite,
    endpointFor(role) {
      const e = players[role];
      if (e === undefined) throw new RangeError(`${scenario.name} has no role ${role}`);
      return e;
    },
    unique: (label) => new TextEncoder().encode(`${label}-${runId}`),
    step(name) {
      step = name;
    },
  };
  const castText = scenario.roles.map((r, i) => `${r}=${players[i]?.label ?? "?"}`).join(" ");
  const started = performance.now();
  const done = (verdict: ScenarioResult["verdict"], detail: string): ScenarioResult => ({
    scenario: scenario.name,
    mode,
    cast: castText,
    verdict,
    detail,
    ms: Math.round(performance.now() - started),
  });
  try {
    await scenario.run(ctx);
    return done("passed", "");
  } catch (err) {
    if (err instanceof Unsupported) return done("skipped", err.message);
    if (err instanceof ScenarioFailure) return done("failed", `at '${step}': ${err.message}`);
    return done(
      "failed",
      `at '${step}': ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    );
  }
}

/** Runs everything sequentially (harness servers keep per-process state; order keeps failures readable). */
export async function runScenarios(
  endpoints: readonly Endpoint[],
  options: RunOptions = {},
): Promise<ScenarioResult[]> {
  if (endpoints.length === 0) throw new Error("no endpoints to run against");
  const suite = options.suite ?? commonSuite(endpoints);
  const rotations = options.rotations ?? endpoints.length;
  const results: ScenarioResult[] = [];
  for (const scenario of options.scenarios ?? SCENARIOS) {
    for (const mode of options.modes ?? (["public", "private"] as const)) {
      for (let rotation = 0; rotation < Math.min(rotations, endpoints.length); rotation++) {
        const result = await runOne(scenario, mode, cast(scenario, endpoints, rotation), suite);
        options.onResult?.(result);
        results.push(result);
      }
    }
  }
  return results;
}
