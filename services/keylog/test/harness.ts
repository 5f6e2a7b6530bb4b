import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGrpcClient, createLogger, type GrpcClient } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { loadKeylogConfig, startKeylog, type RunningKeylog } from "../src/index.js";

export const TEST_ORIGIN = "test.parley/keylog";

/** A throw-away data directory, removed by the returned function. */
export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "keylog-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Environment for a loopback key log on ephemeral ports. */
export function testEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    KEYLOG_DATA_DIR: dataDir,
    KEYLOG_ORIGIN: TEST_ORIGIN,
    KEYLOG_GRPC_ADDR: "127.0.0.1:0",
    KEYLOG_HTTP_ADDR: "127.0.0.1:0",
    KEYLOG_ADMIN_ADDR: "127.0.0.1:0",
    KEYLOG_LOG_LEVEL: "error",
    KEYLOG_BATCH_INTERVAL_MS: "2",
    KEYLOG_SHUTDOWN_GRACE_MS: "2000",
    ...extra,
  };
}

export interface TestKeylog {
  readonly keylog: RunningKeylog;
  readonly client: GrpcClient<typeof KeyLogService>;
  /** `authorization` metadata carrying the real append token. */
  readonly auth: { headers: Record<string, string> };
  readonly httpBase: string;
  stop(): Promise<void>;
}

/** Starts an in-process key log and a grpc-js client for it. */
export async function startTestKeylog(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<TestKeylog> {
  const config = loadKeylogConfig(testEnv(dataDir, extra));
  const keylog = await startKeylog(config, createLogger({ service: "keylog-test", level: "error" }));
  const client = createGrpcClient(KeyLogService, keylog.server.grpcAddress);
  const token = (await readFile(config.appendTokenFile, "utf8")).trim();
  return {
    keylog,
    client,
    auth: { headers: { authorization: `Bearer ${token}` } },
    httpBase: `http://${keylog.server.httpAddress ?? ""}`,
    stop: async () => {
      client.$close();
      await keylog.server.stop();
    },
  };
}

/** The gRPC status code carried by a grpc-js client error. */
export function statusCode(err: unknown): number {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "number")
    return err.code;
  throw err;
}

/** The gRPC status code of a rejected call (grpc-js ServiceError). */
export async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    return statusCode(err);
  }
  throw new Error("call succeeded but an error status was expected");
}
