/**
 * The body of a stored member state (see `persistence.ts`), in the TLS presentation language of RFC 9420 §1.3
 * so that it is decoded as strictly as any protocol message:
 *
 * ```
 * struct { uint32 node; opaque private_key<V>; } StoredNodeKey;
 * struct { optional<opaque> secret<V>; } StoredSecret;          // absent once deleted (§9.2)
 * struct { opaque ref<V>; Sender sender; Proposal proposal; } StoredProposal;
 * struct { opaque encryption_key<V>; opaque private_key<V>; } StoredUpdateKey;
 * struct { uint64 epoch; opaque resumption_psk<V>; } StoredResumptionPsk;
 * struct {
 *   GroupContext context;
 *   opaque ratchet_tree<V>;
 *   opaque sender_data_secret<V>;
 *   StoredSecretTree secret_tree;           // stored-secret-tree.ts
 * } StoredPastEpoch;                        // kept for late application messages (§15.3)
 * struct {
 *   opaque signature_private_key<V>;
 *   GroupContext context;
 *   opaque ratchet_tree<V>;                 // the ratchet_tree extension body (§12.4.3.3)
 *   uint32 own_leaf;
 *   StoredNodeKey private_keys<V>;
 *   StoredSecret secrets[7];                // the §8 table order plus init, without encryption_secret
 *   opaque epoch_authenticator<V>;
 *   opaque interim_transcript_hash<V>;
 *   opaque confirmation_tag<V>;
 *   optional<ReInit> reinit;
 *   StoredSecretTree secret_tree;           // the tree's live state; encryption_secret is never stored
 *   StoredProposal proposals<V>;            // the epoch's proposal cache, in arrival order
 *   StoredUpdateKey own_updates<V>;
 *   StoredResumptionPsk resumption_psks<V>; // this group's, newest first
 *   StoredPastEpoch past_epochs<V>;         // oldest first
 * } StoredMemberState;
 * ```
 */
import type { Reader, Writer } from "@parley/codec";
import {
  decodeGroupContext,
  decodeProposal,
  decodeReInit,
  decodeSender,
  encodeGroupContext,
  encodeProposal,
  encodeReInit,
  encodeSender,
} from "../codec/index.js";
import type { GroupContext, Proposal, ReInit, Sender } from "../codec/index.js";
import type { SecretTreeState } from "../secret-tree/tree-state.js";
import { decodeStoredSecretTree, encodeStoredSecretTree } from "./stored-secret-tree.js";

/**
 * The stored secrets of an epoch, in the order of the RFC 9420 §8 table (plus init_secret). `encryption_secret`
 * is not among them: it is deleted once the secret tree is built, whose live state is stored instead (§9.2).
 */
