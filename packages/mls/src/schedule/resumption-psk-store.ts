/**
 * RFC 9420 §8.6 "Resumption PSK": each epoch's `resumption_psk` can later be injected (as a resumption
 * PreSharedKeyID, §8.4) to prove membership in that epoch — for reinitialisation, branching or application
 * use. §8.6 asks applications to bound how many past epochs are kept; this store keeps the newest
 * `maxEpochs` per group and deletes (wipes) the rest.
 */
import { toHex } from "@parley/codec";
import { UsageError } from "../errors.js";
import { Secret } from "./secret.js";

export const DEFAULT_RESUMPTION_PSK_EPOCHS = 8;

export class ResumptionPskStore {
  /** group id (hex) → epoch → resumption_psk. */
  readonly #groups = new Map<string, Map<bigint, Secret>>();

  constructor(readonly maxEpochs = DEFAULT_RESUMPTION_PSK_EPOCHS) {
    if (!Number.isInteger(maxEpochs) || maxEpochs < 1) {
      throw new UsageError(`maxEpochs must be a positive integer, got ${maxEpochs}`);
    }
  }

  /** Keeps a copy of `resumptionPsk` (the epoch's own copy is wiped with the epoch). */
  remember(groupId: Uint8Array, epoch: bigint, resumptionPsk: Uint8Array): void {
    const key = toHex(groupId);
    let epochs = this.#groups.get(key);
    if (epochs === undefined) {
      epochs = new Map();
      this.#groups.set(key, epochs);
    }
    epochs.get(epoch)?.wipe();
    epochs.set(epoch, new Secret(resumptionPsk.slice(), "resumption_psk"));
    const newestFirst = [...epochs.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    for (const old of newestFirst.slice(this.maxEpochs)) {
      epochs.get(old)?.wipe();
      epochs.delete(old);
    }
  }

  /** The stored `resumption_psk`, or undefined when that epoch was never seen or already deleted. */
  lookup(groupId: Uint8Array, epoch: bigint): Uint8Array | undefined {
    return this.#groups.get(toHex(groupId))?.get(epoch)?.bytes;
  }

  /** Deletes everything kept for one group (e.g. when the client leaves it). */
  forgetGroup(groupId: Uint8Array): void {
    const key = toHex(groupId);
    for (const s of this.#groups.get(key)?.values() ?? []) s.wipe();
    this.#groups.delete(key);
  }
}
