/**
 * What the ts-mls harness keeps under each id: ts-mls's immutable client states and key packages. The id
 * rules (one id space, ids retired when a response replaces them) are the shared ones of
 * ../harness/store.ts.
 */
import type { CiphersuiteImpl, ClientState, Credential, KeyPackage, PrivateKeyPackage } from "ts-mls";
import type { HarnessStore } from "../harness/store.js";

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

/** The ts-mls harness's id space. */
export type TsMlsStore = HarnessStore<Entry>;

/** A group entry for `state` at the start of an epoch: no proposals of its own, no commit pending. */
export function groupEntry(
  state: ClientState,
  cs: CiphersuiteImpl,
  encrypt: boolean,
  psks: PskStore = {},
): GroupEntry {
  return { kind: "group", state, cs, encrypt, psks, ownProposals: new Map(), pending: undefined };
}

/** A key package waiting for the Welcome that uses it. */
export function transactionEntry(
  keyPackage: KeyPackage,
  privateKeys: PrivateKeyPackage,
  cs: CiphersuiteImpl,
): TransactionEntry {
  return { kind: "transaction", keyPackage, privateKeys, cs, psks: {} };
}

/** The private keys the contract returns with a new key package (CreateKeyPackage, NewMemberAddProposal). */
export function privateKeysOf(privateKeys: PrivateKeyPackage): {
  initPriv: Uint8Array;
  encryptionPriv: Uint8Array;
  signaturePriv: Uint8Array;
} {
  return {
    initPriv: privateKeys.initPrivateKey,
    encryptionPriv: privateKeys.hpkePrivateKey,
    signaturePriv: privateKeys.signaturePrivateKey,
  };
}
