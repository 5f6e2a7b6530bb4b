/**
 * Outgoing framed content (RFC 9420 §6): sign FramedContent with the epoch's GroupContext (§6.1), then protect it
 * as a PublicMessage (membership tag, §6.2) or a PrivateMessage (secret-tree key, §6.3) with the keys of the
 * epoch it is sent in. Commits are signed first and protected only once their confirmation tag is known.
 */
import { encode } from "@parley/codec";
import { ContentType, SenderType, WireFormat, encodeMLSMessage } from "../codec/index.js";
import { UsageError } from "../errors.js";
import type {
  AuthenticatedContent,
  FramedContentBody,
  FramingWireFormat,
  MLSMessage,
} from "../codec/index.js";
import { signAuthenticatedContent } from "../framing/content-auth.js";
import { protectPrivateMessage } from "../framing/private-message.js";
import { protectPublicMessage } from "../framing/public-message.js";
import type { ResolvedGroupConfig } from "./config.js";
import type { EpochState } from "./epoch-state.js";
import type { MemberState } from "./member-state.js";

export function wireFormatOf(config: ResolvedGroupConfig): FramingWireFormat {
  return config.handshakeWireFormat === "private"
    ? WireFormat.mlsPrivateMessage
    : WireFormat.mlsPublicMessage;
}

/** §6.1: FramedContent from this member in the current epoch, signed over the current GroupContext. */
export function signAsMember(
  state: EpochState,
  signaturePrivateKey: Uint8Array,
  body: FramedContentBody,
  authenticatedData: Uint8Array,
  wireFormat: FramingWireFormat,
): AuthenticatedContent {
  const content = {
    groupId: state.context.groupId,
    epoch: state.context.epoch,
    sender: { senderType: SenderType.member, leafIndex: state.ownLeaf } as const,
    authenticatedData,
    ...body,
  };
  return signAuthenticatedContent(state.cs, {
    wireFormat,
    content,
    groupContext: state.context,
    signaturePrivateKey,
  });
}

/** §6.2 / §6.3: protects signed content with the epoch's keys and encodes the MLSMessage. */
export function protectContent(
  state: EpochState,
  config: ResolvedGroupConfig,
  ac: AuthenticatedContent,
): Uint8Array {
  let message: MLSMessage;
  if (ac.wireFormat === WireFormat.mlsPublicMessage) {
    const publicMessage = protectPublicMessage(state.cs, ac, {
      groupContext: state.context,
      membershipKey: state.secrets.membershipKey.bytes,
    });
    message = { wireFormat: WireFormat.mlsPublicMessage, publicMessage };
  } else {
    const privateMessage = protectPrivateMessage(
      state.cs,
      ac,
      {
        groupContext: state.context,
        senderDataSecret: state.secrets.senderDataSecret.bytes,
        secretTree: state.secretTree,
      },
      { randomBytes: (n) => config.provider.randomBytes(n), paddingLength: config.paddingLength },
    );
    message = { wireFormat: WireFormat.mlsPrivateMessage, privateMessage };
  }
  return encode(message, encodeMLSMessage);
}

/**
 * §6.3: application data as a PrivateMessage of the current epoch. §12.4: "A group member that has observed
 * one or more valid proposals within an epoch MUST send a Commit message before sending application data."
 */
export function protectApplication(
  m: MemberState,
  applicationData: Uint8Array,
  authenticatedData: Uint8Array,
): Uint8Array {
  if (m.cache.size > 0) {
    throw new UsageError("proposals are pending in this epoch: commit them before sending application data");
  }
  const body = { contentType: ContentType.application, applicationData } as const;
  const ac = signAsMember(
    m.epoch,
    m.signaturePrivateKey,
    body,
    authenticatedData,
    WireFormat.mlsPrivateMessage,
  );
  return protectContent(m.epoch, m.config, ac);
}
