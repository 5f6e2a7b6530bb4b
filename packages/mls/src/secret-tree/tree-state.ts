/**
 * The live state of a secret tree (RFC 9420 §9) in plain values, so that it can be stored and later taken
 * back by another process. It holds exactly what §9.2 lets a member still hold: the frontier of node secrets
 * not yet expanded, and for each leaf whose ratchets exist, each ratchet's next generation, its current
 * secret and the keys of skipped generations kept for reordered messages (§15.3). Nothing consumed is in it,
 * so storing it keeps the forward secrecy of the messages already opened.
 *
 * `checkSecretTreeState` is the strict check run before any of a state is used (SECRET-TREE-6).
 */
import type { CipherSuite } from "../crypto/provider.js";
import { ValidationError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";
import { MAX_LEAVES, level, nodeWidth, toNodeIndex } from "../tree-math/index.js";
import { SecretTreeRule } from "./rules.js";

/** §9.1: generations are uint32. */
export const MAX_GENERATION = 0xffffffff;

/** A key and nonce of a skipped generation still held for a reordered message. */
export type RetainedKey = readonly [generation: number, key: Uint8Array, nonce: Uint8Array];

/** One sender ratchet (§9.1). */
export interface SenderRatchetState {
  /** The next generation (0..2^32): every generation below it was used or skipped. */
  readonly next: number;
  /** `ratchet_secret_[next]`; absent exactly when every uint32 generation has been used (`next` = 2^32). */
  readonly secret: Uint8Array | undefined;
  /** Keys of skipped generations below `next`, strictly ascending by generation. */
  readonly retained: readonly RetainedKey[];
}

/** The two ratchets of one leaf. */
export interface LeafRatchetsState {
  readonly handshake: SenderRatchetState;
  readonly application: SenderRatchetState;
}

export interface SecretTreeState {
  /** The epoch's ratchet-tree leaf count, a power of two (§7.7). */
  readonly leafCount: number;
  /** Secrets of nodes not yet expanded (Appendix C node indices), ascending by node. */
  readonly nodes: readonly (readonly [node: number, secret: Uint8Array])[];
  /** Ratchets of the leaves already derived, ascending by leaf. */
  readonly ratchets: readonly (readonly [leaf: number, ratchets: LeafRatchetsState])[];
}

function malformed(why: string): ValidationError {
  const rule = SecretTreeRule.stateMalformed;
  return new ValidationError(rule.id, rule.section, `secret tree state: ${why}`);
}

function isIndex(v: number, below: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < below;
}

function checkRatchet(cs: CipherSuite, r: SenderRatchetState, what: string): void {
  if (!isIndex(r.next, MAX_GENERATION + 2))
    throw malformed(`${what} next generation ${r.next} is not in 0..2^32`);
  const exhausted = r.next > MAX_GENERATION;
  if (exhausted !== (r.secret === undefined)) {
    throw malformed(`${what} must hold a secret exactly while generations remain (next ${r.next})`);
  }
  if (r.secret !== undefined && r.secret.length !== cs.hashLength) {
    throw malformed(`${what} secret must be ${cs.hashLength} bytes, got ${r.secret.length}`);
  }
  let previous = -1;
  for (const [generation, key, nonce] of r.retained) {
    if (!Number.isInteger(generation) || generation <= previous || generation >= r.next) {
      throw malformed(`${what} retained generation ${generation} is not ascending and below ${r.next}`);
    }
    if (key.length !== cs.aeadKeyLength || nonce.length !== cs.aeadNonceLength) {
      throw malformed(
        `${what} generation ${generation} needs a ${cs.aeadKeyLength}-byte key and ` +
          `${cs.aeadNonceLength}-byte nonce, got ${key.length} and ${nonce.length}`,
      );
    }
    previous = generation;
  }
}

/** The leaves `[first, last]` below node `x` (Appendix C: a level-k node spans 2^k leaves centred on it). */
function leafSpan(x: number): { first: number; last: number } {
  const half = 2 ** level(toNodeIndex(x)) - 1;
  return { first: (x - half) / 2, last: (x + half) / 2 };
}

/**
 * §9.2: every leaf's secrets come from exactly one place — an unexpanded ancestor-or-self node, or its own
 * ratchets. A leaf covered twice would let a consumed key be derived again; one not covered at all cannot be
 * a state the tree was ever in.
 */
function checkCover(state: SecretTreeState): void {
  const spans = [
    ...state.nodes.map(([node]) => ({ ...leafSpan(node), what: `node ${node}` })),
    ...state.ratchets.map(([leaf]) => ({ first: leaf, last: leaf, what: `the ratchets of leaf ${leaf}` })),
  ].sort((a, b) => a.first - b.first);
  let nextLeaf = 0;
  for (const span of spans) {
    if (span.first < nextLeaf) throw malformed(`leaf ${span.first} is covered again by ${span.what}`);
    if (span.first > nextLeaf) throw malformed(`leaf ${nextLeaf} has neither a node secret nor ratchets`);
    nextLeaf = span.last + 1;
  }
  if (nextLeaf !== state.leafCount)
    throw malformed(`leaf ${nextLeaf} has neither a node secret nor ratchets`);
}

/** SECRET-TREE-6: indices in range and unique, suite-sized secrets, keys and nonces, every leaf covered once. */
export function checkSecretTreeState(cs: CipherSuite, state: SecretTreeState): void {
  const { leafCount } = state;
  if (!isIndex(leafCount, MAX_LEAVES + 1) || leafCount === 0 || (leafCount & (leafCount - 1)) !== 0) {
    throw malformed(`leaf count ${leafCount} is not a power of two in 1..${MAX_LEAVES}`);
  }
  const width = nodeWidth(leafCount);
  let previous = -1;
  for (const [node, secret] of state.nodes) {
    if (!isIndex(node, width) || node <= previous) {
      throw malformed(`node ${node} is not ascending and inside a tree of ${width} nodes`);
    }
    if (secret.length !== cs.hashLength) {
      throw malformed(`node ${node} secret must be ${cs.hashLength} bytes, got ${secret.length}`);
    }
    previous = node;
  }
  previous = -1;
  for (const [leaf, ratchets] of state.ratchets) {
    if (!isIndex(leaf, leafCount) || leaf <= previous) {
      throw malformed(`leaf ${leaf} is not ascending and inside a tree of ${leafCount} leaves`);
    }
    checkRatchet(cs, ratchets.handshake, `leaf ${leaf} handshake ratchet`);
    checkRatchet(cs, ratchets.application, `leaf ${leaf} application ratchet`);
    previous = leaf;
  }
  checkCover(state);
}

/**
 * Zeroes every secret, key and nonce in `state`. `exportState` and `fromState` copy, so the copies a caller
 * has finished storing or importing are its to delete (§9.2: no stray representations of a live secret).
 */
export function wipeSecretTreeState(state: SecretTreeState): void {
  for (const [, secret] of state.nodes) wipeBytes(secret);
  for (const [, ratchets] of state.ratchets) {
    for (const r of [ratchets.handshake, ratchets.application]) {
      wipeBytes(r.secret);
      for (const [, key, nonce] of r.retained) wipeBytes(key, nonce);
    }
  }
}
