import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, bytesEqual, fromHex } from "@parley/codec";
import { readSharedJson } from "@parley/testing";
import { MESSAGE_FIELDS, WrongMessageKind } from "../src/vectors/messages.js";

const data = readSharedJson("vectors", "mls", "messages.json");
/** Every 30th element of messages.json: 10 elements × 17 message kinds. */
const STRIDE = 30;

function samples(): {
  name: string;
  bytes: Uint8Array;
  roundTrip: (b: Uint8Array, p: string) => Uint8Array;
}[] {
  if (!Array.isArray(data)) return [];
  const out = [];
  for (let i = 0; i < data.length; i += STRIDE) {
    const fields = data[i] as Record<string, string>;
    for (const [name, roundTrip] of MESSAGE_FIELDS) {
      out.push({ name: `case ${i} ${name}`, bytes: fromHex(fields[name] ?? ""), roundTrip });
    }
  }
  return out;
}

/** All cuts in the first and last 24 bytes (headers and final fields), every 11th in between. */
function cuts(length: number): number[] {
  const out: number[] = [];
  for (let cut = 0; cut < length; cut++) {
    if (cut < 24 || cut >= length - 24 || cut % 11 === 0) out.push(cut);
  }
  return out;
}

test("messages.json: every message kind rejects truncation with a CodecError", (t) => {
  const all = samples();
  if (all.length === 0) return t.skip("messages.json not found");
  let checked = 0;
  for (const { name, bytes, roundTrip } of all) {
    for (const cut of cuts(bytes.length)) {
      assert.throws(() => roundTrip(bytes.subarray(0, cut), name), CodecError, `${name} cut at ${cut}`);
      checked++;
    }
  }
  assert.ok(checked > 5000);
});

/** xorshift32: a fixed seed keeps the mutations identical from run to run. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

test("messages.json: corrupted bytes either fail with a CodecError or decode to a canonical encoding", (t) => {
  const all = samples();
  if (all.length === 0) return t.skip("messages.json not found");
  const next = prng(0x9420);
  let rejected = 0;
  for (const { name, bytes, roundTrip } of all) {
    for (let i = 0; i < 40; i++) {
      const mutated = bytes.slice();
      const at = next() % mutated.length;
      mutated[at] = (mutated[at] ?? 0) ^ (1 + (next() % 255));
      let again: Uint8Array;
      try {
        again = roundTrip(mutated, name);
      } catch (e) {
        assert.ok(
          e instanceof CodecError || e instanceof WrongMessageKind,
          `${name} byte ${at}: ${String(e)}`,
        );
        rejected++;
        continue;
      }
      // Strict decoding admits one encoding per value, so whatever parses re-encodes to the same bytes.
      assert.ok(bytesEqual(again, mutated), `${name} byte ${at} decoded but re-encoded differently`);
    }
  }
  assert.ok(rejected > 0);
});
