import { CodecError } from "./errors.js";

/**
 * Strict big-endian reader. Every read names its field so a failure says what and where;
 * non-minimal varints, lengths past the end and trailing bytes are errors (RFC 9420 §2.1.2).
 *
 * The input is copied once when the reader is made; decoded byte fields are views into that
 * private copy. One copy per message instead of one per field keeps decoding a 50,000-member
 * ratchet tree from being dominated by allocation, and the caller may still reuse its buffer.
 */
export class Reader {
  private readonly buf: Uint8Array;
  private pos: number;
  private readonly end: number;

  constructor(
    input: Uint8Array,
    /** Offset of `input[0]` in the outermost message, for error positions. */
    private readonly base = 0,
    start = 0,
    end = input.length,
    /** Internal: sub-readers share their parent's private copy. */
    shared = false,
  ) {
    // Integers are read byte by byte: a DataView per reader (one per nested vector) cost more than the reads.
    this.buf = shared ? input : input.slice();
    this.pos = start;
    this.end = end;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(message: string, field: string): never {
    throw new CodecError(message, field, this.offset);
  }

  private take(n: number, field: string): number {
    if (n > this.end - this.pos) {
      this.fail(`need ${n} bytes, ${this.end - this.pos} left`, field);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** The byte at `at`, which `take` has already bounds-checked. */
  private byte(at: number): number {
    return this.buf[at] ?? 0;
  }

  private get32(at: number): number {
    return (
      this.byte(at) * 0x1000000 + ((this.byte(at + 1) << 16) | (this.byte(at + 2) << 8) | this.byte(at + 3))
    );
  }

  u8(field: string): number {
    return this.byte(this.take(1, field));
  }

  u16(field: string): number {
    const at = this.take(2, field);
    return (this.byte(at) << 8) | this.byte(at + 1);
  }

  u32(field: string): number {
    return this.get32(this.take(4, field));
  }

  u64(field: string): bigint {
    const at = this.take(8, field);
    return (BigInt(this.get32(at)) << 32n) | BigInt(this.get32(at + 4));
  }

  varint(field: string): number {
    const first = this.byte(this.take(1, field));
    const prefix = first >> 6;
    if (prefix === 0) return first;
    if (prefix === 3) this.fail("invalid varint prefix 0b11", field);
    if (prefix === 1) {
      const v = ((first & 0x3f) << 8) | this.byte(this.take(1, field));
      if (v < 0x40) this.fail(`non-minimal varint encoding of ${v}`, field);
      return v;
    }
    const rest = this.take(3, field);
    const v =
      (first & 0x3f) * 0x1000000 + (this.byte(rest) << 16) + (this.byte(rest + 1) << 8) + this.byte(rest + 2);
    if (v < 0x4000) this.fail(`non-minimal varint encoding of ${v}`, field);
    return v;
  }

  /** Fixed-size bytes: a view into the reader's private copy of the input. */
  bytes(n: number, field: string): Uint8Array {
    const at = this.take(n, field);
    return this.buf.subarray(at, at + n);
  }

  /** `opaque field<V>`. */
  opaque(field: string): Uint8Array {
    const n = this.varint(field);
    return this.bytes(n, field);
  }

  /** `T field<V>`: decodes items until the vector's byte length is consumed exactly. */
  vector<T>(field: string, decode: (r: Reader, index: number) => T): T[] {
    const n = this.varint(field);
    const at = this.take(n, field);
    const sub = new Reader(this.buf, this.base, at, at + n, true);
    const out: T[] = [];
    while (sub.remaining > 0) out.push(decode(sub, out.length));
    return out;
  }

  /** A length-prefixed sub-structure decoded by `decode`, which must consume it exactly. */
  nested<T>(field: string, decode: (r: Reader) => T): T {
    const n = this.varint(field);
    const at = this.take(n, field);
    const sub = new Reader(this.buf, this.base, at, at + n, true);
    const value = decode(sub);
    sub.done(field);
    return value;
  }

  optional<T>(field: string, decode: (r: Reader) => T): T | undefined {
    const present = this.u8(field);
    if (present === 0) return undefined;
    if (present !== 1) this.fail(`optional presence byte must be 0 or 1, got ${present}`, field);
    return decode(this);
  }

  /** Asserts the input is fully consumed. */
  done(field: string): void {
    if (this.pos !== this.end) this.fail(`${this.end - this.pos} trailing bytes`, field);
  }
}

/** Decodes exactly one value from `bytes`, rejecting trailing data. */
export function decode<T>(bytes: Uint8Array, dec: (r: Reader) => T, field: string): T {
  const r = new Reader(bytes);
  const value = dec(r);
  r.done(field);
  return value;
}
