/**
 * The worker-thread crypto pool: batches give what the single-item calls give (workers' ciphertexts open
 * with both providers, verdicts match), failures name the operation and item, and a pool never keeps the
 * process alive. Worker start-up transpiles the library through tsx, so the pools here are few and shared.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bytesEqual } from "@parley/codec";
import {
  decryptWithLabel,
  nobleProvider,
  nodeProvider,
  signWithLabel,
  verifyWithLabel,
  type CryptoProvider,
} from "../src/crypto/index.js";
import { CryptoPool } from "../src/crypto/parallel/index.js";
import { CryptoError, UnsupportedError, UsageError } from "../src/errors.js";

const SUITE = 1;
const providers: readonly CryptoProvider[] = [nodeProvider, nobleProvider];
const pools = new Map(
  providers.map((p) => [p.name, new CryptoPool({ provider: p.name, size: 2, minParallelItems: 1 })]),
);
const inThread = new CryptoPool({ minParallelItems: 1000 });
after(async () => {
  await Promise.all([...pools.values(), inThread].map((p) => p.close()));
});

function pool(name: CryptoProvider["name"]): CryptoPool {
  const p = pools.get(name);
  if (p === undefined) throw new Error(`no pool for ${name}`);
  return p;
}

const recipients = Array.from({ length: 5 }, () => nodeProvider.suite(SUITE).hpke.generateKeyPair());
const context = new TextEncoder().encode("group context");

for (const provider of providers) {
  test(`pool (${provider.name}): EncryptWithLabel/SealBase results open with both providers`, async () => {
    const items = recipients.map((r, i) => ({
      publicKey: r.publicKey,
      label: "UpdatePathNode",
      context,
      plaintext: Uint8Array.of(i, 1, 2, 3),
    }));
    const sealed = await pool(provider.name).encryptWithLabelMany(SUITE, items);
    assert.equal(sealed.length, items.length);
    const raw = await pool(provider.name).hpkeSealMany(
      SUITE,
      items.map((x) => ({ publicKey: x.publicKey, info: context, aad: context, plaintext: x.plaintext })),
    );
    for (const opener of providers) {
      const cs = opener.suite(SUITE);
      sealed.forEach((ct, i) => {
        const r = recipients[i];
        assert.ok(r !== undefined);
        const pt = decryptWithLabel(cs, r.privateKey, "UpdatePathNode", context, ct.kemOutput, ct.ciphertext);
        assert.ok(bytesEqual(pt, items[i]?.plaintext ?? new Uint8Array(0)), `item ${i} by ${opener.name}`);
        const rawCt = raw[i];
        assert.ok(rawCt !== undefined);
        const rawPt = cs.hpke.open(r.privateKey, rawCt.kemOutput, context, context, rawCt.ciphertext);
        assert.ok(bytesEqual(rawPt, items[i]?.plaintext ?? new Uint8Array(0)));
      });
    }
  });

  test(`pool (${provider.name}): VerifyWithLabel verdicts equal the single-thread call`, async () => {
    const cs = provider.suite(SUITE);
    const signer = cs.generateSignatureKeyPair();
    const items = Array.from({ length: 6 }, (_, i) => {
      const content = Uint8Array.of(i, 9, 9);
      const signature = signWithLabel(cs, signer.privateKey, "LeafNodeTBS", content);
      // Odd items check against other content, so half the verdicts are false.
      return {
        publicKey: signer.publicKey,
        label: "LeafNodeTBS",
        content: i % 2 ? Uint8Array.of(7) : content,
        signature,
      };
    });
    const want = items.map((x) => verifyWithLabel(cs, x.publicKey, x.label, x.content, x.signature));
    assert.deepEqual(want, [true, false, true, false, true, false]);
    assert.deepEqual(await pool(provider.name).verifyWithLabelMany(SUITE, items), want);
    assert.deepEqual(await inThread.verifyWithLabelMany(SUITE, items), want);
  });
}

const good = { info: new Uint8Array(0), aad: new Uint8Array(0), plaintext: new Uint8Array(32) };
const badBatch = [0, 1, 2, 3, 4].map((i) => ({
  ...good,
  publicKey: i === 3 ? new Uint8Array(31) : (recipients[i]?.publicKey ?? new Uint8Array(32)),
}));

test("a failing item rejects the batch with the library's error class, naming the operation and item", async () => {
  for (const p of [pool("node"), pool("noble"), inThread]) {
    await assert.rejects(
      p.hpkeSealMany(SUITE, badBatch),
      (e: unknown) => e instanceof CryptoError && /^hpkeSealMany item 3: .*32 bytes, got 31/.test(e.message),
    );
  }
});

test("malformed batches, unknown suites and closed pools are rejected before any work", async () => {
  const p = pool("node");
  const notBytes = [{ ...good, publicKey: "key" }] as unknown as typeof badBatch;
  await assert.rejects(
    p.hpkeSealMany(SUITE, notBytes),
    /hpkeSealMany item 0: publicKey must be a Uint8Array/,
  );
  const noLabel = [{ publicKey: new Uint8Array(32), content: good.aad, signature: good.aad }];
  await assert.rejects(
    p.verifyWithLabelMany(SUITE, noLabel as never),
    (e: unknown) => e instanceof UsageError && /item 0: label must be a string/.test(e.message),
  );
  await assert.rejects(p.hpkeSealMany(0x0a0a, badBatch.slice(0, 1)), UnsupportedError);
  assert.throws(() => new CryptoPool({ size: 0 }), UsageError);
  assert.throws(() => new CryptoPool({ minParallelItems: 0.5 }), UsageError);
  const closed = new CryptoPool({ size: 1, minParallelItems: 1 });
  await closed.close();
  await assert.rejects(closed.hpkeSealMany(SUITE, badBatch.slice(0, 1)), /crypto pool is closed/);
});

test("closing a pool rejects its pending batches", async () => {
  const p = new CryptoPool({ size: 1, minParallelItems: 1 });
  const pending = assert.rejects(
    p.hpkeSealMany(SUITE, badBatch.slice(0, 2)),
    (e: unknown) => e instanceof UsageError && /closed/.test(e.message),
  );
  await p.close();
  await pending;
  assert.equal(p.running, 0);
});

const fixture = fileURLToPath(new URL("./parallel-exit-fixture.ts", import.meta.url));

/** Runs the fixture in a child process; resolves with how it ended (killed after 120 s if it hangs). */
function runFixture(mode: string): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--import", "tsx", fixture, mode], { timeout: 120_000 });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, out }));
  });
}

test("a process exits on its own after using the pool, closed or left idle", async () => {
  const [closed, idle] = await Promise.all([runFixture("close"), runFixture("idle")]);
  for (const [r, want] of [
    [closed, /sealed 4 running 0/],
    [idle, /sealed 4 running 2/],
  ] as const) {
    assert.equal(r.signal, null, `the child was killed (${String(r.signal)}): it did not exit by itself`);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, want);
  }
});
