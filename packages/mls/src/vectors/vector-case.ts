/**
 * Shared plumbing of the schedule, secret-tree and framing vector runners: typed access to untrusted JSON
 * (a malformed field is a failure of that case, never a crash) and the per-case loop that counts outcomes.
 */
import { bytesEqual, fromHex, toHex } from "@parley/codec";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { UnsupportedError } from "../errors.js";
import type { VectorOutcome } from "./types.js";

/** A vector whose JSON does not have the documented shape. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";
}

export type Json = Readonly<Record<string, unknown>>;

export function object(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(`${where} is not an object`);
  }
  return value as Json;
}

export function array(obj: Json, field: string): readonly unknown[] {
  const v = obj[field];
  if (!Array.isArray(v)) throw new ShapeError(`${field} is not an array`);
  return v;
}

export function hex(obj: Json, field: string): Uint8Array {
  const v = obj[field];
  if (typeof v !== "string" || !/^(?:[0-9a-fA-F]{2})*$/.test(v)) {
    throw new ShapeError(`${field} is not a hex string`);
  }
  return fromHex(v);
}

export function str(obj: Json, field: string): string {
  const v = obj[field];
  if (typeof v !== "string") throw new ShapeError(`${field} is not a string`);
  return v;
}

export function uint(obj: Json, field: string): number {
  const v = obj[field];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new ShapeError(`${field} is not an unsigned integer`);
  }
  return v;
}

/** Collects what differed in one case; an empty list means the case passed. */
export class Diffs {
  readonly items: string[] = [];

  bytes(what: string, got: Uint8Array, want: Uint8Array): void {
    if (!bytesEqual(got, want)) this.items.push(`${what}: got ${toHex(got)}, want ${toHex(want)}`);
  }

  check(what: string, ok: boolean): void {
    if (!ok) this.items.push(what);
  }
}

export function errorText(e: unknown): string {
  const prefix = e instanceof ShapeError ? "malformed vector: " : "";
  return e instanceof Error ? `${prefix}${e.name}: ${e.message}` : String(e);
}

/**
 * Runs `check` on every element of a vector file, one case per element. A suite the provider lacks is a
 * skip with its reason; a thrown error is a failure naming the case and suite.
 */
export function runCases(
  file: string,
  data: unknown,
  provider: CryptoProvider,
  check: (cs: CipherSuite, c: Json, diffs: Diffs) => void,
): VectorOutcome {
  const outcome: VectorOutcome = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [] };
  if (!Array.isArray(data)) {
    outcome.failed++;
    outcome.failures.push(`${file}: file is not a JSON array of test cases`);
    return outcome;
  }
  data.forEach((raw: unknown, index) => {
    let where = `${file} case ${index}`;
    try {
      const c = object(raw, where);
      let cs: CipherSuite;
      try {
        cs = provider.suite(uint(c, "cipher_suite"));
      } catch (e) {
        if (!(e instanceof UnsupportedError)) throw e;
        outcome.skipped++;
        outcome.skipReasons.push(`${where}: ${e.message}`);
        return;
      }
      where = `${where} (suite ${cs.id})`;
      const diffs = new Diffs();
      check(cs, c, diffs);
      if (diffs.items.length === 0) outcome.passed++;
      else {
        outcome.failed++;
        outcome.failures.push(`${where}: ${diffs.items.join("; ")}`);
      }
    } catch (e) {
      outcome.failed++;
      outcome.failures.push(`${where}: ${errorText(e)}`);
    }
  });
  return outcome;
}
