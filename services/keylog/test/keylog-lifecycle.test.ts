import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Code, createLogger, type CallContext } from "@parley/kit";
import {
  verifyConsistency,
  verifyInclusion,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
} from "@parley/tlog";
import { AppendAuthorizer } from "../src/auth/append-auth.js";
import { loadKeylogConfig } from "../src/config.js";
import { checkLog } from "./check-log.js";
import { sampleEntry } from "./fixtures.js";
import { statusCode, startTestKeylog, tempDataDir, testEnv, TEST_ORIGIN } from "./harness.js";

describe("lifecycle", () => {
  test("restart keeps entries, checkpoint, key and token; later checkpoints stay consistent", async () => {
    const data = await tempDataDir();
    try {
      const a = await startTestKeylog(data.dir);
      const res = await a.client.append({ entries: [sampleEntry(1), sampleEntry(2)] }, a.auth);
      const cpA = a.keylog.context.sequencer.latest;
      const vkey = a.keylog.verifierKey;
      await a.stop();
      for (const file of ["signing-key", "append-token"]) {
        assert.equal((await stat(join(data.dir, file))).mode & 0o777, 0o600, `${file} is private`);
      }

      const b = await startTestKeylog(data.dir);
      assert.equal(b.keylog.verifierKey, vkey, "the dev key is reused");
      assert.equal((await b.client.getCheckpoint({})).checkpoint, cpA.note);
      const e = res.entries[1];
      const proof = await b.client.getInclusionProof({
        leaf: { case: "leafHash", value: leafHash(sampleEntry(2)) },
      });
      verifyInclusion(leafHash(sampleEntry(2)), Number(e?.index), cpA.size, proof.proof, cpA.rootHash);
      const more = await b.client.append({ entries: [sampleEntry(3)] }, b.auth);
      const cpB = parseCheckpoint(openNote(more.checkpoint, [parseVerifierKey(vkey)]).body);
      const cons = await b.client.getConsistencyProof({ firstSize: BigInt(cpA.size) });
      verifyConsistency(cpA.size, cpB.size, cons.proof, cpA.rootHash, cpB.rootHash);
      await checkLog(b.keylog.context.store, vkey, TEST_ORIGIN);
      await b.stop();
    } finally {
      await data.remove();
    }
  });

  test("a tiny pool answers RESOURCE_EXHAUSTED and counts it in /metrics", async () => {
    const data = await tempDataDir();
    const log = await startTestKeylog(data.dir, {
      KEYLOG_POOL_MAX_ENTRIES: "4",
      KEYLOG_APPEND_MAX_ENTRIES: "4",
      KEYLOG_BATCH_MAX_ENTRIES: "4",
      KEYLOG_BATCH_INTERVAL_MS: "300",
    });
    try {
      const calls = [0, 1, 2].map((c) =>
        log.client
          .append({ entries: [sampleEntry(c * 3), sampleEntry(c * 3 + 1), sampleEntry(c * 3 + 2)] }, log.auth)
          .then(
            () => "ok",
            (err: unknown) => statusCode(err),
          ),
      );
      const codes = await Promise.all(calls);
      assert.ok(codes.includes(Code.ResourceExhausted), `codes ${codes.join(",")}`);
      assert.ok(codes.includes("ok"), "the first request still lands");
      const metrics = await (await fetch(`http://${log.keylog.server.adminAddress ?? ""}/metrics`)).text();
      assert.match(metrics, /^keylog_pool_rejected_total [1-9]/m);
      assert.match(metrics, /^keylog_tree_size 3$/m);
      assert.match(metrics, /^keylog_entries_appended_total 3$/m);
      assert.match(metrics, /^keylog_batch_entries_count 1$/m);
      assert.match(metrics, /^keylog_integration_seconds_count 1$/m);
      assert.match(metrics, /^keylog_pool_entries 0$/m);
      assert.doesNotMatch(metrics, new RegExp((log.auth.headers["authorization"] ?? "").slice(7)));
    } finally {
      await log.stop();
      await data.remove();
    }
  });
});

function fakeContext(headers: Record<string, string>, fingerprint256?: string): CallContext {
  return {
    service: "parley.keylog.v1.KeyLogService",
    method: "Append",
    protocol: "grpc",
    peer: "test",
    signal: new AbortController().signal,
    deadline: undefined,
    header: (name) => headers[name],
    peerCertificate:
      fingerprint256 === undefined
        ? undefined
        : { subject: "CN=auth", fingerprint256, raw: new Uint8Array() },
    log: createLogger({ service: "test", level: "error" }),
  };
}

describe("Append authorization", () => {
  const fp = Array.from({ length: 32 }, () => "AB").join(":");
  const other = Array.from({ length: 32 }, () => "CD").join(":");
  const denied = (f: () => void, what: string) =>
    assert.throws(
      f,
      (e: unknown) => e instanceof Error && "code" in e && e.code === Code.PermissionDenied,
      what,
    );

  test("bearer token, compared exactly", () => {
    const auth = new AppendAuthorizer("secret-token-0123456789", []);
    auth.check(fakeContext({ authorization: "Bearer secret-token-0123456789" }));
    denied(() => auth.check(fakeContext({})), "missing");
    denied(() => auth.check(fakeContext({ authorization: "Bearer secret-token-012345678" })), "prefix");
    denied(() => auth.check(fakeContext({ authorization: "bearer secret-token-0123456789" })), "scheme case");
  });

  test("client certificate allow-list under mTLS", () => {
    const auth = new AppendAuthorizer("secret-token-0123456789", [fp]);
    const bearer = { authorization: "Bearer secret-token-0123456789" };
    auth.check(fakeContext(bearer, fp));
    denied(() => auth.check(fakeContext(bearer)), "no certificate");
    denied(() => auth.check(fakeContext(bearer, other)), "certificate not listed");
  });

  test("configuration names the bad variable", () => {
    assert.throws(
      () => loadKeylogConfig(testEnv("/tmp/x", { KEYLOG_APPEND_CLIENT_FINGERPRINTS: "zz" })),
      /KEYLOG_APPEND_CLIENT_FINGERPRINTS/,
    );
    assert.throws(
      () => loadKeylogConfig(testEnv("/tmp/x", { KEYLOG_BATCH_MAX_ENTRIES: "0" })),
      /KEYLOG_BATCH_MAX_ENTRIES/,
    );
    assert.throws(() => loadKeylogConfig(testEnv("/tmp/x", { KEYLOG_ORIGIN: "a b" })), /KEYLOG_ORIGIN/);
    const ok = loadKeylogConfig(
      testEnv("/tmp/x", { KEYLOG_APPEND_CLIENT_FINGERPRINTS: fp.replace(/:/g, "").toLowerCase() }),
    );
    assert.deepEqual(ok.appendClientFingerprints, [fp]);
  });
});
