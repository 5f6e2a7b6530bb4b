/**
 * The crypto pool (packages/mls/src/crypto/parallel) against the calling thread, node provider, suite 1:
 * - 20,000 X25519 HPKE seals (EncryptWithLabel-sized: a 32-byte path secret, RFC 9420 §7.6) and 5,000
 *   Ed25519 VerifyWithLabel checks, each timed in one thread and through the pool (wall time, workers warm);
 * - the worker start-up time (`warmUp`), paid once per process;
 * - the break-even batch size: small batches in-thread vs forced through the pool, which is how
 *   `DEFAULT_MIN_PARALLEL_ITEMS` was chosen.
 * Run: `npx tsx bench/mls-crypto/parallel.ts` (writes bench/results/mls-parallel.json). Wall time is what
 * matters here; on the shared 2-core machine, record `uptime` with the numbers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeProvider, signWithLabel } from "../../packages/mls/src/crypto/index.js";
import { mlsLabelledContent } from "../../packages/mls/src/crypto/label-encoding.js";
import { CryptoPool } from "../../packages/mls/src/crypto/parallel/index.js";
import type { HpkeSealItem, VerifyWithLabelItem } from "../../packages/mls/src/crypto/parallel/index.js";

const SUITE = 1;
const cs = nodeProvider.suite(SUITE);

function sealItems(n: number): HpkeSealItem[] {
  const keys = Array.from({ length: 16 }, () => cs.hpke.generateKeyPair().publicKey);
  // EncryptWithLabel's HPKE info is EncryptContext{label, context} (RFC 9420 §5.1.3).
  const info = mlsLabelledContent("UpdatePathNode", nodeProvider.randomBytes(120));
  return Array.from({ length: n }, (_, i) => ({
    publicKey: keys[i % keys.length] ?? new Uint8Array(32),
    info,
    aad: new Uint8Array(0),
    plaintext: nodeProvider.randomBytes(32),
  }));
}

function verifyItems(n: number): VerifyWithLabelItem[] {
  const signers = Array.from({ length: 16 }, () => cs.generateSignatureKeyPair());
  return Array.from({ length: n }, (_, i) => {
    const s = signers[i % signers.length] ?? cs.generateSignatureKeyPair();
    const content = nodeProvider.randomBytes(200);
    return {
      publicKey: s.publicKey,
      label: "LeafNodeTBS",
      content,
      signature: signWithLabel(cs, s.privateKey, "LeafNodeTBS", content),
    };
  });
}

async function time<T>(run: () => Promise<T> | T): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
}

async function breakEven(inThread: CryptoPool, forced: CryptoPool): Promise<Record<string, number>[]> {
  const rows: Record<string, number>[] = [];
  for (const n of [1, 2, 4, 8, 16, 32]) {
    const items = sealItems(n);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < 15; r++) {
      a.push(await time(() => inThread.hpkeSealMany(SUITE, items)));
      b.push(await time(() => forced.hpkeSealMany(SUITE, items)));
    }
    rows.push({ items: n, inThreadMs: median(a), poolMs: median(b) });
  }
  return rows;
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const inThread = new CryptoPool({ minParallelItems: Number.MAX_SAFE_INTEGER });
  const pool = new CryptoPool();
  const forced = new CryptoPool({ minParallelItems: 1 });
  const warmUpMs = await time(() => pool.warmUp());
  await forced.warmUp();
  const seals = sealItems(20_000);
  const verifies = verifyItems(5_000);
  const result = {
    benchmark: "mls-parallel",
    date: new Date().toISOString(),
    node: process.version,
    loadAverage1m: load,
    workers: pool.size,
    warmUpMs,
    hpkeSeal20k: {
      singleThreadMs: await time(() => inThread.hpkeSealMany(SUITE, seals)),
      poolMs: await time(() => pool.hpkeSealMany(SUITE, seals)),
    },
    verify5k: {
      singleThreadMs: await time(() => inThread.verifyWithLabelMany(SUITE, verifies)),
      poolMs: await time(() => pool.verifyWithLabelMany(SUITE, verifies)),
    },
    breakEven: await breakEven(inThread, forced),
  };
  await Promise.all([inThread.close(), pool.close(), forced.close()]);
  console.log(JSON.stringify(result, null, 2));
  const out = join(dirname(fileURLToPath(import.meta.url)), "..", "results", "mls-parallel.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}

await main();
