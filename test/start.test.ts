/** The README's first quick-start command: `npm start` serves the suite and stops cleanly on SIGTERM. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createGrpcClient } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { openNote, parseCheckpoint, parseVerifierKey } from "@parley/tlog";
import { REPO_ROOT } from "@parley/testing";
import { toHex } from "@parley/codec";
import { AuthService } from "@parley/proto/parley/auth/v1/auth_pb";
import { Health, HealthCheckResponse_ServingStatus } from "@parley/proto/grpc/health/v1/health_pb";

interface LogLine {
  msg?: string;
  grpc?: string;
  http?: string;
  admin?: string;
  verifierKey?: string;
  issuerKeyId?: string;
}

test("npm start serves the key log (gRPC + tiles), the AS and the directory, and exits 0 on SIGTERM", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-start-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KEYLOG_DATA_DIR: join(dataDir, "keylog"),
      KEYLOG_GRPC_ADDR: "127.0.0.1:0",
      KEYLOG_HTTP_ADDR: "127.0.0.1:0",
      KEYLOG_ADMIN_ADDR: "127.0.0.1:0",
      AUTH_DATA_DIR: join(dataDir, "auth"),
      AUTH_GRPC_ADDR: "127.0.0.1:0",
      AUTH_HTTP_ADDR: "127.0.0.1:0",
      AUTH_ADMIN_ADDR: "127.0.0.1:0",
      DIRECTORY_DATA_DIR: join(dataDir, "directory"),
      DIRECTORY_GRPC_ADDR: "127.0.0.1:0",
      DIRECTORY_HTTP_ADDR: "127.0.0.1:0",
      DIRECTORY_ADMIN_ADDR: "127.0.0.1:0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    // Keep reading stdout to the end (closing the pipe early would make the child's later log
    // lines fail with EPIPE); resolve once the suite says it is ready.
    const lines: LogLine[] = [];
    await new Promise<void>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout });
      rl.on("line", (raw) => {
        const line = JSON.parse(raw) as LogLine;
        lines.push(line);
        if (line.msg === "parley ready") resolve();
      });
      child.once("exit", (code) => reject(new Error(`npm start exited early with ${String(code)}`)));
    });
    const started = lines.find((l) => l.msg === "keylog started");
    assert.ok(started?.grpc !== undefined && started.verifierKey !== undefined && started.http !== undefined);

    const client = createGrpcClient(KeyLogService, started.grpc);
    const cp = await client.getCheckpoint({});
    client.$close();
    const body = openNote(cp.checkpoint, [parseVerifierKey(started.verifierKey)]).body;
    assert.equal(parseCheckpoint(body).size, 0);

    const tiles = await fetch(`http://${started.http}/checkpoint`);
    assert.equal(tiles.status, 200);
    assert.equal(await tiles.text(), cp.checkpoint);

    // The AS answers with the issuer key it printed; the directory is SERVING and exports its metrics.
    const auth = lines.find((l) => l.msg === "auth started");
    assert.ok(auth?.grpc !== undefined && auth.issuerKeyId !== undefined);
    const authClient = createGrpcClient(AuthService, auth.grpc);
    const keys = await authClient.getIssuerKeys({});
    authClient.$close();
    assert.deepEqual(
      keys.keys.map((k) => toHex(k.keyId)),
      [auth.issuerKeyId],
    );
    const directory = lines.find((l) => l.msg === "directory started");
    assert.ok(directory?.grpc !== undefined && directory.admin !== undefined);
    const health = createGrpcClient(Health, directory.grpc);
    const status = await health.check({ service: "parley.directory.v1.DirectoryService" });
    health.$close();
    assert.equal(status.status, HealthCheckResponse_ServingStatus.SERVING);
    const metrics = await fetch(`http://${directory.admin}/metrics`);
    assert.match(await metrics.text(), /grpc_server_handled_total/);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
