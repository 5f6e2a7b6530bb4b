/**
 * One round-trip case per RFC 9420 struct (and per variant of each `select`), shared by the
 * round-trip, truncation and mutation tests. Each case hides its value's type behind closures.
 */
import { type CodecCase, codecCase } from "./codec-case.js";
import { FRAMING_CASES } from "./codec-cases-framing.js";
import * as c from "../src/codec/index.js";
import * as f from "./codec-fixtures.js";

const { signature: _kpSignature, ...keyPackageTbs } = f.keyPackage;
const { signature: _giSignature, ...groupInfoTbs } = f.groupInfo;
const tree: c.RatchetTree = [
  { nodeType: c.NodeType.leaf, leafNode: f.keyPackageLeaf },
  { nodeType: c.NodeType.parent, parentNode: f.parentNode },
  undefined,
  undefined,
  { nodeType: c.NodeType.leaf, leafNode: f.commitLeaf },
];
export const CASES: readonly CodecCase[] = [
  codecCase("Credential.basic", f.basicCredential, c.encodeCredential, c.decodeCredential),
  codecCase("Credential.x509", f.x509Credential, c.encodeCredential, c.decodeCredential),
  codecCase("Credential.unknown", f.unknownCredential, c.encodeCredential, c.decodeCredential),
  codecCase("Capabilities", f.capabilities, c.encodeCapabilities, c.decodeCapabilities),
  codecCase("Lifetime", { notBefore: 0n, notAfter: 1n << 63n }, c.encodeLifetime, c.decodeLifetime),
  codecCase(
    "Extension",
    { extensionType: 0xf0f0, extensionData: f.fill(70, 3) },
    c.encodeExtension,
    c.decodeExtension,
  ),
  codecCase(
    "RequiredCapabilities",
    { extensionTypes: [9], proposalTypes: [], credentialTypes: [1, 2] },
    c.encodeRequiredCapabilities,
    c.decodeRequiredCapabilities,
  ),
  codecCase("ExternalPub", { externalPub: f.fill(65, 4) }, c.encodeExternalPub, c.decodeExternalPub),
  codecCase(
    "external_senders",
    [{ signatureKey: f.fill(32, 5), credential: f.basicCredential }],
    c.encodeExternalSenders,
    c.decodeExternalSenders,
  ),
  codecCase("application_id", f.fill(9, 6), c.encodeApplicationId, c.decodeApplicationId),
  codecCase(
    "HPKECiphertext",
    { kemOutput: f.fill(32, 7), ciphertext: f.fill(17, 8) },
    c.encodeHPKECiphertext,
    c.decodeHPKECiphertext,
  ),
  codecCase("LeafNode.key_package", f.keyPackageLeaf, c.encodeLeafNode, c.decodeLeafNode),
  codecCase("LeafNode.update", f.updateLeaf, c.encodeLeafNode, c.decodeLeafNode),
  codecCase("LeafNode.commit", f.commitLeaf, c.encodeLeafNode, c.decodeLeafNode),
  codecCase(
    "LeafNodeTBS.key_package",
    { leafNode: f.unsigned(f.keyPackageLeaf) },
    c.encodeLeafNodeTBS,
    c.decodeLeafNodeTBS,
  ),
  codecCase(
    "LeafNodeTBS.commit",
    { leafNode: f.unsigned(f.commitLeaf), group: { groupId: f.fill(4, 9), leafIndex: 6 } },
    c.encodeLeafNodeTBS,
    c.decodeLeafNodeTBS,
  ),
  codecCase("ParentNode", f.parentNode, c.encodeParentNode, c.decodeParentNode),
  codecCase("Node", { nodeType: c.NodeType.parent, parentNode: f.parentNode }, c.encodeNode, c.decodeNode),
  codecCase("ratchet_tree", tree, c.encodeRatchetTree, c.decodeRatchetTree),
  codecCase("UpdatePath", f.updatePath, c.encodeUpdatePath, c.decodeUpdatePath),
  codecCase("KeyPackage", f.keyPackage, c.encodeKeyPackage, c.decodeKeyPackage),
  codecCase("KeyPackageTBS", keyPackageTbs, c.encodeKeyPackageTBS, c.decodeKeyPackageTBS),
  ...f.proposals.map((p, i) => codecCase(`Proposal[${i}]`, p, c.encodeProposal, c.decodeProposal)),
  codecCase(
    "PSKLabel",
    { id: { pskType: c.PSKType.external, pskId: f.fill(2, 1), pskNonce: f.pskNonce }, index: 1, count: 2 },
    c.encodePSKLabel,
    c.decodePSKLabel,
  ),
  codecCase("Commit", f.commit, c.encodeCommit, c.decodeCommit),
  codecCase("Commit.without_path", { proposals: [], path: undefined }, c.encodeCommit, c.decodeCommit),
  codecCase("GroupContext", f.groupContext, c.encodeGroupContext, c.decodeGroupContext),
  codecCase("GroupInfo", f.groupInfo, c.encodeGroupInfo, c.decodeGroupInfo),
  codecCase("GroupInfoTBS", groupInfoTbs, c.encodeGroupInfoTBS, c.decodeGroupInfoTBS),
  codecCase(
    "GroupSecrets",
    { joinerSecret: f.fill(32, 1), pathSecret: { pathSecret: f.fill(32, 2) }, psks: [f.resumptionPsk] },
    c.encodeGroupSecrets,
    c.decodeGroupSecrets,
  ),
  codecCase(
    "GroupSecrets.without_path_secret",
    { joinerSecret: f.fill(32, 1), pathSecret: undefined, psks: [] },
    c.encodeGroupSecrets,
    c.decodeGroupSecrets,
  ),
  codecCase("Welcome", f.welcome, c.encodeWelcome, c.decodeWelcome),
  ...FRAMING_CASES,
  codecCase(
    "TreeHashInput.leaf",
    { nodeType: c.NodeType.leaf, leafNode: { leafIndex: 3, leafNode: undefined } },
    c.encodeTreeHashInput,
    c.decodeTreeHashInput,
  ),
  codecCase(
    "TreeHashInput.parent",
    {
      nodeType: c.NodeType.parent,
      parentNode: { parentNode: f.parentNode, leftHash: f.fill(32, 1), rightHash: f.fill(32, 2) },
    },
    c.encodeTreeHashInput,
    c.decodeTreeHashInput,
  ),
  codecCase(
    "ParentHashInput",
    { encryptionKey: f.fill(32, 1), parentHash: f.fill(0, 0), originalSiblingTreeHash: f.fill(32, 2) },
    c.encodeParentHashInput,
    c.decodeParentHashInput,
  ),
  codecCase(
    "KDFLabel",
    { length: 32, label: f.fill(10, 1), context: f.fill(3, 2) },
    c.encodeKDFLabel,
    c.decodeKDFLabel,
  ),
  codecCase(
    "SignContent",
    { label: f.fill(10, 1), content: f.fill(300, 2) },
    c.encodeSignContent,
    c.decodeSignContent,
  ),
  codecCase(
    "EncryptContext",
    { label: f.fill(10, 1), context: f.fill(3, 2) },
    c.encodeEncryptContext,
    c.decodeEncryptContext,
  ),
  codecCase(
    "RefHashInput",
    { label: f.fill(10, 1), value: f.fill(3, 2) },
    c.encodeRefHashInput,
    c.decodeRefHashInput,
  ),
];
