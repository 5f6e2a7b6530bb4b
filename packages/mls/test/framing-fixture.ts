/**
 * A small two-member epoch for the framing tests: a GroupContext, the epoch's framing secrets, a signature
 * key pair for the sender at leaf 1, and helpers that sign content the way a member would.
 */
import { ContentType, ProposalType, SenderType, WireFormat } from "../src/codec/index.js";
import type {
  AuthenticatedContent,
  FramedContent,
  FramedContentBody,
  FramingWireFormat,
  GroupContext,
  Sender,
} from "../src/codec/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import type { CipherSuite, CryptoProvider } from "../src/crypto/index.js";
import { signAuthenticatedContent } from "../src/framing/index.js";
import type { PrivateMessageKeys } from "../src/framing/index.js";
import { SecretTree } from "../src/secret-tree/index.js";
import type { RatchetPolicy } from "../src/secret-tree/index.js";

export const SENDER = 1;
export const LEAVES = 2;

export interface Epoch {
  readonly provider: CryptoProvider;
  readonly cs: CipherSuite;
  readonly groupContext: GroupContext;
  readonly encryptionSecret: Uint8Array;
  readonly senderDataSecret: Uint8Array;
  readonly membershipKey: Uint8Array;
  readonly signature: { publicKey: Uint8Array; privateKey: Uint8Array };
}

export function makeEpoch(provider: CryptoProvider = nodeProvider, suite = 1): Epoch {
  const cs = provider.suite(suite);
  const rand = () => provider.randomBytes(cs.hashLength);
  return {
    provider,
    cs,
    groupContext: {
      cipherSuite: cs.id,
      groupId: Uint8Array.of(0x70, 0x61, 0x72),
      epoch: 12n,
      treeHash: rand(),
      confirmedTranscriptHash: rand(),
      extensions: [],
    },
    encryptionSecret: rand(),
    senderDataSecret: rand(),
    membershipKey: rand(),
    signature: cs.generateSignatureKeyPair(),
  };
}

/** One member's view of the epoch's PrivateMessage state (each member has its own secret tree). */
export function memberKeys(e: Epoch, policy: Partial<RatchetPolicy> = {}): PrivateMessageKeys {
  return {
    groupContext: e.groupContext,
    senderDataSecret: e.senderDataSecret,
    secretTree: new SecretTree(e.cs, e.encryptionSecret, LEAVES, policy),
  };
}

export const application = (text: string): FramedContentBody => ({
  contentType: ContentType.application,
  applicationData: new TextEncoder().encode(text),
});

export const removeProposal: FramedContentBody = {
  contentType: ContentType.proposal,
  proposal: { proposalType: ProposalType.remove, remove: { removed: 0 } },
};

export const emptyCommit: FramedContentBody = { contentType: ContentType.commit, commit: { proposals: [] } };

export function framed(e: Epoch, body: FramedContentBody, sender?: Sender): FramedContent {
  return {
    groupId: e.groupContext.groupId,
    epoch: e.groupContext.epoch,
    sender: sender ?? { senderType: SenderType.member, leafIndex: SENDER },
    authenticatedData: Uint8Array.of(0xaa),
    ...body,
  };
}

/** Signed content; commits get a confirmation tag (its value only matters to the confirmation tests). */
export function signed(
  e: Epoch,
  body: FramedContentBody,
  wireFormat: FramingWireFormat = WireFormat.mlsPrivateMessage,
  sender?: Sender,
): AuthenticatedContent {
  return signAuthenticatedContent(e.cs, {
    wireFormat,
    content: framed(e, body, sender),
    groupContext: e.groupContext,
    signaturePrivateKey: e.signature.privateKey,
    confirmationTag:
      body.contentType === ContentType.commit ? new Uint8Array(e.cs.hashLength).fill(7) : undefined,
  });
}

export const randomBytes = (n: number): Uint8Array => nodeProvider.randomBytes(n);
