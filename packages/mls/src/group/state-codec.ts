/**
 * The body of a stored member state (see `persistence.ts`), in the TLS presentation language of RFC 9420 §1.3
 * so that it is decoded as strictly as any protocol message:
 *
 * ```
 * struct { uint32 node; opaque private_key<V>; } StoredNodeKey;
 * struct { optional<opaque> secret<V>; } StoredSecret;          // absent once deleted (§9.2)
 * struct { uint32 leaf; uint8 type; uint32 next; uint32 retained<V>; } StoredRatchet;
 * struct { opaque ref<V>; Sender sender; Proposal proposal; } StoredProposal;
 * struct { opaque encryption_key<V>; opaque private_key<V>; } StoredUpdateKey;
 * struct { uint64 epoch; opaque resumption_psk<V>; } StoredResumptionPsk;
 * struct {
 *   opaque signature_private_key<V>;
 *   GroupContext context;
 *   opaque ratchet_tree<V>;                 // the ratchet_tree extension body (§12.4.3.3)
 *   uint32 own_leaf;
 *   StoredNodeKey private_keys<V>;
 *   StoredSecret secrets[8];                // sender_data … init, in the §8 table order
 *   opaque epoch_authenticator<V>;
 *   opaque interim_transcript_hash<V>;
 *   opaque confirmation_tag<V>;
 *   optional<ReInit> reinit;
 *   StoredRatchet ratchets<V>;
 *   StoredProposal proposals<V>;            // the epoch's proposal cache, in arrival order
 *   StoredUpdateKey own_updates<V>;
 *   StoredResumptionPsk resumption_psks<V>; // this group's, newest first
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
import type { RatchetRecord } from "./ratchet-ledger.js";

/** The eight deletable secrets of an epoch, in the order of the RFC 9420 §8 table (plus init_secret). */
export const SECRET_NAMES = [
  "senderDataSecret",
  "encryptionSecret",
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
  readonly ratchets: readonly RatchetRecord[];
  readonly proposals: readonly {
    readonly ref: Uint8Array;
    readonly sender: Sender;
    readonly proposal: Proposal;
  }[];
  readonly ownUpdates: readonly { readonly encryptionKey: Uint8Array; readonly privateKey: Uint8Array }[];
  readonly resumptionPsks: readonly { readonly epoch: bigint; readonly psk: Uint8Array }[];
}

const RATCHET_TYPES = { handshake: 1, application: 2 } as const;

function encodeRatchet(w: Writer, v: RatchetRecord): void {
  w.u32(v.leaf).u8(RATCHET_TYPES[v.type]).u32(v.next);
  w.vector(v.retained, (ww, g) => ww.u32(g));
}

function decodeRatchet(r: Reader, i: number): RatchetRecord {
  const at = `ratchets[${i}]`;
  const leaf = r.u32(`${at}.leaf`);
  const code = r.u8(`${at}.type`);
  if (code !== RATCHET_TYPES.handshake && code !== RATCHET_TYPES.application) {
    r.fail(`unknown ratchet type ${code}`, `${at}.type`);
  }
  const type = code === RATCHET_TYPES.handshake ? "handshake" : "application";
  const next = r.u32(`${at}.next`);
  const retained = r.vector(`${at}.retained`, (rr) => rr.u32(`${at}.retained`));
  if (retained.some((g, k) => g >= next || (k > 0 && g <= (retained[k - 1] ?? 0)))) {
    r.fail("retained generations must be ascending and below next", `${at}.retained`);
  }
  return { leaf, type, next, retained };
}

export function encodeStoredMemberState(w: Writer, v: StoredMemberState): void {
  w.opaque(v.signaturePrivateKey);
  encodeGroupContext(w, v.context);
  w.opaque(v.ratchetTree).u32(v.ownLeaf);
  w.vector(v.privateKeys, (ww, k) => ww.u32(k.node).opaque(k.key));
  for (const name of SECRET_NAMES) w.optional(v.secrets[name], (ww, s) => ww.opaque(s));
  w.opaque(v.epochAuthenticator).opaque(v.interimTranscriptHash).opaque(v.confirmationTag);
  w.optional(v.reinit, encodeReInit);
  w.vector(v.ratchets, encodeRatchet);
  w.vector(v.proposals, (ww, p) => {
    ww.opaque(p.ref);
    encodeSender(ww, p.sender);
    encodeProposal(ww, p.proposal);
  });
  w.vector(v.ownUpdates, (ww, u) => ww.opaque(u.encryptionKey).opaque(u.privateKey));
  w.vector(v.resumptionPsks, (ww, p) => ww.u64(p.epoch).opaque(p.psk));
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
  const ratchets = r.vector("ratchets", decodeRatchet);
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
  return {
    ...{ signaturePrivateKey, context, ratchetTree, ownLeaf, privateKeys, secrets, epochAuthenticator },
    ...{ interimTranscriptHash, confirmationTag, reinit, ratchets, proposals, ownUpdates, resumptionPsks },
  };
}
