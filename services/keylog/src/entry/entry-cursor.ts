import { CodecError } from "@parley/codec";
import { EntryFormatError } from "./errors.js";

/** A byte range [start, end) of the buffer a cursor reads. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const TWO_32 = 2 ** 32;
/** The high 32 bits of 2^53 - 1: a uint64 is a safe integer iff its high word is at most this. */
const SAFE_HIGH_MAX = 0x1fffff;

/**
 * A read-only cursor over the caller's bytes for validating log entries in place. The codec's
 * Reader copies its whole input first (so decoded fields stay valid if the caller reuses the
 * buffer); Append only needs a yes or no per entry, and that copy plus the decoded objects were
 * most of its per-entry validation cost. Nothing here allocates on the success path.
 *
 * It reads the RFC 9420 §2.1 TLS presentation language exactly as @parley/codec's Reader does and
 * fails the same way, with a CodecError naming the same field: big-endian integers, §2.1.2
 * variable-length vector headers that must be minimal and must not use the 0b11 prefix, and
 * lengths that must fit in what is left.
 */
export class EntryCursor {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** A cursor over `span` of the same bytes, for a length-prefixed sub-structure. */
  sub(span: Span): EntryCursor {
    return new EntryCursor(this.buf, span.start, span.end);
  }

  fail(message: string, field: string): never {
    throw new CodecError(message, field, this.pos);
  }

  private take(n: number, field: string): number {
    if (n > this.end - this.pos) this.fail(`need ${n} bytes, ${this.end - this.pos} left`, field);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** The byte at `at`, which `take` has already bounds-checked. */
  byteAt(at: number): number {
    return this.buf[at] ?? 0;
  }

  private u32At(at: number): number {
    return (
      this.byteAt(at) * 0x1000000 +
      ((this.byteAt(at + 1) << 16) | (this.byteAt(at + 2) << 8) | this.byteAt(at + 3))
    );
  }

  u8(field: string): number {
    return this.byteAt(this.take(1, field));
  }

  u16(field: string): number {
    const at = this.take(2, field);
    return (this.byteAt(at) << 8) | this.byteAt(at + 1);
  }

  /**
   * A uint64 that must be a safe integer (the entry's timestamps and leaf indices): compared on
   * its high word, so the common case needs no BigInt.
   */
  safeU64(field: string): number {
    const at = this.take(8, field);
    const high = this.u32At(at);
    const low = this.u32At(at + 4);
    if (high > SAFE_HIGH_MAX) {
      const v = (BigInt(high) << 32n) | BigInt(low);
      throw new EntryFormatError("integer-range", `${field} ${v} exceeds 2^53-1`);
    }
    return high * TWO_32 + low;
  }

  /** RFC 9420 §2.1.2 variable-length integer: 1, 2 or 4 bytes, minimal, never prefix 0b11. */
  varint(field: string): number {
    const first = this.u8(field);
    const prefix = first >> 6;
    if (prefix === 0) return first;
    if (prefix === 3) this.fail("invalid varint prefix 0b11", field);
    if (prefix === 1) {
      const v = ((first & 0x3f) << 8) | this.u8(field);
      if (v < 0x40) this.fail(`non-minimal varint encoding of ${v}`, field);
      return v;
    }
    const rest = this.take(3, field);
    const v =
      (first & 0x3f) * 0x1000000 +
      (this.byteAt(rest) << 16) +
      (this.byteAt(rest + 1) << 8) +
      this.byteAt(rest + 2);
    if (v < 0x4000) this.fail(`non-minimal varint encoding of ${v}`, field);
    return v;
  }

  /** Skips `n` fixed bytes and returns where they are. */
  fixed(n: number, field: string): Span {
    const start = this.take(n, field);
    return { start, end: start + n };
  }

  /** `opaque field<V>`: skips it and returns where its content is. */
  opaque(field: string): Span {
    return this.fixed(this.varint(field), field);
  }

  /** A view of `span` (no copy), for the rare check that needs the bytes themselves. */
  view(span: Span): Uint8Array {
    return this.buf.subarray(span.start, span.end);
  }

  /** Asserts the input is fully consumed. */
  done(field: string): void {
    if (this.pos !== this.end) this.fail(`${this.end - this.pos} trailing bytes`, field);
  }
}
