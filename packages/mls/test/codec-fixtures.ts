/**
 * Hand-built sample values of every RFC 9420 struct, shared by the codec tests. Byte fields are
 * filled with distinct patterns so a field written in the wrong place shows up as a mismatch.
 */
import {
  type Commit,
  type Credential,
  type FramedContent,
  type FramedContentAuthData,
  type GroupContext,
  type GroupInfo,
  type KeyPackage,
  type LeafNode,
  type ParentNode,
  type Proposal,
  type Welcome,
  type UpdatePath,
  type PreSharedKeyID,
  type LeafNodeData,
  ContentType,
  CredentialType,
  ExtensionType,
  LeafNodeSource,
  PSKType,
  ProposalOrRefType,
  ProposalType,
  ResumptionPSKUsage,
  SenderType,
} from "../src/codec/index.js";

export const fill = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

export const basicCredential: Credential = { credentialType: CredentialType.basic, identity: fill(5, 0x11) };
export const x509Credential: Credential = {
  credentialType: CredentialType.x509,
  certificates: [{ certData: fill(3, 0x21) }, { certData: fill(70, 0x22) }],
};
export const unknownCredential: Credential = { credentialType: 0x0a0a, credentialData: fill(4, 0x31) };

export const capabilities = {
  versions: [1],
  cipherSuites: [1, 3, 0x1a1a],
  extensions: [0x0a0a, 0xf001],
  proposals: [0x2a2a],
  credentials: [1, 2, 0x0a0a],
};

const leafBase = {
  encryptionKey: fill(32, 0x41),
  signatureKey: fill(32, 0x42),
  credential: basicCredential,
  capabilities,
  extensions: [{ extensionType: 0x0a0a, extensionData: fill(2, 0x43) }],
  signature: fill(64, 0x44),
};

export const keyPackageLeaf: LeafNode = {
  ...leafBase,
  leafNodeSource: LeafNodeSource.keyPackage,
  lifetime: { notBefore: 1n, notAfter: 0xffffffffffffffffn },
};
export const updateLeaf: LeafNode = {
  ...leafBase,
  credential: x509Credential,
  leafNodeSource: LeafNodeSource.update,
};
export const commitLeaf: LeafNode = {
  ...leafBase,
  credential: unknownCredential,
  leafNodeSource: LeafNodeSource.commit,
  parentHash: fill(32, 0x45),
};

/** A LeafNode without its signature, as a LeafNodeTBS carries it. */
export function unsigned(leaf: LeafNode): LeafNodeData {
  const { signature: _signature, ...data } = leaf;
  return data;
}

export const parentNode: ParentNode = {
  encryptionKey: fill(32, 0x51),
  parentHash: fill(32, 0x52),
  unmergedLeaves: [1, 3],
};

export const keyPackage: KeyPackage = {
  version: 1,
  cipherSuite: 1,
  initKey: fill(32, 0x61),
  leafNode: keyPackageLeaf,
  extensions: [{ extensionType: 0xeaea, extensionData: fill(1, 0x62) }],
  signature: fill(64, 0x63),
};

export const groupContext: GroupContext = {
  cipherSuite: 1,
  groupId: fill(4, 0x71),
  epoch: 42n,
  treeHash: fill(32, 0x72),
  confirmedTranscriptHash: fill(32, 0x73),
  extensions: [
    { extensionType: ExtensionType.requiredCapabilities, extensionData: Uint8Array.of(0, 0, 2, 0, 1) },
  ],
};

export const groupInfo: GroupInfo = {
  groupContext,
  extensions: [{ extensionType: ExtensionType.externalPub, extensionData: Uint8Array.of(2, 9, 9) }],
  confirmationTag: fill(32, 0x74),
  signer: 3,
  signature: fill(64, 0x75),
};

export const pskNonce = fill(32, 0x81);
export const resumptionPsk: PreSharedKeyID = {
  pskType: PSKType.resumption,
  usage: ResumptionPSKUsage.branch,
  pskGroupId: fill(4, 0x83),
  pskEpoch: 7n,
  pskNonce,
};
export const proposals: readonly Proposal[] = [
  { proposalType: ProposalType.add, add: { keyPackage } },
  { proposalType: ProposalType.update, update: { leafNode: updateLeaf } },
  { proposalType: ProposalType.remove, remove: { removed: 0xfffffffe } },
  {
    proposalType: ProposalType.psk,
    psk: { psk: { pskType: PSKType.external, pskId: fill(3, 0x82), pskNonce } },
  },
  { proposalType: ProposalType.psk, psk: { psk: resumptionPsk } },
  {
    proposalType: ProposalType.reinit,
    reinit: { groupId: fill(4, 0x84), version: 1, cipherSuite: 2, extensions: [] },
  },
  { proposalType: ProposalType.externalInit, externalInit: { kemOutput: fill(32, 0x85) } },
  {
    proposalType: ProposalType.groupContextExtensions,
    groupContextExtensions: { extensions: groupContext.extensions },
  },
  { proposalType: 0xf123, proposalData: fill(6, 0x86) },
];

export const updatePath: UpdatePath = {
  leafNode: commitLeaf,
  nodes: [
    {
      encryptionKey: fill(32, 0x88),
      encryptedPathSecret: [{ kemOutput: fill(32, 0x89), ciphertext: fill(48, 0x8a) }],
    },
    { encryptionKey: fill(32, 0x8b), encryptedPathSecret: [] },
  ],
};

export const commit: Commit = {
  proposals: [
    ...proposals.map((proposal) => ({ type: ProposalOrRefType.proposal, proposal }) as const),
    { type: ProposalOrRefType.reference, reference: fill(32, 0x87) },
  ],
  path: updatePath,
};

export const welcome: Welcome = {
  cipherSuite: 1,
  secrets: [
    {
      newMember: fill(32, 0x91),
      encryptedGroupSecrets: { kemOutput: fill(32, 0x92), ciphertext: fill(90, 0x93) },
    },
  ],
  encryptedGroupInfo: fill(200, 0x94),
};

const header = { groupId: groupContext.groupId, epoch: 42n, authenticatedData: fill(2, 0xa1) };
export const memberCommit: FramedContent = {
  ...header,
  sender: { senderType: SenderType.member, leafIndex: 2 },
  contentType: ContentType.commit,
  commit,
};
export const externalProposal: FramedContent = {
  ...header,
  sender: { senderType: SenderType.external, senderIndex: 1 },
  contentType: ContentType.proposal,
  proposal: { proposalType: ProposalType.remove, remove: { removed: 1 } },
};
export const newMemberProposal: FramedContent = {
  ...header,
  sender: { senderType: SenderType.newMemberProposal },
  contentType: ContentType.proposal,
  proposal: { proposalType: ProposalType.add, add: { keyPackage } },
};
export const newMemberCommit: FramedContent = {
  ...memberCommit,
  sender: { senderType: SenderType.newMemberCommit },
};
export const memberApplication: FramedContent = {
  ...header,
  sender: { senderType: SenderType.member, leafIndex: 0 },
  contentType: ContentType.application,
  applicationData: fill(11, 0xa2),
};

export const commitAuth: FramedContentAuthData = {
  signature: fill(64, 0xa3),
  confirmationTag: fill(32, 0xa4),
};
export const plainAuth: FramedContentAuthData = { signature: fill(64, 0xa5) };
