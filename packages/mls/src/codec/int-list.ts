import type { Reader, Writer } from "@parley/codec";

/**
 * `uint16 field<V>` and `uint32 field<V>` (capabilities, required capabilities, unmerged leaves).
 * Read in place rather than through `Reader.vector`: a 50,000-member tree has half a million such
 * lists, and a sub-reader per list is most of their decoding cost. The length checks make the
 * element reads unable to fail, so the list's field name is the one reported.
 */
function readIntList(r: Reader, field: string, width: 2 | 4): number[] {
  const length = r.varint(field);
  if (length > r.remaining) r.fail(`need ${length} bytes, ${r.remaining} left`, field);
  if (length % width !== 0) r.fail(`length ${length} is not a multiple of ${width}`, field);
  const out = new Array<number>(length / width);
  for (let i = 0; i < out.length; i++) out[i] = width === 2 ? r.u16(field) : r.u32(field);
  return out;
}

export function decodeU16List(r: Reader, field: string): number[] {
  return readIntList(r, field, 2);
}

export function decodeU32List(r: Reader, field: string): number[] {
  return readIntList(r, field, 4);
}

function writeU16(w: Writer, v: number): void {
  w.u16(v);
}

function writeU32(w: Writer, v: number): void {
  w.u32(v);
}

export function encodeU16List(w: Writer, values: readonly number[]): void {
  w.vector(values, writeU16);
}

export function encodeU32List(w: Writer, values: readonly number[]): void {
  w.vector(values, writeU32);
}
