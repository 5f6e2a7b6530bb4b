import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, bytesEqual, concatBytes } from "@parley/codec";
import { CASES } from "./codec-cases.js";

test("every struct and select variant round-trips: decode(encode(v)) equals v and re-encodes identically", () => {
  assert.ok(CASES.length >= 60);
  for (const codecCase of CASES) {
    const decoded = codecCase.decode(codecCase.bytes);
    assert.deepEqual(decoded, codecCase.value, codecCase.name);
    assert.ok(bytesEqual(codecCase.reencode(decoded), codecCase.bytes), codecCase.name);
  }
});

test("every struct rejects a trailing byte (padding aside, where a zero byte is more padding)", () => {
  for (const codecCase of CASES) {
    const longer = concatBytes(codecCase.bytes, Uint8Array.of(codecCase.openEnded === true ? 1 : 0));
    assert.throws(() => codecCase.decode(longer), CodecError, codecCase.name);
  }
});

test("every struct rejects every truncation with a CodecError", () => {
  for (const codecCase of CASES) {
    if (codecCase.openEnded === true) continue;
    for (let cut = 0; cut < codecCase.bytes.length; cut++) {
      assert.throws(
        () => codecCase.decode(codecCase.bytes.subarray(0, cut)),
        CodecError,
        `${codecCase.name} cut at ${cut}`,
      );
    }
  }
});
