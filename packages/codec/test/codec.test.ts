import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, Reader, Writer, decode, encode, fromHex, toHex, bytesEqual } from "../src/index.js";

test("varint: RFC 9420 §2.1.2 examples round-trip", () => {
  const cases: [number, string][] = [
    [0, "00"],
    [37, "25"],
    [63, "3f"],
    [64, "4040"],
    [15293, "7bbd"],
    [16383, "7fff"],
    [16384, "80004000"],
    [494878333, "9d7f3e7d"],
    [0x3fffffff, "bfffffff"],
  ];
  for (const [v, hex] of cases) {
    assert.equal(toHex(encode(v, (w, x) => w.varint(x))), hex);
    assert.equal(
      decode(fromHex(hex), (r) => r.varint("v"), "v"),
      v,
    );
  }
});

test("varint: rejects non-minimal encodings, the 0b11 prefix and truncation", () => {
  for (const hex of ["4025", "40003fff", "8000003f", "c0000000", "40", "8000"]) {
    assert.throws(() => decode(fromHex(hex), (r) => r.varint("len"), "len"), CodecError, hex);
  }
  assert.throws(() => new Writer().varint(0x40000000), RangeError);
  assert.throws(() => new Writer().varint(-1), RangeError);
});

test("vectors: length prefix is minimal and the body is consumed exactly", () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  const bytes = encode(items, (w, xs) => w.vector(xs, (ww, x) => ww.u16(x)));
  assert.equal(toHex(bytes.subarray(0, 2)), "40c8"); // 200 bytes → 2-byte varint
  const back = decode(bytes, (r) => r.vector("xs", (rr) => rr.u16("x")), "xs");
  assert.deepEqual(back, items);
  // A vector whose length cuts an item in half leaves a partial item: rejected.
  assert.throws(
    () => decode(fromHex("03000100"), (r) => r.vector("xs", (rr) => rr.u16("x")), "xs"),
    CodecError,
  );
  // Length past the end of input.
  assert.throws(() => decode(fromHex("05aabb"), (r) => r.opaque("o"), "o"), /need 5 bytes, 2 left/);
});

test("decode rejects trailing bytes and names the field and offset", () => {
  try {
    decode(fromHex("0102ff"), (r) => r.opaque("Thing.data"), "Thing");
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof CodecError);
    assert.equal(e.field, "Thing");
    assert.equal(e.offset, 2);
  }
});

test("optional: presence byte must be 0 or 1", () => {
  assert.equal(
    decode(fromHex("00"), (r) => r.optional("o", (rr) => rr.u8("x")), "o"),
    undefined,
  );
  assert.equal(
    decode(fromHex("0107"), (r) => r.optional("o", (rr) => rr.u8("x")), "o"),
    7,
  );
  assert.throws(
    () => decode(fromHex("0207"), (r) => r.optional("o", (rr) => rr.u8("x")), "o"),
    /presence byte/,
  );
});

test("fixed-width integers round-trip and bound-check", () => {
  const w = new Writer(1).u8(1).u16(0x0203).u32(0x04050607).u64(0x08090a0b0c0d0e0fn);
  const bytes = w.finish();
  assert.equal(toHex(bytes), "0102030405060708090a0b0c0d0e0f");
  const r = new Reader(bytes);
  assert.deepEqual(
    [r.u8("a"), r.u16("b"), r.u32("c"), r.u64("d")],
    [1, 0x0203, 0x04050607, 0x08090a0b0c0d0e0fn],
  );
  r.done("x");
  assert.throws(() => new Writer().u8(256), RangeError);
  assert.throws(() => new Writer().u16(1.5), RangeError);
  assert.ok(bytesEqual(fromHex("abcd"), fromHex("ABCD")));
  assert.ok(!bytesEqual(fromHex("abcd"), fromHex("abce")));
  assert.throws(() => fromHex("abc"), TypeError);
});

test("decoded bytes do not alias the caller's buffer", () => {
  const input = fromHex("03aabbcc");
  const out = decode(input, (r) => r.opaque("o"), "o");
  input.fill(0);
  assert.equal(toHex(out), "aabbcc");
});
