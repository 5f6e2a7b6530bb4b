/**
 * Structured logging: one JSON object per line, so log shippers need no parsing rules. Levels are compared
 * as small integers before anything is allocated, which keeps disabled debug lines (the per-call access log)
 * nearly free on the hot path.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/** A structured logger. Never pass secrets (keys, tokens, raw payloads) in `msg` or `fields`. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. `{ method: "Append" }`. */
  child(fields: LogFields): Logger;
  /** Whether a line at `level` would be written; lets callers skip building expensive fields. */
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Written as `service` on every line. */
  service: string;
  level?: LogLevel;
  /** Defaults to stdout. */
  stream?: NodeJS.WritableStream;
}

/** Errors become plain objects (their own properties do not serialize); bytes are never dumped. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    if (value.cause !== undefined) out["cause"] = value.cause;
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return value;
}

class JsonLogger implements Logger {
  constructor(
    private readonly minRank: number,
    private readonly stream: NodeJS.WritableStream,
    private readonly bound: LogFields,
  ) {}

  debug(msg: string, fields?: LogFields): void {
    if (this.minRank <= RANK.debug) this.write("debug", msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    if (this.minRank <= RANK.info) this.write("info", msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    if (this.minRank <= RANK.warn) this.write("warn", msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    if (this.minRank <= RANK.error) this.write("error", msg, fields);
  }
  child(fields: LogFields): Logger {
    return new JsonLogger(this.minRank, this.stream, { ...this.bound, ...fields });
  }
  enabled(level: LogLevel): boolean {
    return this.minRank <= RANK[level];
  }

  private write(level: LogLevel, msg: string, fields: LogFields | undefined): void {
    const record = { time: new Date().toISOString(), level, msg, ...this.bound, ...fields };
    let line: string;
    try {
      line = JSON.stringify(record, replacer);
    } catch {
      // Cyclic or otherwise unserializable fields must not turn a log call into a crash.
      line = JSON.stringify({
        time: record.time,
        level,
        msg,
        ...this.bound,
        logError: "unserializable fields",
      });
    }
    this.stream.write(line + "\n");
  }
}

/** Creates the root logger of a process; request loggers are derived with {@link Logger.child}. */
export function createLogger(opts: LoggerOptions): Logger {
  return new JsonLogger(RANK[opts.level ?? "info"], opts.stream ?? process.stdout, { service: opts.service });
}
