import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { bytesEqual } from "@parley/codec";
import { createGrpcClient, type GrpcClient } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  ed25519SignerFromKey,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  type Checkpoint,
} from "@parley/tlog";
import { recoverLog } from "../src/sequencer/recover.js";
import { LogStore } from "../src/store/log-store.js";
import { checkLog } from "./check-log.js";
import { sampleEntry } from "./fixtures.js";
import { testEnv, TEST_ORIGIN } from "./harness.js";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;

interface Child {
  readonly proc: ChildProcess;
  readonly grpcAddress: string;
  readonly adminAddress: string;
  readonly verifierKey: string;
}

/** Spawns `node --import tsx services/keylog/src/main.ts` and waits for its "listening" JSON line. */
export async function spawnKeylog(dataDir: string, extra: Record<string, string> = {}): Promise<Child> {
  const env = { ...process.env, ...testEnv(dataDir, { KEYLOG_LOG_LEVEL: "info", ...extra }) };
  const proc = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: proc.stdout ?? process.stdin });
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error("keylog did not report listening within 30 s"));
    }, 30_000);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`keylog exited with ${code} before listening`));
    });
    lines.on("line", (line) => {
      const rec = JSON.parse(line) as {
        msg?: string;
        grpcAddress?: string;
        adminAddress?: string;
        verifierKey?: string;
      };
      if (rec.msg === "keylog listening" && rec.grpcAddress !== undefined && rec.verifierKey !== undefined) {
        clearTimeout(timer);
        const adminAddress = rec.adminAddress ?? "";
        resolve({ proc, grpcAddress: rec.grpcAddress, adminAddress, verifierKey: rec.verifierKey });
      }
    });
  });
}

function killHard(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) return resolve();
    child.proc.once("exit", () => resolve());
    child.proc.kill("SIGKILL");
  });
}

/** What clients were told: every acknowledged entry and every checkpoint ever returned. */
class Witness {
  readonly acked = new Map<number, Uint8Array>();
  readonly checkpoints: Checkpoint[] = [];
  next = 0;

  constructor(readonly verifierKey: string) {}

  open(note: string): Checkpoint {
    return parseCheckpoint(openNote(note, [parseVerifierKey(this.verifierKey)]).body);
  }
}

/** Appends until `stop` is set; failures (the server being killed) just end the worker. */
async function appendWorker(
  client: GrpcClient<typeof KeyLogService>,
  token: string,
  w: Witness,
  stop: () => boolean,
) {
  const auth = { headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000 };
  while (!stop()) {
    const n = 1 + (w.next % 8);
    const entries = Array.from({ length: n }, () => sampleEntry(w.next++));
    let res;
    try {
      res = await client.append({ entries }, auth);
    } catch {
      return;
    }
    w.checkpoints.push(w.open(res.checkpoint));
    for (const e of res.entries) w.acked.set(Number(e.index), e.leafHash);
  }
}

/** After a restart: nothing acknowledged is lost and every earlier checkpoint is consistent with the new one. */
async function verifyAfterRestart(client: GrpcClient<typeof KeyLogService>, w: Witness): Promise<Checkpoint> {
  const cp = w.open((await client.getCheckpoint({})).checkpoint);
  const hashes: Uint8Array[] = [];
  while (hashes.length < cp.size) {
    const page = await client.getEntries({ start: BigInt(hashes.length), end: BigInt(cp.size) });
    hashes.push(...page.entries.map((e) => leafHash(e)));
  }
  for (const [index, hash] of w.acked) {
    assert.ok(bytesEqual(hashes[index] ?? new Uint8Array(), hash), `acknowledged entry ${index} is present`);
  }
  for (const old of w.checkpoints) {
    assert.ok(old.size <= cp.size, `checkpoint size ${old.size} never goes backwards (now ${cp.size})`);
    if (old.size === 0) continue;
    const p = await client.getConsistencyProof({ firstSize: BigInt(old.size), secondSize: BigInt(cp.size) });
    verifyConsistency(old.size, cp.size, p.proof, old.rootHash, cp.rootHash);
  }
  return cp;
}

/** The recovery a restart performs, done in-process on the dead server's files, then the full invariant. */
async function recoverAndCheck(dataDir: string, verifierKey: string): Promise<void> {
  const signer = ed25519SignerFromKey((await readFile(join(dataDir, "signing-key"), "utf8")).trim());
  const store = await LogStore.open({ path: join(dataDir, "db"), tileCacheTiles: 64 });
  try {
    await recoverLog(store, TEST_ORIGIN, signer);
    await checkLog(store, verifierKey, TEST_ORIGIN);
  } finally {
    await store.close();
  }
}

export interface CrashRunResult {
  readonly kills: number;
  readonly acknowledged: number;
  readonly checkpoints: number;
  readonly finalSize: number;
}

/**
 * Sustained concurrent appends against a child-process key log killed with SIGKILL at random
 * moments `kills` times; after each kill the store is recovered and checked, and after each
 * restart every acknowledgement and checkpoint clients saw is re-verified against the new log.
 */
export async function runCrashTest(dataDir: string, kills: number, workers = 8): Promise<CrashRunResult> {
  let w: Witness | undefined;
  let finalSize = 0;
  for (let round = 0; round <= kills; round++) {
    const child = await spawnKeylog(dataDir, { KEYLOG_ENTRIES_PAGE_LIMIT: "10000" });
    const client = createGrpcClient(KeyLogService, child.grpcAddress);
    try {
      w ??= new Witness(child.verifierKey);
      assert.equal(child.verifierKey, w.verifierKey, "the log key survives restarts");
      finalSize = (await verifyAfterRestart(client, w)).size;
      if (round === kills) break;
      const token = (await readFile(join(dataDir, "append-token"), "utf8")).trim();
      let stopped = false;
      const running = Array.from({ length: workers }, () =>
        appendWorker(client, token, w ?? new Witness(""), () => stopped),
      );
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
      await killHard(child);
      stopped = true;
      await Promise.all(running);
    } finally {
      client.$close();
      await killHard(child);
    }
    await recoverAndCheck(dataDir, w.verifierKey);
  }
  return { kills, acknowledged: w?.acked.size ?? 0, checkpoints: w?.checkpoints.length ?? 0, finalSize };
}
