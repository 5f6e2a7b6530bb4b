/**
 * RFC 9420 §10 KeyPackage creation: a fresh HPKE init key, a leaf with a different fresh encryption key, a
 * lifetime, capabilities covering everything the KeyPackage uses (§7.2), then the LeafNodeTBS and KeyPackageTBS
 * signatures.
 */
import { LeafNodeSource, ProtocolVersion } from "../codec/index.js";
import type { Credential, Extension, LeafNodeData, Lifetime } from "../codec/index.js";
import { makeKeyPackageRef } from "../crypto/labels.js";
import type { CryptoProvider, KeyPair } from "../crypto/provider.js";
import { InternalError, UsageError, ValidationError } from "../errors.js";
import { LAST_RESORT_EXTENSION_TYPE, checkExtensionList } from "../extensions/index.js";
import type { ExtensionLocation } from "../extensions/index.js";
import { bytesEqual } from "@parley/codec";
import { buildCapabilities } from "./capabilities.js";
import type { CapabilitiesOptions } from "./capabilities.js";
import { signLeafNode } from "./leaf-node-signature.js";
import { keyPackageLifetime } from "./lifetime.js";
import { signKeyPackage } from "./sign-key-package.js";
import type { SignedKeyPackage } from "./sign-key-package.js";

export interface CreateKeyPackageInput {
  readonly provider: CryptoProvider;
  readonly cipherSuite: number;
  readonly credential: Credential;
  /** The member's signature key pair; its public key becomes leaf_node.signature_key. */
  readonly signatureKeyPair: KeyPair;
  readonly capabilities?: CapabilitiesOptions;
  /** An explicit lifetime; otherwise `keyPackageLifetime(now, lifetimeSeconds)`. */
  readonly lifetime?: Lifetime;
  readonly lifetimeSeconds?: number;
  readonly now?: Date;
  /** KeyPackage.extensions. */
  readonly extensions?: readonly Extension[];
  /** leaf_node.extensions (e.g. application_id). */
  readonly leafNodeExtensions?: readonly Extension[];
  /** Adds the draft-ietf-mls-extensions `last_resort` extension (0x000A) to KeyPackage.extensions. */
  readonly lastResort?: boolean;
}

export interface KeyPackagePrivateKeys {
  /** Decrypts the Welcome sent to this KeyPackage; delete once used (§16.8). */
  readonly initPrivateKey: Uint8Array;
  /** The leaf's HPKE private key in every group joined with this KeyPackage. */
  readonly encryptionPrivateKey: Uint8Array;
  readonly signaturePrivateKey: Uint8Array;
}

export interface CreatedKeyPackage extends SignedKeyPackage {
  /** KeyPackageRef (§5.2), the KeyPackage's name in Welcome messages and directories. */
  readonly ref: Uint8Array;
  readonly private: KeyPackagePrivateKeys;
}

/** Building an invalid KeyPackage is a caller error, reported as such, with the rule that would reject it. */
function checkOwnExtensions(extensions: readonly Extension[], where: ExtensionLocation): void {
  try {
    checkExtensionList(extensions, where);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new UsageError(`invalid ${where} extensions: ${e.message}`, { cause: e });
    throw e;
  }
}

function keyPackageExtensions(input: CreateKeyPackageInput): Extension[] {
  const extensions = [...(input.extensions ?? [])];
  if (input.lastResort === true) {
    extensions.push({ extensionType: LAST_RESORT_EXTENSION_TYPE, extensionData: new Uint8Array(0) });
  }
  checkOwnExtensions(extensions, "key_package");
  return extensions;
}

export function createKeyPackage(input: CreateKeyPackageInput): CreatedKeyPackage {
  const { provider, credential, signatureKeyPair } = input;
  const cs = provider.suite(input.cipherSuite);
  const extensions = keyPackageExtensions(input);
  const leafNodeExtensions = input.leafNodeExtensions ?? [];
  checkOwnExtensions(leafNodeExtensions, "leaf_node");
  const init = cs.hpke.generateKeyPair();
  const encryption = cs.hpke.generateKeyPair();
  // §10.1: init_key ≠ encryption_key. Two fresh keys can only collide if the RNG is broken.
  if (bytesEqual(init.publicKey, encryption.publicKey))
    throw new InternalError("HPKE key generation repeated a key");
  const capabilities = buildCapabilities(
    provider,
    {
      cipherSuite: cs.id,
      credentialType: credential.credentialType,
      extensionTypes: [...extensions, ...leafNodeExtensions].map((e) => e.extensionType),
    },
    input.capabilities,
  );
  const leafData: LeafNodeData = {
    encryptionKey: encryption.publicKey,
    signatureKey: signatureKeyPair.publicKey,
    credential,
    capabilities,
    leafNodeSource: LeafNodeSource.keyPackage,
    lifetime: input.lifetime ?? keyPackageLifetime(input.now ?? new Date(), input.lifetimeSeconds),
    extensions: leafNodeExtensions,
  };
  const leafNode = signLeafNode(cs, signatureKeyPair.privateKey, leafData);
  const signed = signKeyPackage(cs, signatureKeyPair.privateKey, {
    version: ProtocolVersion.mls10,
    cipherSuite: cs.id,
    initKey: init.publicKey,
    leafNode,
    extensions,
  });
  return {
    ...signed,
    ref: makeKeyPackageRef(cs, signed.keyPackageBytes),
    private: {
      initPrivateKey: init.privateKey,
      encryptionPrivateKey: encryption.privateKey,
      signaturePrivateKey: signatureKeyPair.privateKey,
    },
  };
}
