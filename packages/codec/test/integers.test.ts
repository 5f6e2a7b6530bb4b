/** Big-endian integers and varints at their range edges, written and read without a DataView. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, Reader, Writer, decode, encode, toHex } from "../src/index.js";

test("uint16/32/64 round-trip at their edges, big-endian", () => {
  const u16s = [0, 1, 0x7fff, 0x8000, 0xffff];
  const u32s = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
  const u64s = [0n, 1n, 0xffffffffn, 0x100000000n, 0x8000000000000000n, 0xffffffffffffffffn];
  const w = new Writer(0);
  for (const v of u16s) w.u16(v);
  for (const v of u32s) w.u32(v);
  for (const v of u64s) w.u64(v);
  const bytes = w.finish();
  assert.equal(bytes.length, 2 * u16s.length + 4 * u32s.length + 8 * u64s.length);
  assert.equal(toHex(bytes.subarray(2 * u16s.length, 2 * u16s.length + 8)), "000000000000" + "0001");
  const r = new Reader(bytes);
  assert.deepEqual(
    u16s.map(() => r.u16("a")),
    u16s,
  );
  assert.deepEqual(
    u32s.map(() => r.u32("b")),
    u32s,
  );
  assert.deepEqual(
    u64s.map(() => r.u64("c")),
    u64s,
  );
  r.done("all");
});

test("varints: each length class encodes big-endian with its prefix and decodes back", () => {
  const cases: [number, string][] = [
    [0x3f, "3f"],
    [0x40, "4040"],
    [0x3fff, "7fff"],
    [0x4000, "80004000"],
    [0x3fffffff, "bfffffff"],
  ];
  for (const [v, hex] of cases) {
    const bytes = encode(v, (w, x) => w.varint(x));
    assert.equal(toHex(bytes), hex);
    assert.equal(
      decode(bytes, (r) => r.varint("v"), "v"),
      v,
    );
  }
});

test("reads past the end fail with the field name, for every integer width", () => {
  const short = new Uint8Array(3);
  assert.throws(
    () => new Reader(short).u32("len"),
    (e: unknown) => e instanceof CodecError && e.field === "len",
  );
  assert.throws(
    () => new Reader(short).u64("epoch"),
    (e: unknown) => e instanceof CodecError && e.field === "epoch",
  );
  assert.throws(() => new Reader(short.subarray(0, 1)).u16("x"), CodecError);
  assert.throws(() => new Reader(new Uint8Array(0)).u8("y"), CodecError);
});

test("a writer grows from any initial capacity, including zero", () => {
  const w = new Writer(0);
  for (let i = 0; i < 1000; i++) w.u32(i);
  const r = new Reader(w.finish());
  for (let i = 0; i < 1000; i++) assert.equal(r.u32("i"), i);
});
