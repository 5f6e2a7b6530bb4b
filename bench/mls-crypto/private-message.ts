/**
 * PrivateMessage throughput (RFC 9420 §6.3): one member protects 100-byte application messages, another
 * unprotects them, in one thread (one core), in cipher suite 1 by default. Figures:
 * - `pipelinePerSecond`: sign → protect → unprotect → verify, everything a real message costs;
 * - `symmetricPerSecond`: protect → unprotect of already-signed content (ratchet, AEADs, sender data),
 *   the part the secret tree and framing code own;
 * - `signaturePerSecond`: the provider's sign + verify over bytes as long as SignContent;
 * - `bareSignVerifyPerSecond`: the same with `crypto.sign`/`crypto.verify` on pre-imported KeyObjects —
 *   OpenSSL's Ed25519 alone, the ceiling no PrivateMessage code on node:crypto can exceed;
 * - `bareFloorPerSecond`: every primitive the full path calls (sign, verify, 4 AEAD calls, 10 HMACs) and
 *   nothing else, and `pipelineShareOfFloor`, the median per-round ratio pipeline / floor (1.0 = no overhead).
 * The figures are measured in alternating short rounds and reported as medians, so load drifting on the
 * shared machine hits all of them alike. Exported for `bench/mls-crypto/main.ts`; run directly it measures
 * both providers and writes `bench/results/mls-private-message.json`. Rates are per CPU-second (one core)
 * and per wall-second.
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
  encodePrivateMessageContent,
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
import { mlsLabelledContent } from "../../packages/mls/src/crypto/label-encoding.js";
import { SecretTree } from "../../packages/mls/src/secret-tree/index.js";
import { barePrivateMessageFloor } from "./bare.js";

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
  readonly bareSignVerifyPerSecond: Rate;
  readonly bareFloorPerSecond: Rate;
  readonly pipelineShareOfFloor: number;
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
  for (let i = 0; i < 20; i++) once();
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 20; i++) once();
    n += 20;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: n / (Number(now - start) / 1e9), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ROUNDS = 10;

/** Measures every subject in `ROUNDS` alternating rounds; per-subject median rates and per-round rate lists. */
function alternate<K extends string>(
  durationMs: number,
  subjects: Record<K, () => void>,
): Record<K, { median: Rate; rounds: Rate[] }> {
  const names = Object.keys(subjects) as K[];
  const rounds = new Map<K, Rate[]>(names.map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 === 0 ? names : [...names].reverse()) {
      rounds.get(k)?.push(rate(durationMs / ROUNDS, subjects[k]));
    }
  }
  const out = {} as Record<K, { median: Rate; rounds: Rate[] }>;
  for (const k of names) {
    const list = rounds.get(k) ?? [];
    out[k] = {
      rounds: list,
      median: { wall: median(list.map((x) => x.wall)), cpu: median(list.map((x) => x.cpu)) },
    };
  }
  return out;
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
  const sym = setup(provider, suite, messageSize);
  const signed = sign(sym);
  const tbs = encode(
    framedContentTbs(WireFormat.mlsPrivateMessage, sym.content, sym.groupContext),
    encodeFramedContentTBS,
  );
  // SignWithLabel signs SignContent{label, FramedContentTBS}: the bare figures sign exactly that many bytes.
  const signContent = mlsLabelledContent("FramedContentTBS", tbs);
  const plaintext = encode(
    { ...sym.content, auth: signed.auth, paddingLength: 0 },
    encodePrivateMessageContent,
  );
  const bare = barePrivateMessageFloor({
    signedLength: signContent.length,
    plaintextLength: plaintext.length,
  });
  const sig = sym.cs.sign(sym.signature.privateKey, signContent);

  const m = alternate(durationMs, {
    pipeline: () => {
      const msg = protectPrivateMessage(full.cs, sign(full), full.sender, random);
      const unverified = unprotectPrivateMessage(full.cs, msg, full.receiver, member);
      verifyAuthenticatedContent(full.cs, unverified, full.signature.publicKey, full.groupContext);
    },
    symmetric: () => {
      const msg = protectPrivateMessage(sym.cs, signed, sym.sender, random);
      unprotectPrivateMessage(sym.cs, msg, sym.receiver, member);
    },
    signature: () => {
      sym.cs.sign(sym.signature.privateKey, signContent);
      if (!sym.cs.verify(sym.signature.publicKey, signContent, sig)) throw new Error("verify failed");
    },
    bareSignVerify: bare.signVerify,
    bareFloor: bare.floor,
  });
  const shares = m.pipeline.rounds.map((p, i) => p.cpu / (m.bareFloor.rounds[i]?.cpu ?? Infinity));

  return {
    provider: provider.name,
    suite: full.cs.name,
    messageSize,
    pipelinePerSecond: m.pipeline.median,
    symmetricPerSecond: m.symmetric.median,
    signaturePerSecond: m.signature.median,
    bareSignVerifyPerSecond: m.bareSignVerify.median,
    bareFloorPerSecond: m.bareFloor.median,
    pipelineShareOfFloor: median(shares),
  };
}

function main(): void {
  const results = [nodeProvider, nobleProvider].map((p) => benchPrivateMessage(p));
  for (const r of results) {
    const show = (x: Rate) => `${x.cpu.toFixed(0)} msg/CPU-s (${x.wall.toFixed(0)} msg/s wall)`;
    console.log(
      `${r.provider.padEnd(6)} ${r.suite} ${r.messageSize} B: ` +
        `sign+protect+unprotect+verify ${show(r.pipelinePerSecond)}; ` +
        `protect+unprotect ${show(r.symmetricPerSecond)}; provider sign+verify ${show(r.signaturePerSecond)}; ` +
        `bare OpenSSL sign+verify ${show(r.bareSignVerifyPerSecond)}; bare primitive floor ` +
        `${show(r.bareFloorPerSecond)}; pipeline = ${(100 * r.pipelineShareOfFloor).toFixed(0)}% of the floor`,
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
