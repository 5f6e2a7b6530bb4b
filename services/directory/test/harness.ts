import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { toHex } from "@parley/codec";
import { signedHeaders } from "@parley/client";
import { issueParleyCredential, type ParleyIssuer } from "@parley/identity";
import { createGrpcClient, createLogger, type GrpcClient } from "@parley/kit";
import {
  CipherSuiteId,
  createKeyPackage,
  nodeProvider,
  type CreatedKeyPackage,
  type CreateKeyPackageInput,
  type Credential,
  type KeyPair,
} from "@parley/mls";
import { DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { loadDirectoryConfig, startDirectory, type RunningDirectory } from "../src/index.js";

export const SUITE = CipherSuiteId.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;

/** Any DirectoryService method descriptor: what a signed request names and serialises its body by. */
export type DirectoryMethod = (typeof DirectoryService.method)[keyof typeof DirectoryService.method];

/** A test Authentication Service: an Ed25519 issuer key and the trust map relying parties need. */
export function testIssuer(name = "test-as"): ParleyIssuer & { trustValue: string } {
  const pair = nodeProvider.suite(SUITE).generateSignatureKeyPair();
  const keyId = new TextEncoder().encode(name);
  return { keyId, privateKey: pair.privateKey, trustValue: `${toHex(keyId)}:${toHex(pair.publicKey)}` };
}

/** A settable clock, epoch ms. */
export class TestClock {
  constructor(public ms = Date.UTC(2030, 0, 1)) {}
  readonly now = (): number => this.ms;
  get seconds(): number {
    return Math.floor(this.ms / 1000);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface TestDirectory {
  readonly directory: RunningDirectory;
  readonly grpc: GrpcClient<typeof DirectoryService>;
  readonly clock: TestClock;
  readonly issuer: ReturnType<typeof testIssuer>;
  stop(): Promise<void>;
}

export async function startTestDirectory(extra: Record<string, string> = {}): Promise<TestDirectory> {
  const dir = await mkdtemp(join(tmpdir(), "directory-"));
  const issuer = testIssuer();
  const clock = new TestClock();
  const config = loadDirectoryConfig({
    DIRECTORY_DATA_DIR: dir,
    DIRECTORY_GRPC_ADDR: "127.0.0.1:0",
    DIRECTORY_HTTP_ADDR: "127.0.0.1:0",
    DIRECTORY_ADMIN_ADDR: "127.0.0.1:0",
    DIRECTORY_LOG_LEVEL: "error",
    DIRECTORY_SHUTDOWN_GRACE_MS: "2000",
    DIRECTORY_SYNC_WRITES: "false",
    DIRECTORY_TRUSTED_ISSUERS: issuer.trustValue,
    ...extra,
  });
  const logger = createLogger({ service: "directory-test", level: "error" });
  const directory = await startDirectory(config, { logger, now: clock.now });
  const grpc = createGrpcClient(DirectoryService, directory.server.grpcAddress);
  return {
    directory,
    grpc,
    clock,
    issuer,
    stop: async () => {
      grpc.$close();
      await directory.server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  readonly suite?: number;
  /** Credential expiry, unix seconds; default a year from the test clock. */
  readonly notAfter?: number;
  readonly issuer?: ParleyIssuer;
  /** An existing key pair and credential instead of fresh ones. */
  readonly identity?: { keyPair: KeyPair; credential: Credential };
  readonly grpc?: GrpcClient<typeof DirectoryService>;
}

/** A device with a Parley credential, signing its requests to the directory. */
export class TestClient {
  readonly keyPair: KeyPair;
  readonly credential: Credential;
  readonly clientId: Uint8Array;
  readonly suite: number;
  readonly grpc: GrpcClient<typeof DirectoryService>;

  constructor(
    readonly t: TestDirectory,
    readonly userId: string,
    readonly name: string,
    opts: ClientOptions = {},
  ) {
    this.clientId = new TextEncoder().encode(name);
    this.suite = opts.suite ?? SUITE;
    this.grpc = opts.grpc ?? t.grpc;
    const cs = nodeProvider.suite(this.suite);
    this.keyPair = opts.identity?.keyPair ?? cs.generateSignatureKeyPair();
    this.credential =
      opts.identity?.credential ??
      issueParleyCredential(
        {
          userId,
          clientId: this.clientId,
          signatureScheme: cs.signatureScheme,
          signatureKey: this.keyPair.publicKey,
          notBefore: t.clock.seconds - 86400,
          notAfter: opts.notAfter ?? t.clock.seconds + 365 * 86400,
        },
        opts.issuer ?? t.issuer,
      );
  }

  /** The same device calling over another channel. */
  over(grpc: GrpcClient<typeof DirectoryService>): TestClient {
    const identity = { keyPair: this.keyPair, credential: this.credential };
    return new TestClient(this.t, this.userId, this.name, { suite: this.suite, identity, grpc });
  }

  /** This device's key presenting another credential (impersonation tests). */
  withCredential(credential: Credential): TestClient {
    const identity = { keyPair: this.keyPair, credential };
    return new TestClient(this.t, this.userId, this.name, { suite: this.suite, identity });
  }

  get ref(): { userId: string; clientId: Uint8Array } {
    return { userId: this.userId, clientId: this.clientId };
  }

  /** A valid KeyPackage of this client (overrides for negative tests). */
  keyPackage(overrides: Partial<CreateKeyPackageInput> = {}): CreatedKeyPackage {
    return createKeyPackage({
      provider: nodeProvider,
      cipherSuite: this.suite,
      credential: this.credential,
      signatureKeyPair: this.keyPair,
      now: new Date(this.t.clock.ms),
      lifetimeSeconds: 7 * 86400,
      ...overrides,
    });
  }

  /** Signed-request metadata for `method` with `request` (exposed for replay tests). */
  headers<M extends DirectoryMethod>(method: M, request: MessageInitShape<M["input"]>, at?: number) {
    const keys = { ...this.keyPair, signatureScheme: nodeProvider.suite(this.suite).signatureScheme };
    return signedHeaders(method, request, this.credential, keys, new Date(at ?? this.t.clock.ms));
  }

  publish(messages: readonly Uint8Array[]) {
    const req = { keyPackages: [...messages] };
    const headers = this.headers(DirectoryService.method.publishKeyPackages, req);
    return this.grpc.publishKeyPackages(req, { headers });
  }

  claimUser(userId: string, suite: number = SUITE) {
    const req = { target: { case: "userId" as const, value: userId }, cipherSuite: suite };
    const headers = this.headers(DirectoryService.method.claimKeyPackages, req);
    return this.grpc.claimKeyPackages(req, { headers });
  }

  claimClients(clients: readonly { userId: string; clientId: Uint8Array }[], suite: number = SUITE) {
    const req = {
      target: { case: "clients" as const, value: { clients: [...clients] } },
      cipherSuite: suite,
    };
    const headers = this.headers(DirectoryService.method.claimKeyPackages, req);
    return this.grpc.claimKeyPackages(req, { headers });
  }

  status() {
    const headers = this.headers(DirectoryService.method.getKeyPackageStatus, {});
    return this.grpc.getKeyPackageStatus({}, { headers });
  }

  delete(refs: readonly Uint8Array[], all = false) {
    const req = { keyPackageRefs: [...refs], all };
    const headers = this.headers(DirectoryService.method.deleteKeyPackages, req);
    return this.grpc.deleteKeyPackages(req, { headers });
  }

  lookup(ref: Uint8Array) {
    const req = { keyPackageRef: ref };
    const headers = this.headers(DirectoryService.method.lookupKeyPackageRef, req);
    return this.grpc.lookupKeyPackageRef(req, { headers });
  }
}

/** Re-exported so the suites import their helpers from one place. */
export { statusOf } from "@parley/testing";
