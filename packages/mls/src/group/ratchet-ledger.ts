/**
 * How far each sender ratchet of an epoch's secret tree (RFC 9420 §9.1) has been used, in a form that can be
 * stored and replayed. The secret tree exposes no export of its internal secrets, so a restored epoch rebuilds
 * its secret tree from `encryption_secret` and replays this ledger: every ratchet is moved to the generation
 * it had reached, and every key consumed before the state was stored is consumed again at once (§9.2), so the
 * restored state cannot open a message the stored state had already opened. Keys of skipped generations that
 * were still held for reordered messages (§15.3) stay usable.
 */
import { ValidationError } from "../errors.js";
import type { SecretTree } from "../secret-tree/secret-tree.js";
import { defaultRatchetPolicy } from "../secret-tree/sender-ratchet.js";
import type { RatchetPolicy, RatchetType } from "../secret-tree/sender-ratchet.js";
import { ratchetUseKey } from "./epoch-state.js";
import type { RatchetUse } from "./epoch-state.js";

/** One ratchet's position: the next generation, and the older generations whose keys are still held. */
export interface RatchetRecord {
  readonly leaf: number;
  readonly type: RatchetType;
  readonly next: number;
  readonly retained: readonly number[];
}

/** Thrown by the probe below; never escapes this module. */
class Probe extends Error {}

export function fullPolicy(policy: Partial<RatchetPolicy>): RatchetPolicy {
  return { ...defaultRatchetPolicy, ...policy };
}

function parseKey(key: string): { leaf: number; type: RatchetType } {
  const [type, leaf] = key.split(":");
  return { leaf: Number(leaf), type: type === "handshake" ? "handshake" : "application" };
}

/**
 * Which generations below `next` still have a key: asks the ratchet for each one with a callback that throws,
 * so the ratchet keeps the key (it deletes a retained key only after a successful use) and nothing changes.
 */
function retainedGenerations(
  tree: SecretTree,
  leaf: number,
  type: RatchetType,
  next: number,
  tolerance: number,
) {
  const ratchet = tree.ratchet(leaf, type);
  const kept: number[] = [];
  for (let g = Math.max(0, next - tolerance); g < next; g++) {
    try {
      ratchet.withGeneration(g, () => {
        throw new Probe();
      });
    } catch (e) {
      if (e instanceof Probe) kept.push(g);
      else if (!(e instanceof ValidationError)) throw e;
    }
  }
  return kept;
}

/** The ledger of every ratchet this epoch has used, in a stable order. */
export function captureRatchets(
  tree: SecretTree,
  use: RatchetUse,
  policy: Partial<RatchetPolicy>,
): RatchetRecord[] {
  const { outOfOrderTolerance } = fullPolicy(policy);
  return [...use.entries()]
    .map(([key, next]) => {
      const { leaf, type } = parseKey(key);
      return { leaf, type, next, retained: retainedGenerations(tree, leaf, type, next, outOfOrderTolerance) };
    })
    .sort((a, b) => a.leaf - b.leaf || a.type.localeCompare(b.type));
}

const consume = (): undefined => undefined;

/**
 * Moves a fresh secret tree to the ledger's positions (in steps no longer than the forward limit, which
 * guards against a single message, not against replay) and deletes every consumed key (§9.2).
 */
export function replayRatchets(
  tree: SecretTree,
  records: readonly RatchetRecord[],
  policy: Partial<RatchetPolicy>,
): RatchetUse {
  const { maxForwardDistance, outOfOrderTolerance } = fullPolicy(policy);
  const use: RatchetUse = new Map();
  for (const record of records) {
    if (record.next === 0) continue;
    const ratchet = tree.ratchet(record.leaf, record.type);
    const last = record.next - 1;
    for (let at = 0; at <= last;) {
      const target = Math.min(last, at + maxForwardDistance);
      ratchet.withGeneration(target, consume);
      at = target + 1;
    }
    const keep = new Set(record.retained);
    for (let g = Math.max(0, last - outOfOrderTolerance); g < last; g++) {
      if (keep.has(g)) continue;
      try {
        ratchet.withGeneration(g, consume);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
      }
    }
    use.set(ratchetUseKey(record.leaf, record.type), record.next);
  }
  return use;
}
