import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CodecError, Writer } from "@parley/codec";
import {
  checkLogEntry,
  decodeLogEntry,
  encodeLogEntry,
  EntryFormatError,
  SignatureScheme,
  type LogEntry,
} from "../src/entry/index.js";
import { sampleBinding, sampleEntry } from "./fixtures.js";

/** What a validator said about some bytes: accepted, or which error and where. */
function verdict(check: (bytes: Uint8Array) => unknown, bytes: Uint8Array): string {
  try {
    check(bytes);
    return "ok";
  } catch (e) {
    if (e instanceof EntryFormatError) {
      // Credential failures wrap messages whose offsets are relative to different buffers.
      return e.rule === "credential-malformed" ? `rule ${e.rule}` : `rule ${e.rule}: ${e.message}`;
    }
    if (e instanceof CodecError) return `codec ${e.field} at ${e.offset}`;
    return `unexpected ${String(e)}`;
  }
}

function x509(certs: Uint8Array[]): Uint8Array {
  return new Writer()
    .u16(2)
    .vector(certs, (w, c) => w.opaque(c))
    .finish();
}

/** Valid entries covering every branch: both entry types, both ref types, x509, non-ASCII names. */
function seeds(): Uint8Array[] {
  const b = sampleBinding(3);
  const entries: LogEntry[] = [
    { type: "keyBinding", keyBinding: { ...b, identity: "zoë ☃ 𝄞" } },
    {
      type: "keyBinding",
      keyBinding: {
        ...b,
        signatureScheme: SignatureScheme.ecdsa_secp256r1_sha256,
        signatureKey: new Uint8Array(65).fill(4),
        credential: x509([new Uint8Array([0x30, 1]), new Uint8Array(70).fill(0x30)]),
        notAfter: 2 ** 53 - 1,
      },
    },
    {
      type: "revocation",
      revocation: {
        identity: "bob",
        clientId: new Uint8Array([1, 2]),
        revoked: { kind: "leafIndex", leafIndex: 2 ** 40 },
        revokedAt: 9,
        reason: 4,
      },
    },
    {
      type: "revocation",
      revocation: {
        identity: "ñ",
        clientId: new Uint8Array([7]),
        revoked: { kind: "leafHash", leafHash: new Uint8Array(32).fill(0xab) },
        revokedAt: 0,
        reason: 0,
      },
    },
  ];
  return [sampleEntry(1), sampleEntry(2, 200), ...entries.map((e) => encodeLogEntry(e))];
}

/** Deterministic xorshift32, so a failure reproduces. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const PROBES = [0x00, 0x01, 0x02, 0x04, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0, 0xed, 0xff];

/**
 * Every truncation, every byte replaced by boundary values and its neighbours, one byte added,
 * and every byte read as a one-byte vector length with that vector emptied.
 */
function mutations(seed: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let cut = 0; cut < seed.length; cut++) out.push(seed.subarray(0, cut));
  out.push(new Uint8Array([...seed, 0]));
  for (let at = 0; at < seed.length; at++) {
    const n = seed[at] ?? 0;
    if (n > 0 && n < 0x40 && at + 1 + n <= seed.length) {
      out.push(new Uint8Array([...seed.subarray(0, at), 0, ...seed.subarray(at + 1 + n)]));
    }
  }
  for (let at = 0; at < seed.length; at++) {
    const original = seed[at] ?? 0;
    for (const v of new Set([...PROBES, (original + 1) & 0xff, (original + 255) & 0xff, original ^ 0x80])) {
      if (v === original) continue;
      const m = seed.slice();
      m[at] = v;
      out.push(m);
    }
  }
  return out;
}

describe("in-place entry check (Append) agrees with the decoder", () => {
  test("accepts every valid seed, including at a non-zero offset of a larger buffer", () => {
    for (const seed of seeds()) {
      assert.equal(verdict(checkLogEntry, seed), "ok");
      const framed = new Uint8Array(seed.length + 10);
      framed.set(seed, 7);
      assert.equal(verdict(checkLogEntry, framed.subarray(7, 7 + seed.length)), "ok");
    }
  });

  test("every truncation, single-byte change and extension gets the same verdict", () => {
    const kinds = new Set<string>();
    for (const seed of seeds()) {
      for (const m of mutations(seed)) {
        const want = verdict(decodeLogEntry, m);
        assert.equal(verdict(checkLogEntry, m), want, `bytes ${Buffer.from(m).toString("hex")}`);
        kinds.add(/^(ok|codec|rule [a-z0-9-]+)/.exec(want)?.[0] ?? want);
      }
    }
    // The mutations reach every rule, so the agreement above is not vacuous.
    assert.deepEqual([...kinds].sort(), [
      "codec",
      "ok",
      ...[
        "credential-malformed",
        "empty-client-id",
        "empty-identity",
        "identity-not-utf8",
        "integer-range",
        "signature-key-length",
        "unknown-revocation-reason",
        "unknown-revoked-ref",
        "unknown-signature-scheme",
        "unknown-type",
        "unknown-version",
        "validity-interval",
      ].map((r) => `rule ${r}`),
    ]);
  });

  test("random byte strings behind a valid header get the same verdict", () => {
    const next = prng(0x9e3779b9);
    for (let i = 0; i < 20_000; i++) {
      const m = new Uint8Array(3 + (next() % 90));
      for (let j = 3; j < m.length; j++) m[j] = next() & 0xff;
      m.set([0, 1, 1 + (next() % 2)]);
      assert.equal(verdict(checkLogEntry, m), verdict(decodeLogEntry, m), Buffer.from(m).toString("hex"));
    }
  });
});
