/**
 * The log auditor against an in-process C2SP tile server built from tlog's own MemoryTiles:
 * an honest growing log passes run after run; forks, rollbacks, rewritten entries and forged
 * signatures each fail with the matching report and leave the remembered state untouched.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  MemoryTiles,
  decodeEntryBundle,
  ed25519SignerFromKey,
  formatCheckpoint,
  generateEd25519SignerKey,
  parseTilePath,
  signNote,
  type NoteSigner,
} from "@parley/tlog";
import { auditLog, type AuditReport } from "../src/index.js";

const ORIGIN = "example.com/audited";
const signer = ed25519SignerFromKey(generateEd25519SignerKey(ORIGIN));
const impostor = ed25519SignerFromKey(generateEd25519SignerKey(ORIGIN));

/** What the server currently publishes: a tree view at some size, and optional tampering. */
interface Published {
  tiles: MemoryTiles;
  checkpoint: string;
  rewrite?: { bundle: number; bytes: Uint8Array };
  /** Replaces one resource's bytes, by path. */
  override?: { path: string; bytes: Uint8Array };
}

function buildLog(count: number, label: (i: number) => string): MemoryTiles {
  const log = new MemoryTiles();
  for (let i = 0; i < count; i++) log.append(new TextEncoder().encode(label(i)));
  return log;
}

async function publish(tiles: MemoryTiles, by: NoteSigner = signer): Promise<Published> {
  const body = formatCheckpoint({ origin: ORIGIN, size: tiles.size, rootHash: tiles.root(), extensions: [] });
  return { tiles, checkpoint: await signNote(body, [by]) };
}

