/**
 * The harness's memory: everything a later RPC refers to by number. The contract has one id space for
 * group states, transactions (a key package waiting for its Welcome), external signers and suspended
 * ReInit states — `StorePSK.state_or_transaction_id` may name either of the first two — so one counter
 * issues them all and each entry records its kind. State-changing RPCs that return a `state_id`
 * (HandleCommit, HandlePendingCommit, …) retire the old id and issue a new one, which keeps drivers honest
 * about using the id they were given.
 */
import type { CiphersuiteImpl, ClientState, Credential, KeyPackage, PrivateKeyPackage } from "ts-mls";
import { unknownId, wrongPhase } from "./errors.js";

/** External PSKs by `bytesToBase64(psk_id)`, the key ts-mls's `makePskIndex` looks them up by. */
export type PskStore = Record<string, Uint8Array>;

/** A commit this member created and has not yet applied (RFC 9420 §12.4: the sender waits for acceptance). */
export interface PendingCommit {
  readonly state: ClientState;
}

export interface GroupEntry {
  readonly kind: "group";
  state: ClientState;
  readonly cs: CiphersuiteImpl;
  readonly encrypt: boolean;
  readonly psks: PskStore;
  /** Hex of proposal messages this member sent → their ProposalRef (base64, as ts-mls keys them). */
  readonly ownProposals: Map<string, string>;
  pending: PendingCommit | undefined;
}

export interface TransactionEntry {
  readonly kind: "transaction";
  readonly keyPackage: KeyPackage;
  readonly privateKeys: PrivateKeyPackage;
  readonly cs: CiphersuiteImpl;
  readonly psks: PskStore;
}

export interface SignerEntry {
  readonly kind: "signer";
  readonly cs: CiphersuiteImpl;
  readonly signaturePublicKey: Uint8Array;
  readonly signaturePrivateKey: Uint8Array;
  readonly credential: Credential;
}

/** A member whose group committed a ReInit: the suspended state plus the key package for the new group. */
export interface ReinitEntry {
  readonly kind: "reinit";
  readonly suspended: ClientState;
  readonly keyPackage: KeyPackage;
  readonly privateKeys: PrivateKeyPackage;
  readonly cs: CiphersuiteImpl;
  readonly encrypt: boolean;
}

export type Entry = GroupEntry | TransactionEntry | SignerEntry | ReinitEntry;
type EntryOf<K extends Entry["kind"]> = Extract<Entry, { kind: K }>;

const KIND_NAMES: Readonly<Record<Entry["kind"], string>> = {
  group: "group state",
  transaction: "transaction",
  signer: "external signer",
  reinit: "reinit state",
};

export class HarnessStore {
  readonly #entries = new Map<number, Entry>();
  #next = 1;

  /** Stores `entry` under a fresh id (ids start at 1 so that an unset proto field never matches). */
  put(entry: Entry): number {
    const id = this.#next++;
    this.#entries.set(id, entry);
    return id;
  }

  get<K extends Entry["kind"]>(rpc: string, id: number, kind: K): EntryOf<K> {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw unknownId(rpc, KIND_NAMES[kind], id);
    if (entry.kind !== kind)
      throw wrongPhase(rpc, `id ${id} is a ${KIND_NAMES[entry.kind]}, not a ${KIND_NAMES[kind]}`);
    return entry as EntryOf<K>;
  }

  /** The entry StorePSK may write to: a group state or a transaction. */
  pskHolder(rpc: string, id: number): GroupEntry | TransactionEntry {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw unknownId(rpc, "group state or transaction", id);
    if (entry.kind === "group" || entry.kind === "transaction") return entry;
    throw wrongPhase(rpc, `id ${id} is a ${KIND_NAMES[entry.kind]}; PSKs go to group states or transactions`);
  }

  /** Retires `id` and stores `entry` under a new one. */
  replace(id: number, entry: Entry): number {
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
