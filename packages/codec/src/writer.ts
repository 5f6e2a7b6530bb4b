import { VARINT_MAX, varintSize } from "./varint.js";

/**
 * Growable big-endian writer for the TLS presentation language as MLS uses it.
 * Variable-length vectors are prefixed with an RFC 9420 §2.1.2 varint of their byte length.
 *
 * Integers are written byte by byte rather than through a DataView: MLS encodes many small structures
 * (AADs, KDF labels, tree-hash inputs), and a DataView per writer cost more than the bytes it wrote.
 */
export class Writer {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): number {
    const need = this.len + n;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    const at = this.len;
    this.len = need;
    return at;
  }

  u8(v: number): this {
    checkUint(v, 0xff, "uint8");
    const at = this.reserve(1);
    this.buf[at] = v;
    return this;
  }

  u16(v: number): this {
    checkUint(v, 0xffff, "uint16");
    const at = this.reserve(2);
    this.put16(at, v);
    return this;
  }

  u32(v: number): this {
    checkUint(v, 0xffffffff, "uint32");
    const at = this.reserve(4);
    this.put32(at, v);
    return this;
  }

  u64(v: bigint): this {
    if (v < 0n || v > 0xffffffffffffffffn) throw new RangeError(`uint64 out of range: ${v}`);
    const at = this.reserve(8);
    this.put32(at, Number(v >> 32n));
    this.put32(at + 4, Number(v & 0xffffffffn));
    return this;
  }

  varint(v: number): this {
    const size = varintSize(v);
    const at = this.reserve(size);
    if (size === 1) this.buf[at] = v;
    else if (size === 2) this.put16(at, 0x4000 | v);
    else this.put32(at, (0x80000000 | v) >>> 0);
    return this;
  }

  private put16(at: number, v: number): void {
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  private put32(at: number, v: number): void {
    this.buf[at] = v >>> 24;
    this.buf[at + 1] = (v >>> 16) & 0xff;
    this.buf[at + 2] = (v >>> 8) & 0xff;
    this.buf[at + 3] = v & 0xff;
  }

  /** Raw bytes with no length prefix (fixed-size fields such as `opaque hash[32]`). */
  bytes(b: Uint8Array): this {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
    return this;
  }

  /** `opaque field<V>`: varint length then the bytes. */
  opaque(b: Uint8Array): this {
    if (b.length > VARINT_MAX) throw new RangeError(`vector too long: ${b.length} bytes`);
    return this.varint(b.length).bytes(b);
  }

  /** `T field<V>`: the items encoded back to back, prefixed by their total byte length. */
  vector<T>(items: readonly T[], encode: (w: Writer, item: T) => void): this {
    const lengthAt = this.len;
    // Reserve the widest prefix, then shift the body if a shorter one suffices.
    this.reserve(4);
    const bodyStart = this.len;
    for (const item of items) encode(this, item);
    const bodyLen = this.len - bodyStart;
    const size = varintSize(bodyLen);
    if (size !== 4) {
      this.buf.copyWithin(lengthAt + size, bodyStart, this.len);
      this.len -= 4 - size;
    }
    const end = this.len;
    this.len = lengthAt;
    this.varint(bodyLen);
    this.len = end;
    return this;
  }

  /** `optional<T>`: a presence byte (0 or 1) then the value when present. */
  optional<T>(value: T | undefined, encode: (w: Writer, v: T) => void): this {
    if (value === undefined) return this.u8(0);
    this.u8(1);
    encode(this, value);
    return this;
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function checkUint(v: number, max: number, type: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${type} out of range: ${v}`);
}

/** Encodes one value with a fresh writer. */
export function encode<T>(value: T, enc: (w: Writer, v: T) => void): Uint8Array {
  const w = new Writer();
  enc(w, value);
  return w.finish();
}
