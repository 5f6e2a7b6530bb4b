import type { Reader } from "@parley/codec";
import { UsageError } from "../errors.js";

/**
 * Strict enum reading. RFC 9420 enums without an extension point (content types, sender types, node
 * types, leaf node sources, PSK types…) admit only their listed values; anything else, including the
 * `reserved(0)` value, makes the enclosing message malformed.
 */
function isOneOf<T extends number>(value: number, known: readonly T[]): value is T {
  return (known as readonly number[]).includes(value);
}

/** Reads a `uint8` enum and rejects values outside `known`, naming the field and the enum. */
export function readEnum8<T extends number>(r: Reader, field: string, known: readonly T[], name: string): T {
  const value = r.u8(field);
  if (!isOneOf(value, known)) r.fail(`unknown ${name} ${value}`, field);
  return value;
}

/** Reads a `uint16` enum and rejects values outside `known`, naming the field and the enum. */
export function readEnum16<T extends number>(r: Reader, field: string, known: readonly T[], name: string): T {
  const value = r.u16(field);
  if (!isOneOf(value, known)) r.fail(`unknown ${name} ${value}`, field);
  return value;
}

/**
 * Encoders refuse values their decoder would reject, so nothing this library writes fails to parse
 * elsewhere. A mismatch is a caller bug, hence `UsageError` rather than `CodecError`.
 */
export function requireKnown<T extends number>(value: number, known: readonly T[], name: string): T {
  if (!isOneOf(value, known)) throw new UsageError(`cannot encode unknown ${name} ${value}`);
  return value;
}

/** The values of a constant table such as `ContentType`, for strict decoding. */
export function valuesOf<T extends number>(table: Readonly<Record<string, T>>): readonly T[] {
  return Object.values(table);
}
