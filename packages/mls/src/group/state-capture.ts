/**
 * Turns a member's in-memory state into the stored form of `state-codec.ts` and back. The stored form holds
 * exactly what memory holds (RFC 9420 §9.2: a deleted secret stays deleted): secrets already wiped are stored
 * as absent, and each secret tree — the current epoch's and those of retained past epochs — as its live state
 * (`SecretTree.exportState`): unexpanded node secrets, ratchet heads and held out-of-order keys, never a
 * consumed key nor `encryption_secret` once the epoch's first message was protected or opened.
 */
import { encode, fromHex, toHex } from "@parley/codec";
import { encodeRatchetTree } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import type { EpochSecrets } from "../schedule/epoch-secrets.js";
import { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import { Secret } from "../schedule/secret.js";
import { toLeafIndex, toNodeIndex } from "../tree-math/index.js";
import { TreePrivateKeys } from "../tree/private-keys.js";
import type { ResolvedGroupConfig } from "./config.js";
import type { EpochState } from "./epoch-state.js";
import type { MemberState } from "./member-state.js";
import {
  capturePastEpoch,
  restoredPastEpochs,
  restoredSecretTree,
  storedRatchetTree,
} from "./past-epochs.js";
import { ProposalCache } from "./proposal-cache.js";
import { GroupRule, groupViolation } from "./rules.js";
import { SECRET_NAMES } from "./state-codec.js";
import type { SecretName, StoredMemberState } from "./state-codec.js";

const SECRET_LABELS: Record<SecretName, string> = {
  senderDataSecret: "sender_data_secret",
  exporterSecret: "exporter_secret",
  externalSecret: "external_secret",
  confirmationKey: "confirmation_key",
  membershipKey: "membership_key",
  resumptionPsk: "resumption_psk",
  initSecret: "init_secret",
};

/** This group's resumption PSKs still held (§8.6), newest first. */
function ownResumptionPsks(m: MemberState): { epoch: bigint; psk: Uint8Array }[] {
  const { groupId, epoch } = m.epoch.context;
  const out: { epoch: bigint; psk: Uint8Array }[] = [];
  for (let e = epoch; e >= 0n && out.length < m.resumption.maxEpochs; e--) {
    const psk = m.resumption.lookup(groupId, e);
    if (psk === undefined) break;
    out.push({ epoch: e, psk });
  }
  return out;
}

/**
 * The stored form of an active member with no pending Commit. A pending Commit is refused rather than stored:
 * its outcome (merge or discard) depends on what the delivery service does next, and storing both epochs
 * would double the secrets at rest.
 */
export function captureMemberState(m: MemberState): StoredMemberState {
  if (m.status !== "active") throw new UsageError("a removed member has no group state to serialize");
  if (m.pending !== undefined) {
    throw new UsageError("a Commit is pending: merge or discard it before serializing the group");
  }
  const e = m.epoch;
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => {
      const s = e.secrets[name];
      return [name, s.wiped ? undefined : s.bytes];
    }),
  ) as Record<SecretName, Uint8Array | undefined>;
  return {
    signaturePrivateKey: m.signaturePrivateKey,
    context: e.context,
    ratchetTree: encode(e.tree.toNodes(), encodeRatchetTree),
    ownLeaf: e.ownLeaf,
    privateKeys: e.keys.nodes().flatMap((node) => {
      const key = e.keys.get(node);
      return key === undefined ? [] : [{ node, key }];
    }),
    secrets,
    epochAuthenticator: e.secrets.epochAuthenticator,
    interimTranscriptHash: e.interimTranscriptHash,
    confirmationTag: e.confirmationTag,
    reinit: e.reinit,
    secretTree: e.secretTree.exportState(),
    proposals: m.cache
      .all()
      .map((p) => ({ ref: p.ref ?? new Uint8Array(0), sender: p.sender, proposal: p.proposal })),
    ownUpdates: [...m.ownUpdates].map(([hex, privateKey]) => ({ encryptionKey: fromHex(hex), privateKey })),
    resumptionPsks: ownResumptionPsks(m),
    pastEpochs: m.past.map(capturePastEpoch),
  };
}

/**
 * An `EpochSecrets` holding the stored secrets; those stored as absent are already deleted, and so is
 * `encryption_secret`, whose only trace is the secret tree (§9.2).
 */
function restoredSecrets(stored: StoredMemberState): EpochSecrets {
  const parts = Object.fromEntries(
    SECRET_NAMES.map((name) => {
      const bytes = stored.secrets[name];
      const secret = new Secret(bytes ?? new Uint8Array(0), SECRET_LABELS[name]);
      if (bytes === undefined) secret.wipe();
      return [name, secret];
    }),
  ) as Record<SecretName, Secret>;
  const encryptionSecret = new Secret(new Uint8Array(0), "encryption_secret");
  encryptionSecret.wipe();
  return {
    ...parts,
    encryptionSecret,
    epochAuthenticator: stored.epochAuthenticator,
    wipe(): void {
      for (const name of SECRET_NAMES) parts[name].wipe();
    },
  };
}

function restoredEpoch(cs: CipherSuite, config: ResolvedGroupConfig, stored: StoredMemberState): EpochState {
  const tree = storedRatchetTree(cs, stored.ratchetTree, stored.context, "the stored ratchet tree");
  const ownLeaf = toLeafIndex(stored.ownLeaf);
  if (ownLeaf >= tree.leafCount || tree.leaf(ownLeaf) === undefined) {
    throw groupViolation(GroupRule.stateMalformed, `the stored own leaf ${ownLeaf} is blank`);
  }
  const keys = new TreePrivateKeys();
  for (const { node, key } of stored.privateKeys) keys.set(toNodeIndex(node), key);
  const secrets = restoredSecrets(stored);
  const secretTree = restoredSecretTree(cs, config, stored.secretTree, tree, "the stored secret tree");
  return {
    ...{ cs, context: stored.context, tree, keys, ownLeaf, secrets, secretTree },
    ...{ interimTranscriptHash: stored.interimTranscriptHash, confirmationTag: stored.confirmationTag },
    reinit: stored.reinit,
  };
}

/** The member state a stored state describes, with the retained past epochs the configuration allows. */
export function restoreMemberState(
  cs: CipherSuite,
  config: ResolvedGroupConfig,
  stored: StoredMemberState,
  resumption: ResumptionPskStore | undefined,
): MemberState {
  if (stored.context.cipherSuite !== cs.id) {
    throw groupViolation(GroupRule.stateMalformed, "the stored GroupContext names another cipher suite");
  }
  const epoch = restoredEpoch(cs, config, stored);
  const past = restoredPastEpochs(cs, config, stored.context, stored.pastEpochs);
  const cache = new ProposalCache();
  for (const p of stored.proposals) cache.add(p.ref, p.proposal, p.sender);
  const store = resumption ?? new ResumptionPskStore(config.resumptionPskEpochs);
  for (const p of [...stored.resumptionPsks].reverse())
    store.remember(stored.context.groupId, p.epoch, p.psk);
  const ownUpdates = new Map(stored.ownUpdates.map((u) => [toHex(u.encryptionKey), u.privateKey]));
  return {
    ...{ config, signaturePrivateKey: stored.signaturePrivateKey, epoch, past, cache, resumption: store },
    ...{ ownUpdates, pending: undefined, status: "active" },
  };
}
