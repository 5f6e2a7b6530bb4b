/** Round-trip cases for the RFC 9420 §6 framing structs and the hash inputs built from them. */
import type { Reader, Writer } from "@parley/codec";
import * as c from "../src/codec/index.js";
import { type CodecCase, codecCase } from "./codec-case.js";
import * as f from "./codec-fixtures.js";

const commitTbs = {
  wireFormat: c.WireFormat.mlsPublicMessage,
  content: f.memberCommit,
  context: f.groupContext,
};
const proposalTbs = { wireFormat: c.WireFormat.mlsPublicMessage, content: f.externalProposal };
const contentOf = (ct: c.ContentType) => (r: Reader, p: string) => c.decodePrivateMessageContent(r, ct, p);
const authFor = (ct: c.ContentType) => ({
  enc: (w: Writer, v: c.FramedContentAuthData) => c.encodeFramedContentAuthData(w, v, ct),
  dec: (r: Reader, p: string) => c.decodeFramedContentAuthData(r, ct, p),
});
const commitAuth = authFor(c.ContentType.commit);
const plainAuth = authFor(c.ContentType.application);
const aad = { groupId: f.fill(4, 6), epoch: 9n };

export const FRAMING_CASES: readonly CodecCase[] = [
  codecCase(
    "Sender.new_member_commit",
    { senderType: c.SenderType.newMemberCommit },
    c.encodeSender,
    c.decodeSender,
  ),
  codecCase("FramedContent.commit", f.memberCommit, c.encodeFramedContent, c.decodeFramedContent),
  codecCase("FramedContent.proposal", f.externalProposal, c.encodeFramedContent, c.decodeFramedContent),
  codecCase("FramedContent.application", f.memberApplication, c.encodeFramedContent, c.decodeFramedContent),
  codecCase("FramedContentAuthData.commit", f.commitAuth, commitAuth.enc, commitAuth.dec),
  codecCase("FramedContentAuthData.application", f.plainAuth, plainAuth.enc, plainAuth.dec),
  codecCase(
    "AuthenticatedContent",
    { wireFormat: c.WireFormat.mlsPrivateMessage, content: f.memberCommit, auth: f.commitAuth },
    c.encodeAuthenticatedContent,
    c.decodeAuthenticatedContent,
  ),
  codecCase("FramedContentTBS.member", commitTbs, c.encodeFramedContentTBS, c.decodeFramedContentTBS),
  codecCase("FramedContentTBS.external", proposalTbs, c.encodeFramedContentTBS, c.decodeFramedContentTBS),
  codecCase(
    "AuthenticatedContentTBM",
    { contentTbs: commitTbs, auth: f.commitAuth },
    c.encodeAuthenticatedContentTBM,
    c.decodeAuthenticatedContentTBM,
  ),
  codecCase(
    "ConfirmedTranscriptHashInput",
    { wireFormat: c.WireFormat.mlsPublicMessage, content: f.memberCommit, signature: f.fill(64, 3) },
    c.encodeConfirmedTranscriptHashInput,
    c.decodeConfirmedTranscriptHashInput,
  ),
  codecCase(
    "InterimTranscriptHashInput",
    { confirmationTag: f.fill(32, 4) },
    c.encodeInterimTranscriptHashInput,
    c.decodeInterimTranscriptHashInput,
  ),
  codecCase(
    "PublicMessage.member",
    { content: f.memberCommit, auth: f.commitAuth, membershipTag: f.fill(32, 5) },
    c.encodePublicMessage,
    c.decodePublicMessage,
  ),
  codecCase(
    "PublicMessage.new_member_proposal",
    { content: f.newMemberProposal, auth: f.plainAuth },
    c.encodePublicMessage,
    c.decodePublicMessage,
  ),
  codecCase(
    "PrivateMessage",
    {
      ...aad,
      contentType: c.ContentType.application,
      authenticatedData: f.fill(0, 0),
      encryptedSenderData: f.fill(28, 7),
      ciphertext: f.fill(99, 8),
    },
    c.encodePrivateMessage,
    c.decodePrivateMessage,
  ),
  codecCase(
    "PrivateMessageContent.application",
    {
      contentType: c.ContentType.application,
      applicationData: f.fill(5, 1),
      auth: f.plainAuth,
      paddingLength: 7,
    },
    c.encodePrivateMessageContent,
    contentOf(c.ContentType.application),
    true,
  ),
  codecCase(
    "PrivateMessageContent.commit",
    { contentType: c.ContentType.commit, commit: f.commit, auth: f.commitAuth, paddingLength: 0 },
    c.encodePrivateMessageContent,
    contentOf(c.ContentType.commit),
    true,
  ),
  codecCase(
    "PrivateContentAAD",
    { ...aad, contentType: c.ContentType.proposal, authenticatedData: f.fill(3, 1) },
    c.encodePrivateContentAAD,
    c.decodePrivateContentAAD,
  ),
  codecCase(
    "SenderDataAAD",
    { ...aad, contentType: c.ContentType.commit },
    c.encodeSenderDataAAD,
    c.decodeSenderDataAAD,
  ),
  codecCase(
    "SenderData",
    { leafIndex: 5, generation: 0xffffffff, reuseGuard: Uint8Array.of(1, 2, 3, 4) },
    c.encodeSenderData,
    c.decodeSenderData,
  ),
  codecCase(
    "MLSMessage.public",
    {
      wireFormat: c.WireFormat.mlsPublicMessage,
      publicMessage: { content: f.externalProposal, auth: f.plainAuth },
    },
    c.encodeMLSMessage,
    c.decodeMLSMessage,
  ),
  codecCase(
    "MLSMessage.private",
    {
      wireFormat: c.WireFormat.mlsPrivateMessage,
      privateMessage: {
        ...aad,
        contentType: c.ContentType.commit,
        authenticatedData: f.fill(1, 2),
        encryptedSenderData: f.fill(28, 3),
        ciphertext: f.fill(70, 4),
      },
    },
    c.encodeMLSMessage,
    c.decodeMLSMessage,
  ),
  codecCase(
    "MLSMessage.welcome",
    { wireFormat: c.WireFormat.mlsWelcome, welcome: f.welcome },
    c.encodeMLSMessage,
    c.decodeMLSMessage,
  ),
  codecCase(
    "MLSMessage.group_info",
    { wireFormat: c.WireFormat.mlsGroupInfo, groupInfo: f.groupInfo },
    c.encodeMLSMessage,
    c.decodeMLSMessage,
  ),
  codecCase(
    "MLSMessage.key_package",
    { wireFormat: c.WireFormat.mlsKeyPackage, keyPackage: f.keyPackage },
    c.encodeMLSMessage,
    c.decodeMLSMessage,
  ),
];
