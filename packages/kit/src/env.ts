/**
 * Typed readers for environment variables. Configuration is read once at start and every failure names the
 * variable, so a bad deployment fails fast with a message an operator can act on. Values of variables marked
 * `secret` are never echoed in errors.
 */
import { statSync } from "node:fs";

/** A configuration variable is missing or malformed; the message starts with the variable's name. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = NodeJS.ProcessEnv;

interface Common<T> {
  /** Read from this map instead of `process.env` (tests, prefixes resolved by the caller). */
  env?: Env;
  /** Used when the variable is unset or empty; without it an unset variable reads as `undefined`. */
  default?: T;
  /** Fail when the variable is unset and there is no default. */
  required?: boolean;
}

function raw(name: string, env: Env | undefined): string | undefined {
  const v = (env ?? process.env)[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function fail(name: string, expected: string, value: string, secret = false): never {
  throw new ConfigError(`${name}: expected ${expected}, got ${secret ? "<redacted>" : `'${value}'`}`);
}

function read<T>(name: string, o: Common<T> | undefined, parse: (v: string) => T): T | undefined {
  const v = raw(name, o?.env);
  if (v !== undefined) return parse(v);
  if (o?.default !== undefined) return o.default;
  if (o?.required === true) throw new ConfigError(`${name}: required but not set`);
  return undefined;
}

type Result<T, O> = O extends { default: T } | { required: true } ? T : T | undefined;

function str<O extends Common<string> & { secret?: boolean; pattern?: RegExp }>(
  name: string,
  o?: O,
): Result<string, O> {
  return read(name, o, (v) => {
    if (o?.pattern !== undefined && !o.pattern.test(v))
      fail(name, `to match ${String(o.pattern)}`, v, o.secret);
    return v;
  }) as Result<string, O>;
}

interface Range {
  min?: number;
  max?: number;
}

function inRange(name: string, n: number, v: string, o: Range | undefined, unit = ""): number {
  if (o?.min !== undefined && n < o.min) fail(name, `at least ${o.min}${unit}`, v);
  if (o?.max !== undefined && n > o.max) fail(name, `at most ${o.max}${unit}`, v);
  return n;
}

function int<O extends Common<number> & Range>(name: string, o?: O): Result<number, O> {
  return read(name, o, (v) => {
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) fail(name, "an integer", v);
    return inRange(name, Number(v), v, o);
  }) as Result<number, O>;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration in milliseconds: a bare integer (ms) or a number with `ms`, `s`, `m` or `h`. */
function duration<O extends Common<number> & Range>(name: string, o?: O): Result<number, O> {
  return read(name, o, (v) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v);
    const ms = m?.[1] === undefined ? NaN : Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] ?? NaN);
    if (!Number.isFinite(ms)) fail(name, "a duration like 500ms, 10s, 5m or a number of ms", v);
    return inRange(name, Math.round(ms), v, o, " ms");
  }) as Result<number, O>;
}

function bool<O extends Common<boolean>>(name: string, o?: O): Result<boolean, O> {
  return read(name, o, (v) => {
    const s = v.toLowerCase();
    if (["1", "true", "yes", "on"].includes(s)) return true;
    if (["0", "false", "no", "off"].includes(s)) return false;
    return fail(name, "true/false (or 1/0, yes/no, on/off)", v);
  }) as Result<boolean, O>;
}

/** A filesystem path that must exist (as a file or directory when `kind` says so) at load time. */
function path<O extends Common<string> & { kind?: "file" | "dir" }>(name: string, o?: O): Result<string, O> {
  return read(name, o, (v) => {
    let st;
    try {
      st = statSync(v);
    } catch {
      return fail(name, "an existing path", v);
    }
    if (o?.kind === "file" && !st.isFile()) fail(name, "a file", v);
    if (o?.kind === "dir" && !st.isDirectory()) fail(name, "a directory", v);
    return v;
  }) as Result<string, O>;
}

function oneOf<T extends string, O extends Common<T>>(
  name: string,
  values: readonly T[],
  o?: O,
): Result<T, O> {
  return read(name, o, (v) => {
    const found = values.find((x) => x === v);
    return found ?? fail(name, `one of ${values.join(", ")}`, v);
  }) as Result<T, O>;
}

/** `host:port`, `[v6]:port`; port 0 asks the OS for a free port (tests). */
const ADDRESS = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Validates a listen address, returning it unchanged. Exposed for services with extra listeners. */
export function parseAddress(name: string, v: string): string {
  const m = ADDRESS.exec(v);
  if (m?.[1] === undefined || Number(m[1]) > 65535) fail(name, "host:port", v);
  return v;
}

function address<O extends Common<string>>(name: string, o?: O): Result<string, O> {
  return read(name, o, (v) => parseAddress(name, v)) as Result<string, O>;
}

/**
 * Small typed readers services reuse for their own variables, e.g.
 * `env.int("KEYLOG_BATCH_SIZE", { min: 1, max: 4096, default: 256 })`. Options: `env` (source map),
 * `default`, `required`; readers return `T` when a default is given or `required` is set, else `T | undefined`.
 */
export const env = { string: str, int, duration, bool, path, enum: oneOf, address } as const;
