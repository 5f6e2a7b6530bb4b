/**
 * PrivateMessage throughput (RFC 9420 §6.3): one member protects 100-byte application messages, another
 * unprotects them, in one thread (one core), in cipher suite 1 by default. Two figures:
 * - `pipelinePerSecond`: sign → protect → unprotect → verify, everything a real message costs;
 * - `symmetricPerSecond`: protect → unprotect of already-signed content (ratchet, AEADs, sender data),
 *   the part the secret tree and framing code own;
 * - `signaturePerSecond`: the provider's bare sign + verify over bytes as long as the signed content — the
 *   floor no framing work can go below, so the pipeline figure can be read against it.
 * Exported for `bench/mls-crypto/main.ts`; run directly it measures both providers and writes
 * `bench/results/mls-private-message.json`. Rates are given per CPU-second (one core) and per wall-second.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { encode } from "@parley/codec";
import {
  ContentType,
  SenderType,
  WireFormat,
  encodeFramedContentTBS,
} from "../../packages/mls/src/codec/index.js";
import type {
  AuthenticatedContent,
  FramedContent,
  GroupContext,
} from "../../packages/mls/src/codec/index.js";
import { nobleProvider, nodeProvider } from "../../packages/mls/src/crypto/index.js";
import type { CipherSuite, CryptoProvider } from "../../packages/mls/src/crypto/index.js";
import {
  framedContentTbs,
  protectPrivateMessage,
  signAuthenticatedContent,
  unprotectPrivateMessage,
  verifyAuthenticatedContent,
} from "../../packages/mls/src/framing/index.js";
import type { PrivateMessageKeys } from "../../packages/mls/src/framing/index.js";
import { SecretTree } from "../../packages/mls/src/secret-tree/index.js";

export interface PrivateMessageBenchOptions {
  /** Cipher suite id; RFC 9420 suite 1 (X25519, AES-128-GCM, SHA-256, Ed25519) by default. */
  readonly suite?: number;
  /** Application data size in bytes. */
  readonly messageSize?: number;
  /** Measuring time per figure, after a short warm-up. */
  readonly durationMs?: number;
}

export interface PrivateMessageBenchResult {
  readonly provider: string;
  readonly suite: string;
  readonly messageSize: number;
  readonly pipelinePerSecond: Rate;
  readonly symmetricPerSecond: Rate;
  readonly signaturePerSecond: Rate;
}

interface Pair {
  readonly cs: CipherSuite;
  readonly groupContext: GroupContext;
  readonly signature: { publicKey: Uint8Array; privateKey: Uint8Array };
  readonly sender: PrivateMessageKeys;
  readonly receiver: PrivateMessageKeys;
  readonly content: FramedContent;
}

/** A fresh two-member epoch; each member has its own secret tree over the same encryption_secret. */
function setup(provider: CryptoProvider, suite: number, messageSize: number): Pair {
  const cs = provider.suite(suite);
  const groupContext: GroupContext = {
    cipherSuite: suite,
    groupId: provider.randomBytes(16),
    epoch: 1n,
    treeHash: provider.randomBytes(cs.hashLength),
    confirmedTranscriptHash: provider.randomBytes(cs.hashLength),
    extensions: [],
  };
  const encryptionSecret = provider.randomBytes(cs.hashLength);
  const senderDataSecret = provider.randomBytes(cs.hashLength);
  // Messages arrive in order, so the default ratchet policy never rejects or retains anything.
  const keys = (): PrivateMessageKeys => ({
    groupContext,
    senderDataSecret,
    secretTree: new SecretTree(cs, encryptionSecret, 2),
  });
  const content: FramedContent = {
    groupId: groupContext.groupId,
    epoch: groupContext.epoch,
    sender: { senderType: SenderType.member, leafIndex: 0 },
    authenticatedData: new Uint8Array(0),
    contentType: ContentType.application,
    applicationData: provider.randomBytes(messageSize),
  };
  return {
    cs,
    groupContext,
    signature: cs.generateSignatureKeyPair(),
    sender: keys(),
    receiver: keys(),
    content,
  };
}

const member = { isMemberLeaf: (leaf: number) => leaf < 2 };

function sign(p: Pair): AuthenticatedContent {
  return signAuthenticatedContent(p.cs, {
    wireFormat: WireFormat.mlsPrivateMessage,
    content: p.content,
    groupContext: p.groupContext,
    signaturePrivateKey: p.signature.privateKey,
  });
}

/** Messages per second of wall-clock time and per second of this process's CPU time. */
export interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * Runs `once` repeatedly for `durationMs` after a warm-up. The CPU-time rate is the "one core" figure: on a
 * shared machine the wall-clock rate drops with other load, CPU time does not (it also counts the GC's
 * helper threads, so it errs low).
 */
function rate(durationMs: number, once: () => void): Rate {
  for (let i = 0; i < 200; i++) once();
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 50; i++) once();
    n += 50;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: n / (Number(now - start) / 1e9), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

export function benchPrivateMessage(
  provider: CryptoProvider,
  options: PrivateMessageBenchOptions = {},
): PrivateMessageBenchResult {
  const suite = options.suite ?? 1;
  const messageSize = options.messageSize ?? 100;
  const durationMs = options.durationMs ?? 2000;
  const random = { randomBytes: (n: number) => provider.randomBytes(n) };

  const full = setup(provider, suite, messageSize);
  const pipelinePerSecond = rate(durationMs, () => {
    const m = protectPrivateMessage(full.cs, sign(full), full.sender, random);
    const unverified = unprotectPrivateMessage(full.cs, m, full.receiver, member);
    verifyAuthenticatedContent(full.cs, unverified, full.signature.publicKey, full.groupContext);
  });

  const sym = setup(provider, suite, messageSize);
  const signed = sign(sym);
  const symmetricPerSecond = rate(durationMs, () => {
    const m = protectPrivateMessage(sym.cs, signed, sym.sender, random);
    unprotectPrivateMessage(sym.cs, m, sym.receiver, member);
  });

  // SignWithLabel signs SignContent{label, FramedContentTBS}; its length is what the bare figure signs.
  const tbsLength = encode(
    framedContentTbs(WireFormat.mlsPrivateMessage, sym.content, sym.groupContext),
    encodeFramedContentTBS,
  ).length;
  const message = provider.randomBytes(tbsLength + 20);
  const signaturePerSecond = rate(durationMs, () => {
    const sig = sym.cs.sign(sym.signature.privateKey, message);
    sym.cs.verify(sym.signature.publicKey, message, sig);
  });

  return {
    provider: provider.name,
    suite: full.cs.name,
    messageSize,
    pipelinePerSecond,
    symmetricPerSecond,
    signaturePerSecond,
  };
}

function main(): void {
  const results = [nodeProvider, nobleProvider].map((p) => benchPrivateMessage(p));
  for (const r of results) {
    const show = (x: Rate) => `${x.cpu.toFixed(0)} msg/CPU-s (${x.wall.toFixed(0)} msg/s wall)`;
    console.log(
      `${r.provider.padEnd(6)} ${r.suite} ${r.messageSize} B: ` +
        `sign+protect+unprotect+verify ${show(r.pipelinePerSecond)}; ` +
        `protect+unprotect ${show(r.symmetricPerSecond)}; bare sign+verify ${show(r.signaturePerSecond)}`,
    );
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), "..", "results", "mls-private-message.json");
  mkdirSync(dirname(out), { recursive: true });
  const record = {
    benchmark: "mls-private-message",
    date: new Date().toISOString(),
    node: process.version,
    results,
  };
  writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`saved ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
