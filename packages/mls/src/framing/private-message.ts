/**
 * RFC 9420 §6.3 "Encoding and Decoding a Private Message": content encrypted under the sender's ratchet key
 * (§6.3.1, with the reuse guard XORed into the nonce), sender data encrypted under a key sampled from that
 * ciphertext (§6.3.2).
 */
import { CodecError, Reader, Writer } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import {
  ContentType,
  REUSE_GUARD_LENGTH,
  SenderType,
  WireFormat,
  decodePrivateMessageContent,
  encodePrivateContentAAD,
  encodePrivateMessageContent,
} from "../codec/index.js";
import type { AuthenticatedContent, FramedContent, GroupContext, PrivateMessage } from "../codec/index.js";
import { UsageError, ValidationError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";
import type { SecretTree } from "../secret-tree/secret-tree.js";
import type { RatchetType } from "../secret-tree/sender-ratchet.js";
import type { UnverifiedAuthenticatedContent } from "./content-auth.js";
import { checkGroupAndEpoch } from "./epoch-check.js";
import { FramingRule } from "./rules.js";
import { decryptSenderData, encryptSenderData } from "./sender-data.js";

/** The epoch state PrivateMessage protection needs. */
export interface PrivateMessageKeys {
  readonly groupContext: GroupContext;
  readonly senderDataSecret: Uint8Array;
  /** This epoch's secret tree; protecting and unprotecting consume its keys. */
  readonly secretTree: SecretTree;
}

export interface ProtectOptions {
  /** Zero bytes appended to the content (§6.3.1, §15.1 "Padding"); default 0. */
  readonly paddingLength?: number;
  /** Source of the fresh reuse guard (§6.3.1); the provider's `randomBytes`. */
  readonly randomBytes: (n: number) => Uint8Array;
}

export interface UnprotectOptions {
  /**
   * §6.3.2: "the recipient MUST verify that the leaf index … identifies a non-blank node". The caller owns
   * the ratchet tree, so it answers; leaves outside the secret tree are rejected before it is asked.
   */
  readonly isMemberLeaf: (leafIndex: number) => boolean;
}

/** §6.3.1: application data uses the application ratchet, proposals and commits the handshake ratchet. */
export function ratchetTypeFor(contentType: ContentType): RatchetType {
  return contentType === ContentType.application ? "application" : "handshake";
}

/**
 * §6.3.1: the first four bytes of the ratchet nonce XORed with the reuse guard, written into `nonce` itself.
 * Only for nonces the caller owns: a receiver's retained key must stay intact if decryption fails.
 */
function applyReuseGuard(nonce: Uint8Array, reuseGuard: Uint8Array): Uint8Array {
  for (let i = 0; i < REUSE_GUARD_LENGTH; i++) nonce[i] = (nonce[i] ?? 0) ^ (reuseGuard[i] ?? 0);
  return nonce;
}

/** Encodes with a writer sized for `capacity` bytes, so the common message never regrows its buffer. */
function encodeSized<T>(capacity: number, value: T, enc: (w: Writer, v: T) => void): Uint8Array {
  const w = new Writer(capacity);
  enc(w, value);
  return w.finish();
}

/** §6.3.1 PrivateContentAAD: group_id, epoch, content_type, authenticated_data. */
function contentAad(m: Pick<PrivateMessage, "groupId" | "epoch" | "contentType" | "authenticatedData">) {
  const aad = {
    groupId: m.groupId,
    epoch: m.epoch,
    contentType: m.contentType,
    authenticatedData: m.authenticatedData,
  };
  return encodeSized(m.groupId.length + m.authenticatedData.length + 24, aad, encodePrivateContentAAD);
}

/** Room for the body (application data, or a typical handshake message), the signature and the padding. */
function plaintextCapacity(content: FramedContent, signature: Uint8Array, paddingLength: number): number {
  const body = content.contentType === ContentType.application ? content.applicationData.length : 256;
  return body + signature.length + paddingLength + 80;
}

/** Encrypts signed content from this member into a PrivateMessage, consuming one ratchet generation. */
export function protectPrivateMessage(
  cs: CipherSuite,
  ac: AuthenticatedContent,
  keys: PrivateMessageKeys,
  options: ProtectOptions,
): PrivateMessage {
  const { content } = ac;
  if (ac.wireFormat !== WireFormat.mlsPrivateMessage) {
    throw new UsageError("content signed for a PublicMessage cannot be sent as a PrivateMessage (§6.1)");
  }
  // §6.3.2: "the sender MUST verify Sender.sender_type is member".
  if (content.sender.senderType !== SenderType.member) {
    throw new UsageError("only members send PrivateMessages (RFC 9420 §6.3.2)");
  }
  checkGroupAndEpoch(keys.groupContext, content.groupId, content.epoch);
  const header = {
    groupId: content.groupId,
    epoch: content.epoch,
    contentType: content.contentType,
    authenticatedData: content.authenticatedData,
  };
  const paddingLength = options.paddingLength ?? 0;
  const plaintext = encodeSized(
    plaintextCapacity(content, ac.auth.signature, paddingLength),
    { ...content, auth: ac.auth, paddingLength },
    encodePrivateMessageContent,
  );
  const reuseGuard = options.randomBytes(REUSE_GUARD_LENGTH);
  const ratchet = keys.secretTree.ratchet(content.sender.leafIndex, ratchetTypeFor(content.contentType));
  const { generation, key, nonce } = ratchet.nextForSending();
  // nextForSending hands its key and nonce to this call alone: guard the nonce in place, wipe both after.
  const ciphertext = cs.seal(key, applyReuseGuard(nonce, reuseGuard), contentAad(header), plaintext);
  wipeBytes(key, nonce, plaintext);
  const senderData = { leafIndex: content.sender.leafIndex, generation, reuseGuard };
  const encryptedSenderData = encryptSenderData(cs, keys.senderDataSecret, header, senderData, ciphertext);
  return { ...header, encryptedSenderData, ciphertext };
}

/**
 * §6.3: checks group and epoch, decrypts the sender data, checks the sender's leaf, decrypts the content
 * with that leaf's ratchet (consuming the generation only on success) and rebuilds the FramedContent.
 * The signature is still unchecked: see `verifyAuthenticatedContent`.
 */
export function unprotectPrivateMessage(
  cs: CipherSuite,
  message: PrivateMessage,
  keys: PrivateMessageKeys,
  options: UnprotectOptions,
): UnverifiedAuthenticatedContent {
  checkGroupAndEpoch(keys.groupContext, message.groupId, message.epoch);
  const { leafIndex, generation, reuseGuard } = decryptSenderData(cs, keys.senderDataSecret, message);
  if (leafIndex >= keys.secretTree.leafCount || !options.isMemberLeaf(leafIndex)) {
    const rule = FramingRule.senderLeaf;
    throw new ValidationError(rule.id, rule.section, `sender data names leaf ${leafIndex}, not a member`);
  }
  const ratchet = keys.secretTree.ratchet(leafIndex, ratchetTypeFor(message.contentType));
  const aad = contentAad(message);
  const plaintext = ratchet.withGeneration(generation, ({ key, nonce }) => {
    const guarded = applyReuseGuard(nonce.slice(), reuseGuard);
    try {
      return cs.open(key, guarded, aad, message.ciphertext);
    } finally {
      wipeBytes(guarded);
    }
  });
  const body = decodeContent(plaintext, message.contentType);
  wipeBytes(plaintext);
  const content: FramedContent = {
    groupId: message.groupId,
    epoch: message.epoch,
    sender: { senderType: SenderType.member, leafIndex },
    authenticatedData: message.authenticatedData,
    ...body.body,
  };
  return {
    authenticatedContent: { wireFormat: WireFormat.mlsPrivateMessage, content, auth: body.auth },
    leafIndex,
    generation,
  };
}

/** §6.3.1: the plaintext must decode exactly as the content type says, with all-zero padding. */
function decodeContent(plaintext: Uint8Array, contentType: ContentType) {
  try {
    const r = new Reader(plaintext);
    const { auth, paddingLength: _padding, ...body } = decodePrivateMessageContent(r, contentType);
    r.done("PrivateMessageContent");
    return { body, auth };
  } catch (err) {
    if (!(err instanceof CodecError)) throw err;
    const rule = FramingRule.privateContent;
    throw new ValidationError(rule.id, rule.section, `malformed PrivateMessageContent: ${err.message}`, {
      cause: err,
    });
  }
}
