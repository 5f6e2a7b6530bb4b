/**
 * What the Parley harness keeps under each id. A Parley `Group` is a mutable object that stages and merges its
 * own epochs, so a group entry wraps one; the harness adds only what the contract needs and the group API does
 * not track: which proposal messages this member holds in the current epoch (to commit exactly the ones a
 * request lists) and the PSK store its GroupConfig reads. The id rules are the shared ones of
 * ../harness/store.ts.
 */
import type { CreatedKeyPackage, Credential, Group, KeyPair, MemoryPskStore, ReInit } from "@parley/mls";
import type { HarnessStore } from "../harness/store.js";

export interface GroupEntry {
  readonly kind: "group";
  readonly group: Group;
  /** The contract's `encrypt_handshake` (RFC 9420 §6: PrivateMessage handshakes). */
  readonly encrypt: boolean;
  /** External PSKs (§8.4) the group's config reads; StorePSK adds to it. */
  readonly psks: MemoryPskStore;
  /** Hex of each proposal message this member sent or took in this epoch → its ProposalRef (hex, §5.2). */
  readonly messages: Map<string, string>;
  /** ProposalRef (hex) → proposal type, for every proposal this member holds in this epoch. */
  readonly held: Map<string, number>;
}

export interface TransactionEntry {
  readonly kind: "transaction";
  readonly keyPackage: CreatedKeyPackage;
  readonly psks: MemoryPskStore;
}

export interface SignerEntry {
  readonly kind: "signer";
  readonly cipherSuite: number;
  readonly keyPair: KeyPair;
  readonly credential: Credential;
}

/** A member whose group committed a ReInit (§11.2): the closed group and its key package for the new one. */
export interface ReinitEntry {
  readonly kind: "reinit";
  readonly old: Group;
  readonly reinit: ReInit;
  readonly keyPackage: CreatedKeyPackage;
  readonly encrypt: boolean;
  readonly psks: MemoryPskStore;
}

export type Entry = GroupEntry | TransactionEntry | SignerEntry | ReinitEntry;

/** The Parley harness's id space. */
export type ParleyStore = HarnessStore<Entry>;

/** A group entry for `group` at the start of an epoch: it holds no proposals yet. */
export function groupEntry(group: Group, encrypt: boolean, psks: MemoryPskStore): GroupEntry {
  return { kind: "group", group, encrypt, psks, messages: new Map(), held: new Map() };
}
