/**
 * RFC 9420 §12.4.3.1 "Joining via Welcome Message", group side: `processWelcome` (welcome/) verifies the Welcome
 * and the GroupInfo; here the ratchet tree is taken from the `ratchet_tree` extension or from the caller
 * (§12.4.3.3), checked as a whole, our leaf is found, and our private keys (leaf key, path secrets) installed.
 */
import { bytesEqual } from "@parley/codec";
import { ExtensionType } from "../codec/index.js";
import type { GroupInfo, KeyPackage, Welcome } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { checkGroupContextExtensionsSupported, findExtension } from "../extensions/index.js";
import { commonAncestor, toLeafIndex } from "../tree-math/index.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { leafNodeBytes } from "../tree/leaf-encoding.js";
import { installPathSecrets, verifyPrivateKey } from "../tree/path-secret-install.js";
import { TreePrivateKeys } from "../tree/private-keys.js";
import { RatchetTree } from "../tree/ratchet-tree.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import { validateRatchetTree } from "../tree/tree-validation.js";
import { wipeBytes } from "../schedule/secret.js";
import { processWelcome } from "../welcome/process-welcome.js";
import type { ProcessedWelcome } from "../welcome/process-welcome.js";
import type { PskLookup } from "../welcome/welcome-psks.js";
import type { ResolvedGroupConfig } from "./config.js";
import { requiredCapabilitiesOf } from "./context-extensions.js";
import { makeEpochState } from "./epoch-state.js";
import type { EpochState } from "./epoch-state.js";
import { GroupRule, groupViolation } from "./rules.js";

/** The KeyPackage a Welcome was sent to, with its private keys (as `createKeyPackage` returns them). */
export interface OwnKeyPackage {
  readonly keyPackage: KeyPackage;
  readonly keyPackageBytes: Uint8Array;
  readonly private: {
    readonly initPrivateKey: Uint8Array;
    readonly encryptionPrivateKey: Uint8Array;
    readonly signaturePrivateKey: Uint8Array;
  };
}

/** The ratchet tree when it is not in the GroupInfo: encoded `ratchet_tree` bytes or a tree object. */
export type RatchetTreeSource = Uint8Array | RatchetTree;

export interface WelcomeJoinInput {
  readonly config: ResolvedGroupConfig;
  readonly welcome: Welcome;
  readonly keyPackages: readonly OwnKeyPackage[];
  readonly ratchetTree?: RatchetTreeSource | undefined;
  readonly lookupPsk: PskLookup;
  readonly isKnownGroupId?: (groupId: Uint8Array) => boolean;
}

export interface WelcomeJoin {
  readonly state: EpochState;
  readonly processed: ProcessedWelcome;
  readonly keyPackage: OwnKeyPackage;
}

/** §12.4.3.3: the tree from the GroupInfo's `ratchet_tree` extension, else the one supplied (GROUP-27). */
function treeFor(
  cs: CipherSuite,
  groupInfo: GroupInfo,
  supplied: RatchetTreeSource | undefined,
): RatchetTree {
  const ext = findExtension(groupInfo.extensions, ExtensionType.ratchetTree);
  if (ext !== undefined) return ratchetTreeFromBytes(cs, ext.extensionData, "GroupInfo.ratchet_tree");
  if (supplied === undefined) {
    throw groupViolation(
      GroupRule.ratchetTreeMissing,
      "the GroupInfo has no ratchet_tree and none was supplied",
    );
  }
  return supplied instanceof RatchetTree ? supplied.clone() : ratchetTreeFromBytes(cs, supplied);
}

/** §12.4.3.1: "Identify a leaf whose LeafNode is identical to the one in the KeyPackage" (GROUP-26). */
export function findOwnLeaf(tree: RatchetTree, keyPackage: KeyPackage): LeafIndex {
  const want = leafNodeBytes(keyPackage.leafNode);
  for (const leaf of tree.members()) {
    const node = tree.leaf(leaf);
    if (node === undefined || !bytesEqual(node.signatureKey, keyPackage.leafNode.signatureKey)) continue;
    if (bytesEqual(leafNodeBytes(node), want)) return leaf;
  }
  throw groupViolation(GroupRule.joinerLeaf, "the ratchet tree holds no leaf identical to our KeyPackage's");
}

/** §12.4.3.1 "Construct a new group state": our leaf key, then the path secret and every key above it. */
function installKeys(
  tree: RatchetTree,
  own: LeafIndex,
  signer: number,
  kp: OwnKeyPackage,
  processed: ProcessedWelcome,
) {
  const keys = new TreePrivateKeys();
  const leafNode = (2 * own) as NodeIndex;
  const leafKey = kp.private.encryptionPrivateKey.slice();
  verifyPrivateKey(tree.cs, leafNode, leafKey, kp.keyPackage.leafNode.encryptionKey);
  keys.set(leafNode, leafKey);
  const pathSecret = processed.groupSecrets.pathSecret?.pathSecret;
  if (pathSecret !== undefined) {
    const from = commonAncestor(leafNode, (2 * signer) as NodeIndex);
    installPathSecrets(tree, keys, toLeafIndex(signer), from, pathSecret);
  }
  return keys;
}

export function joinFromWelcomeState(input: WelcomeJoinInput): WelcomeJoin {
  const { config } = input;
  let tree: RatchetTree | undefined;
  const processed = processWelcome({
    provider: config.provider,
    welcome: input.welcome,
    keyPackages: input.keyPackages.map((k) => ({ ...k, initPrivateKey: k.private.initPrivateKey })),
    signer: {
      resolveTree: (gi) =>
        (tree = treeFor(config.provider.suite(input.welcome.cipherSuite), gi, input.ratchetTree)),
    },
    resolvePsk: input.lookupPsk,
    ...(input.isKnownGroupId === undefined ? {} : { isKnownGroupId: input.isKnownGroupId }),
  });
  const secrets = processed.groupSecrets;
  try {
    const keyPackage = input.keyPackages.find((k) => k.keyPackage === processed.keyPackage.keyPackage);
    if (tree === undefined || keyPackage === undefined)
      throw groupViolation(GroupRule.ratchetTreeMissing, "no tree");
    const context = processed.groupContext;
    validateRatchetTree(tree, {
      groupId: context.groupId,
      requiredCapabilities: requiredCapabilitiesOf(context.extensions),
    });
    const own = findOwnLeaf(tree, keyPackage.keyPackage);
    checkGroupContextExtensionsSupported(keyPackage.keyPackage.leafNode.capabilities, context.extensions);
    const keys = installKeys(tree, own, processed.groupInfo.signer, keyPackage, processed);
    const state = makeEpochState({
      cs: tree.cs,
      context,
      tree,
      keys,
      ownLeaf: own,
      secrets: processed.epochSecrets,
      interimTranscriptHash: processed.interimTranscriptHash,
      confirmationTag: processed.groupInfo.confirmationTag,
      ratchetPolicy: config.ratchetPolicy,
    });
    return { state, processed, keyPackage };
  } catch (e) {
    processed.epochSecrets.wipe();
    throw e;
  } finally {
    wipeBytes(secrets.joinerSecret, secrets.pathSecret?.pathSecret);
  }
}
