/**
 * A loopback stack for the AS tests: a real key log and a real AS on ephemeral ports, an OIDC
 * issuer (JWKS file with one Ed25519 and one P-256 key) and helpers to mint ID tokens, codes and
 * client key pairs. Everything lives in one temp directory removed by `stop()`.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGrpcClient, createLogger, ed25519KeyFromSeed, type GrpcClient } from "@parley/kit";
import { loadKeylogConfig, startKeylog, type RunningKeylog } from "@parley/keylog";
import { CipherSuiteId, nodeProvider, type KeyPair } from "@parley/mls";
import { AuthService } from "@parley/proto/parley/auth/v1/auth_pb";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  loadAuthConfig,
  mintEnrollmentCode,
  readOrCreateSecret,
  startAuth,
  type RunningAuth,
} from "../src/index.js";

export const ISSUER = "https://id.test.parley";
export const AUDIENCE = "parley-auth";
export const ORIGIN = "test.parley/keylog";

export interface TestOidc {
  readonly ed25519: { readonly kid: string; readonly key: KeyObject };
  readonly p256: { readonly kid: string; readonly key: KeyObject };
}

export interface ClientKeys {
  readonly signatureScheme: number;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export interface Stack {
  readonly dir: string;
  readonly keylog: RunningKeylog;
  readonly auth: RunningAuth;
  readonly client: GrpcClient<typeof AuthService>;
  readonly log: GrpcClient<typeof KeyLogService>;
  readonly oidc: TestOidc;
  mintCode(userId: string, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

function b64url(value: object | Buffer): string {
  return (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString("base64url");
}

/** Mints a compact JWS ID token (RFC 7515 §7.1) with node:crypto: EdDSA or ES256 (P1363 R||S). */
export function mintIdToken(
  signer: { readonly kid: string; readonly key: KeyObject },
  alg: "EdDSA" | "ES256",
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64url({ alg, typ: "JWT", kid: signer.kid, ...header })}.${b64url(claims)}`;
  const sig =
    alg === "EdDSA"
      ? sign(null, Buffer.from(input), signer.key)
      : sign("sha256", Buffer.from(input), { key: signer.key, dsaEncoding: "ieee-p1363" });
  return `${input}.${b64url(sig)}`;
}

/** Standard claims for `sub`, valid for five minutes from now. */
export function claimsFor(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: AUDIENCE, sub, iat: now, exp: now + 300, ...extra };
}

export function clientKeys(kind: "ed25519" | "p256" = "ed25519"): ClientKeys {
  const suite = nodeProvider.suite(
    kind === "ed25519"
      ? CipherSuiteId.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519
      : CipherSuiteId.MLS_128_DHKEMP256_AES128GCM_SHA256_P256,
  );
  const pair: KeyPair = suite.generateSignatureKeyPair();
  return { signatureScheme: suite.signatureScheme, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

async function writeJwks(dir: string): Promise<{ path: string; oidc: TestOidc }> {
  const ed = generateKeyPairSync("ed25519");
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keys = [
    { ...ed.publicKey.export({ format: "jwk" }), kid: "ed-1", alg: "EdDSA" },
    { ...ec.publicKey.export({ format: "jwk" }), kid: "ec-1", alg: "ES256" },
  ];
  const path = join(dir, "jwks.json");
  await writeFile(path, JSON.stringify({ keys }));
  return {
    path,
    oidc: { ed25519: { kid: "ed-1", key: ed.privateKey }, p256: { kid: "ec-1", key: ec.privateKey } },
  };
}

export interface StackOptions {
  /** AS uses signed service tokens; `keylogTrustsAs` says whether the log is configured with its key. */
  readonly signed?: { readonly keylogTrustsAs: boolean };
  readonly authEnv?: Record<string, string>;
}

async function startLog(dir: string, serviceKeys?: string): Promise<RunningKeylog> {
  const config = loadKeylogConfig({
    KEYLOG_DATA_DIR: join(dir, "keylog"),
    KEYLOG_ORIGIN: ORIGIN,
    KEYLOG_GRPC_ADDR: "127.0.0.1:0",
    // Ephemeral ports throughout: test files run in parallel, and the defaults (7081, 7082) would collide.
    KEYLOG_HTTP_ADDR: "127.0.0.1:0",
    KEYLOG_ADMIN_ADDR: "127.0.0.1:0",
    KEYLOG_LOG_LEVEL: "error",
    KEYLOG_BATCH_INTERVAL_MS: "1",
    KEYLOG_SHUTDOWN_GRACE_MS: "200",
    ...(serviceKeys === undefined ? {} : { KEYLOG_APPEND_SERVICE_KEYS: serviceKeys }),
  });
  return startKeylog(config, createLogger({ service: "keylog-test", level: "error" }));
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), "auth-"));
  const jwks = await writeJwks(dir);
  const env = {
    AUTH_DATA_DIR: join(dir, "auth"),
    AUTH_GRPC_ADDR: "127.0.0.1:0",
    AUTH_HTTP_ADDR: "127.0.0.1:0",
    AUTH_ADMIN_ADDR: "127.0.0.1:0",
    AUTH_LOG_LEVEL: "error",
    AUTH_SHUTDOWN_GRACE_MS: "200",
    AUTH_OIDC_ISSUER: ISSUER,
    AUTH_OIDC_AUDIENCE: AUDIENCE,
    AUTH_OIDC_JWKS_FILE: jwks.path,
    AUTH_KEYLOG_TOKEN_FILE: join(dir, "keylog", "append-token"),
    ...(options.signed === undefined ? {} : { AUTH_KEYLOG_AUTH: "signed" }),
    ...options.authEnv,
  };
  // The service key must exist before the log starts when the log is to trust it.
  let serviceKeys: string | undefined;
  if (options.signed?.keylogTrustsAs === true) {
    const seed = await readOrCreateSecret(join(dir, "auth", "service-key"), "AUTH_SERVICE_KEY_FILE");
    serviceKeys = Buffer.from(ed25519KeyFromSeed(seed).publicKey).toString("base64url");
  }
  const keylog = await startLog(dir, serviceKeys);
  let auth: RunningAuth;
  try {
    auth = await startAuth(
      loadAuthConfig({
        ...env,
        AUTH_KEYLOG_ADDR: keylog.server.grpcAddress,
        AUTH_KEYLOG_VERIFIER_KEY: keylog.verifierKey,
      }),
      { logger: createLogger({ service: "auth-test", level: "error" }) },
    );
  } catch (err) {
    // A running log would keep the test process alive after the failed hook.
    await keylog.server.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const client = createGrpcClient(AuthService, auth.server.grpcAddress);
  const log = createGrpcClient(KeyLogService, keylog.server.grpcAddress);
  return {
    dir,
    keylog,
    auth,
    client,
    log,
    oidc: jwks.oidc,
    mintCode: async (userId, ttl = 600) => {
      const key = await readOrCreateSecret(join(dir, "auth", "code-key"), "AUTH_CODE_KEY_FILE");
      return mintEnrollmentCode(key, userId, Math.floor(Date.now() / 1000) + ttl);
    },
    stop: async () => {
      client.$close();
      log.$close();
      await auth.server.stop();
      await keylog.server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Re-exported so the suites import their helpers from one place. */
export { statusOf } from "@parley/testing";
