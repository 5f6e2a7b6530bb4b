/**
 * The driver must catch lies: servers wrapped to misreport the epoch authenticator, plaintext or
 * authenticated data must make a scenario fail (naming the step), UNIMPLEMENTED must make it skip (naming
 * server and RPC), and any other error must fail it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bindService, Code, ServiceError } from "@parley/kit";
import { MLSClient } from "../src/gen/mls_client_pb.js";
import type { Endpoint } from "../src/driver/endpoint.js";
import { commonSuite, runScenarios } from "../src/driver/runner.js";
import type { Scenario, ScenarioResult } from "../src/driver/scenario.js";
import { applicationMessages } from "../src/driver/scenarios/messages.js";
import { welcomeJoin } from "../src/driver/scenarios/join.js";
import { formatTable } from "../src/driver/table.js";
import type { Handlers } from "../src/harness/handlers.js";
import { tsMlsHandlers } from "../src/ts-mls/service.js";
import { serveAll } from "./fixture.js";

function flipLast(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1] = (out.at(-1) ?? 0) ^ 1;
  return out;
}

/** A ts-mls harness whose epoch authenticators are consistently wrong (so only cross-member checks see it). */
function skewedAuthenticators(): Handlers {
  const h = tsMlsHandlers();
  return {
    ...h,
    stateAuth: async (req, ctx) => {
      const res = await h.stateAuth(req, ctx);
      return { stateAuthSecret: flipLast(res.stateAuthSecret ?? new Uint8Array()) };
    },
    joinGroup: async (req, ctx) => {
      const res = await h.joinGroup(req, ctx);
      return { ...res, epochAuthenticator: flipLast(res.epochAuthenticator ?? new Uint8Array()) };
    },
    handleCommit: async (req, ctx) => {
      const res = await h.handleCommit(req, ctx);
      return { ...res, epochAuthenticator: flipLast(res.epochAuthenticator ?? new Uint8Array()) };
    },
    handlePendingCommit: async (req, ctx) => {
      const res = await h.handlePendingCommit(req, ctx);
      return { ...res, epochAuthenticator: flipLast(res.epochAuthenticator ?? new Uint8Array()) };
    },
  };
}

/** StateAuth disagrees with what HandleCommit/JoinGroup returned for the same state. */
function inconsistentStateAuth(): Handlers {
  const h = tsMlsHandlers();
  return {
    ...h,
    stateAuth: async (req, ctx) => ({
      stateAuthSecret: flipLast((await h.stateAuth(req, ctx)).stateAuthSecret ?? new Uint8Array()),
    }),
  };
}

function lyingUnprotect(field: "plaintext" | "authenticatedData"): Handlers {
  const h = tsMlsHandlers();
  return {
    ...h,
    unprotect: async (req, ctx) => {
      const res = await h.unprotect(req, ctx);
      const value = res[field] ?? new Uint8Array();
      return { ...res, [field]: flipLast(value.length === 0 ? new Uint8Array(1) : value) };
    },
  };
}

function failing(code: Code, rpc: "createGroup" | "commit"): Handlers {
  const h = tsMlsHandlers();
  return {
    ...h,
    [rpc]: () => {
      throw new ServiceError(code, `${rpc} refused by the test`);
    },
  };
}

async function runAgainst(second: Handlers, scenario: Scenario): Promise<ScenarioResult> {
  const harnesses = await serveAll([bindService(MLSClient, tsMlsHandlers()), bindService(MLSClient, second)]);
  try {
    const [result] = await runScenarios(harnesses.endpoints, {
      scenarios: [scenario],
      modes: ["public"],
      rotations: 1,
    });
    assert.ok(result !== undefined);
    return result;
  } finally {
    await harnesses.stop();
  }
}

describe("driver verdicts", () => {
  test("members on a server with skewed epoch authenticators fail the agreement check", async () => {
    const r = await runAgainst(skewedAuthenticators(), welcomeJoin);
    assert.equal(r.verdict, "failed");
    assert.match(r.detail, /epoch authenticators disagree: bob \(#2\)/);
    assert.match(r.detail, /at 'alice adds bob, carol by value'/);
  });

  test("StateAuth that contradicts the returned epoch authenticator fails", async () => {
    const r = await runAgainst(inconsistentStateAuth(), welcomeJoin);
    assert.equal(r.verdict, "failed");
    assert.match(r.detail, /StateAuth differs from the epoch authenticator its endpoint returned/);
  });

  test("altered plaintext fails the message exchange", async () => {
    const r = await runAgainst(lyingUnprotect("plaintext"), applicationMessages);
    assert.equal(r.verdict, "failed");
    assert.match(r.detail, /reading alice \(#1\): plaintext differs/);
  });

  test("altered authenticated data fails the message exchange", async () => {
    const r = await runAgainst(lyingUnprotect("authenticatedData"), applicationMessages);
    assert.equal(r.verdict, "failed");
    assert.match(r.detail, /authenticated data differs/);
  });

  test("UNIMPLEMENTED skips the scenario naming server and RPC, never passes it", async () => {
    const harnesses = await serveAll([bindService(MLSClient, failing(Code.Unimplemented, "createGroup"))]);
    try {
      const [only] = await runScenarios(harnesses.endpoints, {
        scenarios: [welcomeJoin],
        modes: ["private"],
      });
      assert.equal(only?.verdict, "skipped");
      assert.match(
        only?.detail ?? "",
        /#1 ts-mls .* does not support CreateGroup \(createGroup refused by the test\)/,
      );
    } finally {
      await harnesses.stop();
    }
  });

  test("any other error fails the scenario with code and step", async () => {
    const harnesses = await serveAll([bindService(MLSClient, failing(Code.Internal, "commit"))]);
    try {
      const [only] = await runScenarios(harnesses.endpoints, { scenarios: [welcomeJoin], modes: ["public"] });
      assert.equal(only?.verdict, "failed");
      assert.match(only?.detail ?? "", /at 'alice adds bob, carol by value': Commit on #1 failed: INTERNAL/);
    } finally {
      await harnesses.stop();
    }
  });
});

describe("runner helpers", () => {
  const endpoint = (label: string, suites: number[]) => ({ label, suites }) as unknown as Endpoint;

  test("commonSuite picks the first preferred suite all endpoints share", () => {
    assert.equal(commonSuite([endpoint("#1", [1, 2]), endpoint("#2", [2, 7])]), 2);
    assert.throws(() => commonSuite([endpoint("#1", [1]), endpoint("#2", [7])]), /share no cipher suite/);
  });

  test("formatTable lists every run, the details of non-passes and the totals", () => {
    const rows: ScenarioResult[] = [
      { scenario: "a", mode: "public", cast: "alice=#1", verdict: "passed", detail: "", ms: 5 },
      {
        scenario: "b",
        mode: "private",
        cast: "alice=#2",
        verdict: "skipped",
        detail: "#2 x does not support Y",
        ms: 1,
      },
      { scenario: "c", mode: "public", cast: "alice=#1", verdict: "failed", detail: "at 'z': boom", ms: 2 },
    ];
    const text = formatTable(rows);
    assert.match(text, /^scenario\s+mode\s+cast\s+result\s+ms$/m);
    assert.match(text, /^b\s+private\s+alice=#2\s+skipped\s+1$/m);
    assert.match(text, /c \[public, alice=#1\] failed: at 'z': boom/);
    assert.match(text, /1 passed, 1 failed, 1 skipped \(3 runs\)$/);
  });
});