async function withServer(run: (url: string, serve: (p: Published) => void) => Promise<void>): Promise<void> {
  let current: Published | undefined;
  /** Serves the published view; partial tiles and bundles are served only at widths that exist. */
  const respond = async (path: string): Promise<[number, Uint8Array | string]> => {
    if (current === undefined) return [503, "nothing published"];
    if (path === "checkpoint") return [200, current.checkpoint];
    if (current.override?.path === path) return [200, current.override.bytes];
    try {
      const parsed = parseTilePath(path);
      if (parsed.kind === "hash")
        return [200, await current.tiles.readTile(parsed.level, parsed.index, parsed.width)];
      const rewrite = current.rewrite?.bundle === parsed.index ? current.rewrite.bytes : undefined;
      return [200, rewrite ?? current.tiles.readEntries(parsed.index, parsed.width)];
    } catch {
      return [404, "not found"];
    }
  };
  const server = createServer((req, res) => {
    void respond((req.url ?? "/").slice(1)).then(([status, body]) => res.writeHead(status).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}/`, (p) => (current = p));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function stateDir(): { path: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "parley-audit-"));
  return {
    path: join(dir, "nested", "audit.json"),
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function expectOk(report: AuditReport, size: number): void {
  assert.ok(report.ok, report.ok ? "" : `${report.problem.kind}: ${report.problem.message}`);
  assert.equal(report.size, size);
}

function expectProblem(report: AuditReport, kind: string): void {
  assert.ok(!report.ok, "audit unexpectedly succeeded");
  assert.equal(report.problem.kind, kind, report.problem.message);
}

test("an honest log growing over several runs passes each audit", async () => {
  const state = stateDir();
  try {
    await withServer(async (url, serve) => {
      const audit = () => auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: state.path });
      const log = new MemoryTiles();
      let previous = 0;
      for (const size of [0, 5, 300, 300, 301, 1000, 66_000]) {
        while (log.size < size) log.append(new TextEncoder().encode(`entry ${log.size}`));
        serve(await publish(log));
        const report = await audit();
        expectOk(report, size);
        if (report.ok) {
          assert.equal(report.previousSize, previous);
          assert.equal(report.entriesVerified, size - previous);
        }
        previous = size;
      }
      const saved = JSON.parse(readFileSync(state.path, "utf8")) as { size: number; checkpoint: string };
      assert.equal(saved.size, 66_000);
      assert.ok(saved.checkpoint.includes("\n66000\n"));
    });
  } finally {
    state.done();
  }
});

test("a forked log is caught as a split view, a shrinking log as a rollback", async () => {
  const state = stateDir();
  try {
    await withServer(async (url, serve) => {
      const audit = () => auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: state.path });
      const honest = buildLog(300, (i) => `entry ${i}`);
      const fork = buildLog(300, (i) => (i < 150 ? `entry ${i}` : `forked ${i}`));
      const at = async (tree: MemoryTiles, size: number) => publish(buildPrefix(tree, size));
      serve(await at(honest, 280));
      expectOk(await audit(), 280);
      const before = readFileSync(state.path, "utf8");
      serve(await at(fork, 300));
      expectProblem(await audit(), "split-view");
      serve(await at(fork, 280));
      expectProblem(await audit(), "split-view");
      serve(await at(honest, 200));
      expectProblem(await audit(), "size-rollback");
      serve({ ...(await at(honest, 300)), override: { path: "tile/0/001.p/44", bytes: new Uint8Array(3) } });
      expectProblem(await audit(), "tile-mismatch");
      assert.equal(readFileSync(state.path, "utf8"), before, "state must not change after a failed audit");
      serve(await at(honest, 300));
      expectOk(await audit(), 300);
    });
  } finally {
    state.done();
  }
});

/** A fresh MemoryTiles holding the first `size` entries of `tree` (a log's earlier view). */
function buildPrefix(tree: MemoryTiles, size: number): MemoryTiles {
  const out = new MemoryTiles();
  const bundles = Math.ceil(size / 256);
  for (let n = 0; n < bundles; n++) {
    const width = Math.min(256, size - n * 256);
    for (const entry of decodeEntryBundle(tree.readEntries(n, width))) out.append(entry);
  }
  return out;
}

test("a rewritten entry, a forged signature and a tampered checkpoint each fail with their report", async () => {
  const state = stateDir();
  try {
    await withServer(async (url, serve) => {
      const audit = () => auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: state.path });
      const log = buildLog(600, (i) => `entry ${i}`);
      const rewritten = buildLog(600, (i) => (i === 300 ? "evil 300" : `entry ${i}`));
      serve({ ...(await publish(log)), rewrite: { bundle: 1, bytes: rewritten.readEntries(1, 256) } });
      const report = await audit();
      expectProblem(report, "rewritten-entry");
      assert.equal(report.ok ? -1 : report.problem.index, 300);
      serve({ ...(await publish(log)), rewrite: { bundle: 2, bytes: log.readEntries(2, 87) } });
      expectProblem(await audit(), "bad-bundle");
      serve(await publish(log, impostor));
      expectProblem(await audit(), "bad-signature");
      const honest = await publish(log);
      serve({ ...honest, checkpoint: honest.checkpoint.replace("\n600\n", "\n601\n") });
      expectProblem(await audit(), "bad-signature");
      serve({ ...honest, checkpoint: "not a note" });
      expectProblem(await audit(), "malformed-checkpoint");
      assert.throws(() => readFileSync(state.path), /ENOENT/);
      serve(honest);
      expectOk(await audit(), 600);
    });
  } finally {
    state.done();
  }
});

test("a signed root that the entries do not hash to, a missing tile and a damaged state file are reported", async () => {
  const state = stateDir();
  try {
    await withServer(async (url, serve) => {
      const audit = () => auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: state.path });
      const log = buildLog(40, (i) => `entry ${i}`);
      const body = formatCheckpoint({
        origin: ORIGIN,
        size: 40,
        rootHash: new Uint8Array(32),
        extensions: [],
      });
      serve({ tiles: log, checkpoint: await signNote(body, [signer]) });
      expectProblem(await audit(), "root-mismatch");
      const short = await publish(buildLog(30, (i) => `entry ${i}`));
      serve({ ...short, checkpoint: (await publish(log)).checkpoint });
      expectProblem(await audit(), "fetch-failed");
    });
    const broken = stateDir();
    try {
      await withServer(async (url, serve) => {
        serve(await publish(buildLog(3, (i) => `e${i}`)));
        expectOk(
          await auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: broken.path }),
          3,
        );
        const text = readFileSync(broken.path, "utf8").replace(/"size": 3/, '"size": 2');
        writeFileSync(broken.path, text);
        expectProblem(
          await auditLog({ baseUrl: url, verifierKey: signer.verifierKey, statePath: broken.path }),
          "state-corrupt",
        );
      });
    } finally {
      broken.done();
    }
  } finally {
    state.done();
  }
});

const CLI = fileURLToPath(new URL("../src/cli/audit.ts", import.meta.url));
const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test("the audit CLI exits 0 when consistent, 1 with a report on inconsistency, 2 on usage errors", async () => {
  const state = stateDir();
  try {
    await withServer(async (url, serve) => {
      serve(await publish(buildLog(10, (i) => `entry ${i}`)));
      const args = ["--url", url, "--vkey", signer.verifierKey, "--state", state.path];
      const ok = await cli(args);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^OK example.com\/audited: size 0 → 10/);
      serve(await publish(buildLog(12, (i) => `other ${i}`)));
      const bad = await cli([...args, "--json"]);
      assert.equal(bad.code, 1, bad.stderr);
      assert.equal((JSON.parse(bad.stdout) as { problem: { kind: string } }).problem.kind, "split-view");
      const usage = await Promise.all([
        cli(["--url", url]),
        cli(["--url", url, "--vkey", "nonsense", "--state", state.path]),
      ]);
      assert.deepEqual(
        usage.map((u) => u.code),
        [2, 2],
      );
    });
  } finally {
    state.done();
  }
});
