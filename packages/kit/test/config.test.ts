import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ConfigError, DEFAULT_SERVER_CONFIG, env, loadServerConfig } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "kit-config-"));
const file = join(dir, "x.pem");
writeFileSync(file, "not really a pem");

function fails(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
}

describe("loadServerConfig", () => {
  test("defaults apply and service defaults override the kit's", () => {
    const c = loadServerConfig("KEYLOG", {}, { grpcAddr: "0.0.0.0:7000" });
    assert.equal(c.grpcAddr, "0.0.0.0:7000");
    assert.equal(c.maxRecvBytes, DEFAULT_SERVER_CONFIG.maxRecvBytes);
    assert.equal(c.httpAddr, undefined);
    assert.equal(c.tls, undefined);
  });

  test("reads every variable", () => {
    const c = loadServerConfig("KEYLOG", {
      KEYLOG_GRPC_ADDR: "[::1]:9000",
      KEYLOG_HTTP_ADDR: "localhost:9001",
      KEYLOG_ADMIN_ADDR: "127.0.0.1:0",
      KEYLOG_TLS_CERT: file,
      KEYLOG_TLS_KEY: file,
      KEYLOG_TLS_CLIENT_CA: file,
      KEYLOG_MAX_RECV_BYTES: "1048576",
      KEYLOG_MAX_SEND_BYTES: "2097152",
      KEYLOG_KEEPALIVE_MS: "30s",
      KEYLOG_KEEPALIVE_TIMEOUT_MS: "5000",
      KEYLOG_SHUTDOWN_GRACE_MS: "2m",
      KEYLOG_LOG_LEVEL: "debug",
      KEYLOG_DEFAULT_DEADLINE_MS: "1500ms",
    });
    assert.deepEqual(c, {
      grpcAddr: "[::1]:9000",
      httpAddr: "localhost:9001",
      adminAddr: "127.0.0.1:0",
      tls: { cert: file, key: file, clientCa: file, requireClientCert: true },
      maxRecvBytes: 1048576,
      maxSendBytes: 2097152,
      keepaliveMs: 30_000,
      keepaliveTimeoutMs: 5000,
      shutdownGraceMs: 120_000,
      logLevel: "debug",
      defaultDeadlineMs: 1500,
    });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ KEYLOG_GRPC_ADDR: "x" }, /^KEYLOG_GRPC_ADDR: expected host:port, got 'x'$/],
    [{ KEYLOG_GRPC_ADDR: "127.0.0.1:70000" }, /^KEYLOG_GRPC_ADDR: expected host:port/],
    [{ KEYLOG_HTTP_ADDR: "http://a:1" }, /^KEYLOG_HTTP_ADDR: expected host:port/],
    [{ KEYLOG_ADMIN_ADDR: ":80" }, /^KEYLOG_ADMIN_ADDR: /],
    [{ KEYLOG_MAX_RECV_BYTES: "4MB" }, /^KEYLOG_MAX_RECV_BYTES: expected an integer, got '4MB'$/],
    [{ KEYLOG_MAX_RECV_BYTES: "10" }, /^KEYLOG_MAX_RECV_BYTES: expected at least 1024/],
    [{ KEYLOG_MAX_SEND_BYTES: "-5" }, /^KEYLOG_MAX_SEND_BYTES: /],
    [{ KEYLOG_KEEPALIVE_MS: "soon" }, /^KEYLOG_KEEPALIVE_MS: expected a duration/],
    [{ KEYLOG_KEEPALIVE_TIMEOUT_MS: "0" }, /^KEYLOG_KEEPALIVE_TIMEOUT_MS: expected at least 1/],
    [{ KEYLOG_SHUTDOWN_GRACE_MS: "3d" }, /^KEYLOG_SHUTDOWN_GRACE_MS: /],
    [
      { KEYLOG_LOG_LEVEL: "verbose" },
      /^KEYLOG_LOG_LEVEL: expected one of debug, info, warn, error, got 'verbose'$/,
    ],
    [{ KEYLOG_DEFAULT_DEADLINE_MS: "1.5.2s" }, /^KEYLOG_DEFAULT_DEADLINE_MS: /],
    [
      { KEYLOG_TLS_CERT: join(dir, "missing.pem"), KEYLOG_TLS_KEY: file },
      /^KEYLOG_TLS_CERT: expected an existing path/,
    ],
    [{ KEYLOG_TLS_CERT: dir, KEYLOG_TLS_KEY: file }, /^KEYLOG_TLS_CERT: expected a file/],
    [{ KEYLOG_TLS_CERT: file }, /^KEYLOG_TLS_KEY: required when KEYLOG_TLS_CERT is set$/],
    [{ KEYLOG_TLS_KEY: file }, /^KEYLOG_TLS_CERT: required when KEYLOG_TLS_KEY is set$/],
    [{ KEYLOG_TLS_CLIENT_CA: file }, /^KEYLOG_TLS_CLIENT_CA: set without/],
    [
      { KEYLOG_TLS_CERT: file, KEYLOG_TLS_KEY: file, KEYLOG_TLS_REQUIRE_CLIENT_CERT: "true" },
      /^KEYLOG_TLS_REQUIRE_CLIENT_CERT: needs KEYLOG_TLS_CLIENT_CA/,
    ],
    [
      {
        KEYLOG_TLS_CERT: file,
        KEYLOG_TLS_KEY: file,
        KEYLOG_TLS_CLIENT_CA: file,
        KEYLOG_TLS_REQUIRE_CLIENT_CERT: "maybe",
      },
      /^KEYLOG_TLS_REQUIRE_CLIENT_CERT: expected true\/false/,
    ],
  ];
  for (const [vars, pattern] of bad) {
    test(`rejects ${JSON.stringify(vars)} naming the variable`, () =>
      fails(() => loadServerConfig("KEYLOG", vars), pattern));
  }

  test("rejects a malformed prefix", () => fails(() => loadServerConfig("keylog", {}), /prefix 'keylog'/));
});

describe("env readers", () => {
  const e = { A: "12", B: " yes ", C: "", S: "hunter2", D: "2h", L: "b" };
  test("parse values, apply defaults, return undefined when unset", () => {
    assert.equal(env.int("A", { env: e, min: 1, max: 20 }), 12);
    assert.equal(env.bool("B", { env: e }), true);
    assert.equal(env.string("C", { env: e }), undefined, "empty counts as unset");
    assert.equal(env.string("C", { env: e, default: "d" }), "d");
    assert.equal(env.duration("D", { env: e }), 7_200_000);
    assert.equal(env.enum("L", ["a", "b"], { env: e }), "b");
    assert.equal(env.path("P", { env: { P: dir }, kind: "dir" }), dir);
  });
  test("errors name the variable; secret values are redacted", () => {
    fails(() => env.int("A", { env: e, max: 10 }), /^A: expected at most 10, got '12'$/);
    fails(() => env.string("Z", { env: e, required: true }), /^Z: required but not set$/);
    fails(
      () => env.string("S", { env: e, secret: true, pattern: /^[0-9]+$/ }),
      /^S: expected to match .*, got <redacted>$/,
    );
    assert.throws(
      () => env.string("S", { env: e, secret: true, pattern: /^[0-9]+$/ }),
      (err: Error) => !err.message.includes("hunter2"),
    );
    fails(() => env.enum("L", ["x", "y"], { env: e }), /^L: expected one of x, y, got 'b'$/);
    fails(() => env.path("P", { env: { P: file }, kind: "dir" }), /^P: expected a directory/);
    fails(() => env.int("A", { env: { A: "99999999999999999999" } }), /^A: expected an integer/);
  });
});