export const SECRET_NAMES = [
  "senderDataSecret",
  "exporterSecret",
  "externalSecret",
  "confirmationKey",
  "membershipKey",
  "resumptionPsk",
  "initSecret",
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface StoredMemberState {
  readonly signaturePrivateKey: Uint8Array;
  readonly context: GroupContext;
  readonly ratchetTree: Uint8Array;
  readonly ownLeaf: number;
  readonly privateKeys: readonly { readonly node: number; readonly key: Uint8Array }[];
  readonly secrets: Readonly<Record<SecretName, Uint8Array | undefined>>;
  readonly epochAuthenticator: Uint8Array;
  readonly interimTranscriptHash: Uint8Array;
  readonly confirmationTag: Uint8Array;
  readonly reinit: ReInit | undefined;
  readonly secretTree: SecretTreeState;
  readonly proposals: readonly {
    readonly ref: Uint8Array;
    readonly sender: Sender;
    readonly proposal: Proposal;
  }[];
  readonly ownUpdates: readonly { readonly encryptionKey: Uint8Array; readonly privateKey: Uint8Array }[];
  readonly resumptionPsks: readonly { readonly epoch: bigint; readonly psk: Uint8Array }[];
  readonly pastEpochs: readonly StoredPastEpoch[];
}

/** A past epoch kept for late application messages: nothing but what opening them needs (§15.3). */
export interface StoredPastEpoch {
  readonly context: GroupContext;
  readonly ratchetTree: Uint8Array;
  readonly senderDataSecret: Uint8Array;
  readonly secretTree: SecretTreeState;
}

function encodePastEpoch(w: Writer, v: StoredPastEpoch): void {
  encodeGroupContext(w, v.context);
  w.opaque(v.ratchetTree).opaque(v.senderDataSecret);
  encodeStoredSecretTree(w, v.secretTree);
}

function decodePastEpoch(r: Reader, i: number): StoredPastEpoch {
  const at = `past_epochs[${i}]`;
  const context = decodeGroupContext(r, `${at}.context`);
  const ratchetTree = r.opaque(`${at}.ratchet_tree`).slice();
  const senderDataSecret = r.opaque(`${at}.sender_data_secret`).slice();
  return {
    context,
    ratchetTree,
    senderDataSecret,
    secretTree: decodeStoredSecretTree(r, `${at}.secret_tree`),
  };
}

export function encodeStoredMemberState(w: Writer, v: StoredMemberState): void {
  w.opaque(v.signaturePrivateKey);
  encodeGroupContext(w, v.context);
  w.opaque(v.ratchetTree).u32(v.ownLeaf);
  w.vector(v.privateKeys, (ww, k) => ww.u32(k.node).opaque(k.key));
  for (const name of SECRET_NAMES) w.optional(v.secrets[name], (ww, s) => ww.opaque(s));
  w.opaque(v.epochAuthenticator).opaque(v.interimTranscriptHash).opaque(v.confirmationTag);
  w.optional(v.reinit, encodeReInit);
  encodeStoredSecretTree(w, v.secretTree);
  w.vector(v.proposals, (ww, p) => {
    ww.opaque(p.ref);
    encodeSender(ww, p.sender);
    encodeProposal(ww, p.proposal);
  });
  w.vector(v.ownUpdates, (ww, u) => ww.opaque(u.encryptionKey).opaque(u.privateKey));
  w.vector(v.resumptionPsks, (ww, p) => ww.u64(p.epoch).opaque(p.psk));
  w.vector(v.pastEpochs, encodePastEpoch);
}

function decodeSecrets(r: Reader): Record<SecretName, Uint8Array | undefined> {
  const out: Partial<Record<SecretName, Uint8Array | undefined>> = {};
  for (const name of SECRET_NAMES) out[name] = r.optional(`secrets.${name}`, (o) => o.opaque(name).slice());
  return out as Record<SecretName, Uint8Array | undefined>;
}

export function decodeStoredMemberState(r: Reader): StoredMemberState {
  const signaturePrivateKey = r.opaque("signature_private_key").slice();
  const context = decodeGroupContext(r, "context");
  const ratchetTree = r.opaque("ratchet_tree").slice();
  const ownLeaf = r.u32("own_leaf");
  const privateKeys = r.vector("private_keys", (rr, i) => ({
    node: rr.u32(`private_keys[${i}].node`),
    key: rr.opaque(`private_keys[${i}].private_key`).slice(),
  }));
  const secrets = decodeSecrets(r);
  const epochAuthenticator = r.opaque("epoch_authenticator").slice();
  const interimTranscriptHash = r.opaque("interim_transcript_hash").slice();
  const confirmationTag = r.opaque("confirmation_tag").slice();
  const reinit = r.optional("reinit", (o) => decodeReInit(o, "reinit"));
  const secretTree = decodeStoredSecretTree(r, "secret_tree");
  const proposals = r.vector("proposals", (rr, i) => ({
    ref: rr.opaque(`proposals[${i}].ref`).slice(),
    sender: decodeSender(rr, `proposals[${i}].sender`),
    proposal: decodeProposal(rr, `proposals[${i}].proposal`),
  }));
  const ownUpdates = r.vector("own_updates", (rr, i) => ({
    encryptionKey: rr.opaque(`own_updates[${i}].encryption_key`).slice(),
    privateKey: rr.opaque(`own_updates[${i}].private_key`).slice(),
  }));
  const resumptionPsks = r.vector("resumption_psks", (rr, i) => ({
    epoch: rr.u64(`resumption_psks[${i}].epoch`),
    psk: rr.opaque(`resumption_psks[${i}].resumption_psk`).slice(),
  }));
  const pastEpochs = r.vector("past_epochs", decodePastEpoch);
  return {
    ...{ signaturePrivateKey, context, ratchetTree, ownLeaf, privateKeys, secrets, epochAuthenticator },
    ...{ interimTranscriptHash, confirmationTag, reinit, secretTree, proposals, ownUpdates, resumptionPsks },
    pastEpochs,
  };
}
