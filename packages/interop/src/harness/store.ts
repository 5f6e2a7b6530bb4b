/**
 * The harness's memory: everything a later RPC refers to by number. The contract has one id space for group
 * states, transactions (a key package waiting for its Welcome), external signers and suspended ReInit states —
 * `StorePSK.state_or_transaction_id` may name either of the first two — so one counter issues them all and
 * each entry records its kind. State-changing RPCs that return a `state_id` (HandleCommit,
 * HandlePendingCommit, …) retire the old id and issue a new one, which keeps drivers honest about using the
 * id they were given. What an entry holds depends on the library the harness wraps; the id rules do not.
 */
import { unknownId, wrongPhase } from "./errors.js";

export type EntryKind = "group" | "transaction" | "signer" | "reinit";

export interface StoreEntry {
  readonly kind: EntryKind;
}

type EntryOf<E extends StoreEntry, K extends EntryKind> = Extract<E, { kind: K }>;

const KIND_NAMES: Readonly<Record<EntryKind, string>> = {
  group: "group state",
  transaction: "transaction",
  signer: "external signer",
  reinit: "reinit state",
};

export class HarnessStore<E extends StoreEntry> {
  readonly #entries = new Map<number, E>();
  #next = 1;

  /** Stores `entry` under a fresh id (ids start at 1 so that an unset proto field never matches). */
  put(entry: E): number {
    const id = this.#next++;
    this.#entries.set(id, entry);
    return id;
  }

  get<K extends E["kind"]>(rpc: string, id: number, kind: K): EntryOf<E, K> {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw unknownId(rpc, KIND_NAMES[kind], id);
    if (entry.kind !== kind)
      throw wrongPhase(rpc, `id ${id} is a ${KIND_NAMES[entry.kind]}, not a ${KIND_NAMES[kind]}`);
    return entry as EntryOf<E, K>;
  }

  /** The entry StorePSK may write to: a group state or a transaction. */
  pskHolder(rpc: string, id: number): EntryOf<E, "group" | "transaction"> {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw unknownId(rpc, "group state or transaction", id);
    if (entry.kind === "group" || entry.kind === "transaction")
      return entry as EntryOf<E, "group" | "transaction">;
    throw wrongPhase(rpc, `id ${id} is a ${KIND_NAMES[entry.kind]}; PSKs go to group states or transactions`);
  }

  /** Retires `id` and stores `entry` under a new one. */
  replace(id: number, entry: E): number {
    this.#entries.delete(id);
    return this.put(entry);
  }

  /** Forgets `id`; returns whether it existed. */
  free(id: number): boolean {
    return this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
