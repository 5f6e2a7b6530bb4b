/**
 * bench:directory — publish and claim rates of the KeyPackage directory over gRPC, with real,
 * valid KeyPackages: 1,000 clients × 100 one-time KeyPackages (plus one last resort each), then
 * 32 concurrent claimers. The server runs in its own process with synced writes, as deployed.
 * `--quick`: 50 clients × 20. Writes bench/results/directory.json.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { toHex } from "@parley/codec";
import { createGrpcClient } from "@parley/kit";
import { nodeProvider } from "@parley/mls";
import { ClaimStatus, DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { SUITE, generateClients, type BenchClient } from "./generate.js";
import { serverCpuSeconds, spawnDirectory } from "./server.js";
import { saveResults } from "../lib/results.js";
import { claimUser, publish } from "./signed-client.js";

const quick = process.argv.includes("--quick");
/** `--profile-server=<dir>`: the server writes a V8 CPU profile there when it stops. */
const profileDir = process.argv.find((a) => a.startsWith("--profile-server="))?.split("=")[1];
const CLIENTS = quick ? 50 : 1000;
const PER_CLIENT = quick ? 20 : 100;
const CONCURRENCY = 32;
const CLAIMS = quick ? 500 : 20_000;
/** grpc-js channels the load is spread over (one HTTP/2 connection each). */
const CHANNELS = 4;

type Grpc = ReturnType<typeof createGrpcClient<typeof DirectoryService>>;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `total` calls from `CONCURRENCY` loops; returns wall seconds and per-call latencies (ms). */
async function drive(total: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function publishAll(channels: Grpc[], clients: readonly BenchClient[]) {
  let accepted = 0;
  const run = await drive(clients.length, async (i) => {
    const c = clients[i];
    if (c === undefined) return;
    const res = await publish(channels[i % CHANNELS] ?? channels[0] ?? fail(), c);
    for (const r of res.results) {
      if (!r.accepted) throw new Error(`KeyPackage rejected: ${r.message}`);
      accepted++;
    }
  });
  return { ...run, accepted };
}

async function claimMany(channels: Grpc[], clients: readonly BenchClient[]) {
  const seen = new Set<string>();
  const counts = { claimed: 0, lastResort: 0, exhausted: 0, duplicates: 0 };
  const run = await drive(CLAIMS, async (i) => {
    const claimer = clients[i % clients.length];
    const target = clients[Math.floor(Math.random() * clients.length)];
    if (claimer === undefined || target === undefined) return;
    const res = await claimUser(channels[i % CHANNELS] ?? fail(), claimer, target.userId);
    for (const r of res.results) {
      if (r.status === ClaimStatus.CLAIMED) {
        const ref = toHex(r.keyPackageRef);
        if (seen.has(ref)) counts.duplicates++;
        seen.add(ref);
        counts.claimed++;
      } else if (r.status === ClaimStatus.LAST_RESORT) counts.lastResort++;
      else counts.exhausted++;
    }
  });
  return { ...run, ...counts };
}

function fail(): never {
  throw new Error("no channel");
}

const issuer = {
  keyId: new TextEncoder().encode("bench-as"),
  ...nodeProvider.suite(SUITE).generateSignatureKeyPair(),
};
const genStart = performance.now();
const clients = await generateClients(CLIENTS, PER_CLIENT, issuer, Date.now());
const generateSeconds = (performance.now() - genStart) / 1000;
const keyPackages = CLIENTS * (PER_CLIENT + 1);
console.log(`generated ${keyPackages} KeyPackages in ${generateSeconds.toFixed(1)} s`);

const dir = await mkdtemp(join(tmpdir(), "bench-directory-"));
const server = await spawnDirectory(
  {
    DIRECTORY_DATA_DIR: dir,
    DIRECTORY_GRPC_ADDR: "127.0.0.1:0",
    DIRECTORY_HTTP_ADDR: "127.0.0.1:0",
    DIRECTORY_ADMIN_ADDR: "127.0.0.1:0",
    DIRECTORY_TRUSTED_ISSUERS: `${toHex(issuer.keyId)}:${toHex(issuer.publicKey)}`,
    DIRECTORY_SYNC_WRITES: "true",
  },
  profileDir,
);
const channels = Array.from({ length: CHANNELS }, () =>
  createGrpcClient(DirectoryService, server.grpcAddress, {
    channelOptions: { "grpc.use_local_subchannel_pool": 1 },
  }),
);
try {
  const cpu0 = await serverCpuSeconds(server.adminAddress);
  const published = await publishAll(channels, clients);
  console.log(`published ${published.accepted} in ${published.seconds.toFixed(1)} s`);
  const cpu1 = await serverCpuSeconds(server.adminAddress);
  const claimed = await claimMany(channels, clients);
  const cpu2 = await serverCpuSeconds(server.adminAddress);
  if (claimed.duplicates > 0) throw new Error(`${claimed.duplicates} KeyPackages were handed out twice`);
  const result = {
    clients: CLIENTS,
    keyPackagesPerClient: PER_CLIENT,
    keyPackages,
    generateSeconds,
    generatePerSec: keyPackages / generateSeconds,
    publishKeyPackagesPerSec: published.accepted / published.seconds,
    publishRequestsPerSec: CLIENTS / published.seconds,
    publishP50Ms: published.p50Ms,
    publishP99Ms: published.p99Ms,
    publishServerCpuPercent: (100 * (cpu1 - cpu0)) / published.seconds,
    /** Server CPU per stored KeyPackage: steadier than rates on a shared machine. */
    publishServerCpuMsPerKeyPackage: (1000 * (cpu1 - cpu0)) / published.accepted,
    concurrentClaimers: CONCURRENCY,
    claims: CLAIMS,
    claimsPerSec: CLAIMS / claimed.seconds,
    claimP50Ms: claimed.p50Ms,
    claimP99Ms: claimed.p99Ms,
    claimServerCpuPercent: (100 * (cpu2 - cpu1)) / claimed.seconds,
    claimServerCpuMsPerClaim: (1000 * (cpu2 - cpu1)) / CLAIMS,
    claimedOneTime: claimed.claimed,
    claimedLastResort: claimed.lastResort,
    duplicatesHandedOut: claimed.duplicates,
    syncWrites: true,
    loadAverage1m: loadavg()[0],
    quick,
  };
  await saveResults("directory", result);
} finally {
  for (const c of channels) c.$close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
