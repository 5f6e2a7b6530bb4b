/**
 * The types of the `Group` API (RFC 9420 §8–§12) that are not the class itself: the roster entry, what
 * processing a message yields, and the inputs of the ways to join.
 */
import type { Credential, PreSharedKeyID } from "../codec/index.js";
import type { KeyPair } from "../crypto/provider.js";
import type { CapabilitiesOptions } from "../key-package/capabilities.js";
import type { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { SameClient } from "../welcome/resumption-checks.js";
import type { GroupConfig } from "./config.js";
import type { ApplicationMessage, ProposalMessage } from "./process-message.js";
import type { StagedCommit } from "./staged-commit.js";
import type { OwnKeyPackage, RatchetTreeSource } from "./welcome-join.js";

/** A member of the group as the roster shows it. */
export interface Member {
  readonly leafIndex: LeafIndex;
  readonly credential: Credential;
  readonly signatureKey: Uint8Array;
  readonly encryptionKey: Uint8Array;
}

/** What `Group.process` returns: application data, a cached proposal, or a staged Commit. */
export type ProcessedMessage =
  | ApplicationMessage
  | ProposalMessage
  | { readonly kind: "commit"; readonly commit: StagedCommit; readonly authenticatedData: Uint8Array };

/**
 * The old group a reinit or branch Welcome resumes (§11.2, §11.3), as the `Group` object this client holds.
 * Kept structural so this module does not import the class.
 */
export interface ResumedGroupHandle {
  readonly groupId: Uint8Array;
}

export interface JoinFromWelcomeInput {
  readonly config: GroupConfig;
  /** The Welcome as an encoded MLSMessage. */
  readonly welcome: Uint8Array;
  /** Our KeyPackages the Welcome may be addressed to, with their private keys. */
  readonly keyPackages: readonly OwnKeyPackage[];
  /** The ratchet tree, when the GroupInfo does not carry it in a `ratchet_tree` extension. */
  readonly ratchetTree?: RatchetTreeSource;
  /** Resumption PSKs this client holds from other groups (for a reinit or branch Welcome). */
  readonly resumptionPsks?: ResumptionPskStore;
  readonly isKnownGroupId?: (groupId: Uint8Array) => boolean;
  /**
   * §11.2/§11.3: the old group (a `Group`) this Welcome reinitializes or branches. Required for a Welcome with a
   * reinit or branch PSK: its resumption PSKs open the Welcome, and the new group is checked against it.
   */
  readonly resumedFrom?: ResumedGroupHandle;
  /** §11.3: whether a branched group's member is the same client as an old member. Default: equal credentials. */
  readonly sameClient?: SameClient;
}

export interface ExternalJoinOptions {
  readonly config: GroupConfig;
  /** The group's GroupInfo as an encoded MLSMessage; it must carry `external_pub`. */
  readonly groupInfo: Uint8Array;
  readonly ratchetTree?: RatchetTreeSource;
  readonly credential: Credential;
  readonly signatureKeyPair: KeyPair;
  readonly capabilities?: CapabilitiesOptions;
  /** Resync: the leaf of this client's previous appearance, removed by the same Commit. */
  readonly removeLeaf?: number;
  readonly psks?: readonly PreSharedKeyID[];
  readonly authenticatedData?: Uint8Array;
}
