/**
 * Runner for the MLS interop `message-protection.json` vectors (RFC 9420 §6). One case per JSON element,
 * covering for the proposal, the commit and the application data (sender: leaf 1 of a 2-leaf tree):
 * the given PrivateMessage unprotects and verifies, the given PublicMessage (proposal and commit only —
 * application data is never public, §6) unprotects and verifies, and freshly protected Public/Private
 * messages survive encoding and unprotect+verify back to the same content.
 */
import { decode, encode } from "@parley/codec";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import {
  ContentType,
  SenderType,
  WireFormat,
  decodeCommit,
  decodeMLSMessage,
  decodeProposal,
  encodeCommit,
  encodeMLSMessage,
  encodeProposal,
} from "../codec/index.js";
import type { FramedContentBody, FramingWireFormat, GroupContext, MLSMessage } from "../codec/index.js";
import { signAuthenticatedContent, verifyAuthenticatedContent } from "../framing/content-auth.js";
import type { UnverifiedAuthenticatedContent } from "../framing/content-auth.js";
import { protectPrivateMessage, unprotectPrivateMessage } from "../framing/private-message.js";
import { protectPublicMessage, unprotectPublicMessage } from "../framing/public-message.js";
import { SecretTree } from "../secret-tree/secret-tree.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { ShapeError, hex, runCases, uint } from "./vector-case.js";
import type { Diffs, Json } from "./vector-case.js";

const SENDER_LEAF = 1;
const TREE_LEAVES = 2;
const KINDS = ["proposal", "commit", "application"] as const;
type Kind = (typeof KINDS)[number];

interface Setup {
  readonly cs: CipherSuite;
  readonly provider: CryptoProvider;
  readonly c: Json;
  readonly groupContext: GroupContext;
}

function bodyFromRaw(kind: Kind, raw: Uint8Array): FramedContentBody {
  switch (kind) {
    case "proposal":
      return {
        contentType: ContentType.proposal,
        proposal: decode(raw, (r) => decodeProposal(r), "Proposal"),
      };
    case "commit":
      return { contentType: ContentType.commit, commit: decode(raw, (r) => decodeCommit(r), "Commit") };
    case "application":
      return { contentType: ContentType.application, applicationData: raw };
  }
}

function bodyBytes(body: FramedContentBody): Uint8Array {
  switch (body.contentType) {
    case ContentType.proposal:
      return encode(body.proposal, encodeProposal);
    case ContentType.commit:
      return encode(body.commit, encodeCommit);
    case ContentType.application:
      return body.applicationData;
  }
}

function parseMessage(bytes: Uint8Array): MLSMessage {
  return decode(bytes, (r) => decodeMLSMessage(r), "MLSMessage");
}

function freshTree(s: Setup): SecretTree {
  return new SecretTree(s.cs, hex(s.c, "encryption_secret"), TREE_LEAVES);
}

/** Unprotects one MLSMessage with fresh epoch state, verifies its signature, returns the body bytes. */
function open(s: Setup, message: MLSMessage, tree: SecretTree): { body: Uint8Array; tag?: Uint8Array } {
  let unverified: UnverifiedAuthenticatedContent;
  if (message.wireFormat === WireFormat.mlsPrivateMessage) {
    const keys = {
      groupContext: s.groupContext,
      senderDataSecret: hex(s.c, "sender_data_secret"),
      secretTree: tree,
    };
    unverified = unprotectPrivateMessage(s.cs, message.privateMessage, keys, {
      isMemberLeaf: (leaf) => leaf < TREE_LEAVES,
    });
  } else if (message.wireFormat === WireFormat.mlsPublicMessage) {
    const keys = { groupContext: s.groupContext, membershipKey: hex(s.c, "membership_key") };
    unverified = unprotectPublicMessage(s.cs, message.publicMessage, keys);
  } else {
    throw new ShapeError(`expected a Public- or PrivateMessage, got wire format ${message.wireFormat}`);
  }
  const verified = verifyAuthenticatedContent(s.cs, unverified, hex(s.c, "signature_pub"), s.groupContext);
  const { content, auth } = verified.authenticatedContent;
  if (content.sender.senderType !== SenderType.member || content.sender.leafIndex !== SENDER_LEAF) {
    throw new ShapeError(`the message is not from leaf ${SENDER_LEAF}`);
  }
  return auth.confirmationTag === undefined
    ? { body: bodyBytes(content) }
    : { body: bodyBytes(content), tag: auth.confirmationTag };
}

/** Signs and protects `body` afresh, encodes and decodes the MLSMessage, and opens it again. */
function roundTrip(
  s: Setup,
  wireFormat: FramingWireFormat,
  body: FramedContentBody,
  tag?: Uint8Array,
): Uint8Array {
  const content = {
    groupId: s.groupContext.groupId,
    epoch: s.groupContext.epoch,
    sender: { senderType: SenderType.member, leafIndex: SENDER_LEAF } as const,
    authenticatedData: new Uint8Array(0),
    ...body,
  };
  const ac = signAuthenticatedContent(s.cs, {
    wireFormat,
    content,
    groupContext: s.groupContext,
    signaturePrivateKey: hex(s.c, "signature_priv"),
    confirmationTag: tag,
  });
  let message: MLSMessage;
  if (wireFormat === WireFormat.mlsPrivateMessage) {
    const keys = { groupContext: s.groupContext, senderDataSecret: hex(s.c, "sender_data_secret") };
    const pm = protectPrivateMessage(
      s.cs,
      ac,
      { ...keys, secretTree: freshTree(s) },
      {
        randomBytes: (n) => s.provider.randomBytes(n),
      },
    );
    message = { wireFormat, privateMessage: pm };
  } else {
    const keys = { groupContext: s.groupContext, membershipKey: hex(s.c, "membership_key") };
    message = { wireFormat, publicMessage: protectPublicMessage(s.cs, ac, keys) };
  }
  return open(s, parseMessage(encode(message, encodeMLSMessage)), freshTree(s)).body;
}

function checkKind(s: Setup, kind: Kind, diffs: Diffs): void {
  const raw = hex(s.c, kind);
  const given = open(s, parseMessage(hex(s.c, `${kind}_priv`)), freshTree(s));
  diffs.bytes(`${kind}_priv content`, given.body, raw);
  const body = bodyFromRaw(kind, raw);
  diffs.bytes(
    `fresh ${kind} PrivateMessage content`,
    roundTrip(s, WireFormat.mlsPrivateMessage, body, given.tag),
    raw,
  );
  if (kind === "application") return;
  diffs.bytes(`${kind}_pub content`, open(s, parseMessage(hex(s.c, `${kind}_pub`)), freshTree(s)).body, raw);
  diffs.bytes(
    `fresh ${kind} PublicMessage content`,
    roundTrip(s, WireFormat.mlsPublicMessage, body, given.tag),
    raw,
  );
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("message-protection", data, provider, (cs, c, diffs) => {
    const groupContext: GroupContext = {
      cipherSuite: cs.id,
      groupId: hex(c, "group_id"),
      epoch: BigInt(uint(c, "epoch")),
      treeHash: hex(c, "tree_hash"),
      confirmedTranscriptHash: hex(c, "confirmed_transcript_hash"),
      extensions: [],
    };
    const setup: Setup = { cs, provider, c, groupContext };
    for (const kind of KINDS) checkKind(setup, kind, diffs);
  });
