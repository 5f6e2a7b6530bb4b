/**
 * RFC 9420 §9.1 "Encryption Keys": one sender's hash ratchet (handshake or application). Each step yields
 * the key and nonce of one generation and the secret of the next; §9.2 requires deleting each as soon as it
 * is consumed. Receivers may keep the keys of skipped generations for a bounded window to decrypt reordered
 * messages (§15.3), and never move the ratchet further than `maxForwardDistance` for a single message.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { expandWithLabel } from "../crypto/labels.js";
import { UsageError, ValidationError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";
import { SecretTreeRule } from "./rules.js";
import { MAX_GENERATION } from "./tree-state.js";
import type { SenderRatchetState } from "./tree-state.js";

/** Which of a leaf's two ratchets (§9): handshake (proposals, commits) or application. */
export type RatchetType = "handshake" | "application";

/**
 * The single-use key and nonce of one ratchet generation. Keys handed to a `withGeneration` callback are
 * wiped when it returns; keys from `nextForSending` belong to the caller, who wipes them after sealing.
 */
export interface RatchetKey {
  readonly generation: number;
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
}

/**
 * How far a receiver tolerates reordering. RFC 9420 §15.3 leaves the numbers to the application; the
 * defaults keep a small set of skipped keys (bounded memory, short exposure of unused keys) and cap the work
 * one message can force on a receiver.
 */
export interface RatchetPolicy {
  /** Most generations one message may move a ratchet forward past the next expected one. */
  readonly maxForwardDistance: number;
  /** How many generations behind the newest one keys of skipped generations are kept. */
  readonly outOfOrderTolerance: number;
}

export const defaultRatchetPolicy: RatchetPolicy = { maxForwardDistance: 1000, outOfOrderTolerance: 5 };

/** §9.1: the DeriveTreeSecret context, `generation` as a big-endian uint32 (already range-checked). */
function generationContext(generation: number): Uint8Array {
  return Uint8Array.of(
    generation >>> 24,
    (generation >>> 16) & 0xff,
    (generation >>> 8) & 0xff,
    generation & 0xff,
  );
}

interface KeyAndNonce {
  key: Uint8Array;
  nonce: Uint8Array;
}

export class SenderRatchet {
  /** `ratchet_secret_[N]_[next]`; undefined once wiped, or once the last uint32 generation was used. */
  #secret: Uint8Array | undefined;
  #next = 0;
  /** Unused keys of skipped generations within the out-of-order window, by generation. */
  readonly #retained = new Map<number, KeyAndNonce>();

  /** Takes ownership of `rootSecret`, `ratchet_secret_[N]_[0]`. */
  constructor(
    private readonly cs: CipherSuite,
    rootSecret: Uint8Array | undefined,
    private readonly policy: RatchetPolicy,
    /** Names the ratchet in errors, e.g. "leaf 3 application ratchet". */
    private readonly what: string,
  ) {
    this.#secret = rootSecret;
  }

  /**
   * A ratchet in the state `state` describes, which the caller has checked (`checkSecretTreeState`). Bytes
   * are copied. Retained keys outside this policy's out-of-order window are deleted at once, as after a step.
   */
  static fromState(
    cs: CipherSuite,
    state: SenderRatchetState,
    policy: RatchetPolicy,
    what: string,
  ): SenderRatchet {
    const ratchet = new SenderRatchet(cs, state.secret?.slice(), policy, what);
    ratchet.#next = state.next;
    for (const [generation, key, nonce] of state.retained) {
      ratchet.#retained.set(generation, { key: key.slice(), nonce: nonce.slice() });
    }
    ratchet.evictOld();
    return ratchet;
  }

