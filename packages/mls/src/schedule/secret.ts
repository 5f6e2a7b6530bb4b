/**
 * A secret that can be deleted. RFC 9420 §9.2 requires every consumed secret to be deleted at once
 * ("all representations of that value"); holding secrets in this type makes deletion an explicit,
 * checkable operation: after `wipe()` the bytes are zero and any further read throws, so a bug that
 * reuses a consumed secret fails loudly instead of silently weakening forward secrecy.
 */
import { UsageError } from "../errors.js";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class Secret {
  #bytes: Uint8Array | undefined;
  readonly #what: string;

  /** Takes ownership of `bytes`: the caller must not keep using its own reference. */
  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#what = what;
  }

  /** The secret value; throws `UsageError` once the secret has been deleted. */
  get bytes(): Uint8Array {
    if (this.#bytes === undefined) throw new UsageError(`${this.#what} was used after it was deleted`);
    return this.#bytes;
  }

  get length(): number {
    return this.bytes.length;
  }

  get wiped(): boolean {
    return this.#bytes === undefined;
  }

  /** Overwrites the value with zeros and forgets it. Idempotent. */
  wipe(): void {
    this.#bytes?.fill(0);
    this.#bytes = undefined;
  }

  /** Secrets never reach logs (STYLE.md): every string form names the secret, never its value. */
  toString(): string {
    return `[Secret ${this.#what}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** Zeroes byte arrays that held secrets once they are consumed (RFC 9420 §9.2). */
export function wipeBytes(...values: readonly (Uint8Array | undefined)[]): void {
  for (const v of values) v?.fill(0);
}