  /** A copy of what this ratchet still holds (§9.2: nothing consumed), retained keys by ascending generation. */
  exportState(): SenderRatchetState {
    return {
      next: this.#next,
      secret: this.#secret?.slice(),
      retained: [...this.#retained]
        .sort(([a], [b]) => a - b)
        .map(([generation, kept]) => [generation, kept.key.slice(), kept.nonce.slice()] as const),
    };
  }

  /** The generation the next call to `nextForSending` (or an in-order message) will use. */
  get nextGeneration(): number {
    return this.#next;
  }

  /** How many keys of skipped generations are kept for reordered messages (bounded by the policy). */
  get retainedKeys(): number {
    return this.#retained.size;
  }

  /**
   * §9.1: `ratchet_key_[i]_[j] = DeriveTreeSecret(ratchet_secret_[i]_[j], "key", j, AEAD.Nk)`, nonce likewise.
   * DeriveTreeSecret is ExpandWithLabel with the generation as a big-endian uint32 context (§9), so the
   * context is encoded once per generation and shared by the key, nonce and next-secret expansions.
   */
  private keyAndNonce(secret: Uint8Array, context: Uint8Array): KeyAndNonce {
    return {
      key: expandWithLabel(this.cs, secret, "key", context, this.cs.aeadKeyLength),
      nonce: expandWithLabel(this.cs, secret, "nonce", context, this.cs.aeadNonceLength),
    };
  }

  /** §9.1: `ratchet_secret_[i]_[j+1] = DeriveTreeSecret(ratchet_secret_[i]_[j], "secret", j, KDF.Nh)`. */
  private nextSecret(secret: Uint8Array, context: Uint8Array): Uint8Array {
    return expandWithLabel(this.cs, secret, "secret", context, this.cs.hashLength);
  }

  private step(secret: Uint8Array, generation: number): KeyAndNonce & { nextSecret: Uint8Array } {
    const context = generationContext(generation);
    return { ...this.keyAndNonce(secret, context), nextSecret: this.nextSecret(secret, context) };
  }

  private current(): Uint8Array {
    if (this.#secret === undefined) throw new UsageError(`${this.what} was used after it was deleted`);
    return this.#secret;
  }

  /** The owner's next key; the ratchet moves past it immediately, so it can never be handed out twice. */
  nextForSending(): RatchetKey {
    const generation = this.#next;
    if (generation > MAX_GENERATION) {
      const rule = SecretTreeRule.generationOutOfRange;
      throw new ValidationError(rule.id, rule.section, `${this.what} has used all 2^32 generations`);
    }
    const secret = this.current();
    const { key, nonce, nextSecret } = this.step(secret, generation);
    wipeBytes(secret);
    this.advance(generation, nextSecret);
    return { generation, key, nonce };
  }

  /**
   * Runs `use` with the key of `generation` (a received message's). The ratchet state changes only if `use`
   * returns: a message that fails to decrypt consumes nothing (§9.2 counts only successful decryption).
   */
  withGeneration<T>(generation: number, use: (key: RatchetKey) => T): T {
    if (!Number.isInteger(generation) || generation < 0 || generation > MAX_GENERATION) {
      const rule = SecretTreeRule.generationOutOfRange;
      throw new ValidationError(rule.id, rule.section, `generation ${generation} is not a uint32`);
    }
    return generation < this.#next ? this.useRetained(generation, use) : this.useAhead(generation, use);
  }

  private useRetained<T>(generation: number, use: (key: RatchetKey) => T): T {
    const kept = this.#retained.get(generation);
    if (kept === undefined) {
      const deleted = generation < this.#next - this.policy.outOfOrderTolerance;
      const rule = deleted ? SecretTreeRule.generationDeleted : SecretTreeRule.generationReused;
      const why = deleted
        ? `its key was deleted (older than the out-of-order window of ${this.policy.outOfOrderTolerance})`
        : "its key was already used";
      throw new ValidationError(rule.id, rule.section, `${this.what} generation ${generation}: ${why}`);
    }
    const result = use({ generation, ...kept });
    this.#retained.delete(generation);
    wipeBytes(kept.key, kept.nonce);
    return result;
  }

  private useAhead<T>(generation: number, use: (key: RatchetKey) => T): T {
    const distance = generation - this.#next;
    if (distance > this.policy.maxForwardDistance) {
      const rule = SecretTreeRule.generationTooFarAhead;
      throw new ValidationError(
        rule.id,
        rule.section,
        `${this.what} generation ${generation} is ${distance} steps past the next expected generation ` +
          `${this.#next} (limit ${this.policy.maxForwardDistance})`,
      );
    }
    // Skipped generations that would fall out of the window at once get no key at all, only the chain step.
    const keepFrom = generation + 1 - this.policy.outOfOrderTolerance;
    const skipped = new Map<number, KeyAndNonce>();
    let secret = this.current();
    for (let g = this.#next; g < generation; g++) {
      const context = generationContext(g);
      if (g >= keepFrom) skipped.set(g, this.keyAndNonce(secret, context));
      const next = this.nextSecret(secret, context);
      if (g > this.#next) wipeBytes(secret);
      secret = next;
    }
    const step = this.step(secret, generation);
    if (generation > this.#next) wipeBytes(secret);
    let result: T;
    try {
      result = use({ generation, key: step.key, nonce: step.nonce });
    } catch (err) {
      wipeBytes(step.key, step.nonce, step.nextSecret);
      for (const s of skipped.values()) wipeBytes(s.key, s.nonce);
      throw err;
    }
    wipeBytes(step.key, step.nonce, this.#secret);
    for (const [g, s] of skipped) this.#retained.set(g, s);
    this.advance(generation, step.nextSecret);
    return result;
  }

  /** Moves past `generation`. After the last uint32 generation the chain secret has no use, so it goes (§9.2). */
  private advance(generation: number, nextSecret: Uint8Array): void {
    if (generation >= MAX_GENERATION) {
      wipeBytes(nextSecret);
      this.#secret = undefined;
    } else {
      this.#secret = nextSecret;
    }
    this.#next = generation + 1;
    this.evictOld();
  }

  /** §9.2 / §15.3: keys of skipped generations that fell out of the window are deleted. */
  private evictOld(): void {
    const oldest = this.#next - this.policy.outOfOrderTolerance;
    for (const [g, kept] of this.#retained) {
      if (g < oldest) {
        wipeBytes(kept.key, kept.nonce);
        this.#retained.delete(g);
      }
    }
  }

  /** Deletes the ratchet secret and every retained key (end of epoch). */
  wipe(): void {
    wipeBytes(this.#secret);
    this.#secret = undefined;
    for (const kept of this.#retained.values()) wipeBytes(kept.key, kept.nonce);
    this.#retained.clear();
  }
}
