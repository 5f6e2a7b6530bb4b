/**
 * RFC 9420 §11.2 "Reinitialization" and §11.3 "Subgroup Branching": a new group linked to an old one by the old
 * group's resumption PSK (§8.6). The creator makes a one-member group, then commits Adds for the other members
 * together with a PreSharedKey proposal of usage reinit or branch — the one place §12.1.4 allows such a PSK —
 * so the new group starts at epoch 1 and only clients holding the old epoch's resumption_psk can open its
 * Welcome. Joiners check the Welcome against the old group (`welcome/resumption-checks.ts`).
 */
import { PSKType, ProposalType, ProtocolVersion, ResumptionPSKUsage } from "../codec/index.js";
import type { Credential, Extension, KeyPackage, Proposal } from "../codec/index.js";
import type { KeyPair } from "../crypto/provider.js";
import { UnsupportedError, UsageError } from "../errors.js";
import type { CapabilitiesOptions } from "../key-package/capabilities.js";
import { checkBranchGroup, checkReinitParameters, checkResumptionPsk } from "../welcome/resumption-checks.js";
import type { SameClient } from "../welcome/resumption-checks.js";
import type { ProcessedWelcome } from "../welcome/process-welcome.js";
import { isReinitOrBranch } from "../welcome/welcome-psks.js";
import { WelcomeRule, welcomeViolation } from "../welcome/rules.js";
import { createCommit } from "./commit-create.js";
import type { ResolvedGroupConfig } from "./config.js";
import { createGroupState } from "./create-group.js";
import type { EpochState } from "./epoch-state.js";
import { advanceEpoch, newMemberState } from "./member-state.js";
import type { MemberState } from "./member-state.js";

type ResumptionUsage = typeof ResumptionPSKUsage.reinit | typeof ResumptionPSKUsage.branch;

/** How this member appears in the new group; by default as in the old one (same credential and key). */
export interface SuccessorOptions {
  readonly credential?: Credential;
  /** Required when the new cipher suite uses another signature scheme than the old one. */
  readonly signatureKeyPair?: KeyPair;
  readonly capabilities?: CapabilitiesOptions;
  readonly leafNodeExtensions?: readonly Extension[];
  /** Put the ratchet tree into the Welcome's GroupInfo. Default true. */
  readonly ratchetTreeInWelcome?: boolean;
  readonly authenticatedData?: Uint8Array;
}

export interface BranchOptions extends SuccessorOptions {
  /** Default: KDF.Nh random bytes. */
  readonly groupId?: Uint8Array;
  /** GroupContext extensions of the subgroup; default: the old group's (§11.3 "the same parameters"). */
  readonly extensions?: readonly Extension[];
}

interface NewGroupParameters {
  readonly groupId: Uint8Array | undefined;
  readonly cipherSuite: number;
  readonly extensions: readonly Extension[];
  readonly usage: ResumptionUsage;
}

function signatureKeysFor(
  old: MemberState,
  config: ResolvedGroupConfig,
  suite: number,
  options: SuccessorOptions,
) {
  if (options.signatureKeyPair !== undefined) return options.signatureKeyPair;
  const oldCs = old.epoch.cs;
  if (config.provider.suite(suite).signatureScheme !== oldCs.signatureScheme) {
    throw new UsageError(`cipher suite ${suite} signs with another scheme: pass a new signatureKeyPair`);
  }
  const leaf = old.epoch.tree.leaf(old.epoch.ownLeaf);
  if (leaf === undefined) throw new UsageError("this member's leaf is blank");
  return { publicKey: leaf.signatureKey, privateKey: old.signaturePrivateKey.slice() };
}

/** Creates the new group and its first Commit (epoch 0 → 1) with the resumption PSK and the Adds. */
function startSuccessor(
  old: MemberState,
  config: ResolvedGroupConfig,
  params: NewGroupParameters,
  keyPackages: readonly KeyPackage[],
  options: SuccessorOptions,
): { member: MemberState; welcome: Uint8Array | undefined } {
  const ownLeaf = old.epoch.tree.leaf(old.epoch.ownLeaf);
  if (ownLeaf === undefined) throw new UsageError("this member's leaf is blank");
  const signatureKeyPair = signatureKeysFor(old, config, params.cipherSuite, options);
  const state = createGroupState(config, {
    cipherSuite: params.cipherSuite,
    credential: options.credential ?? ownLeaf.credential,
    signatureKeyPair,
    extensions: params.extensions,
    ...(params.groupId === undefined ? {} : { groupId: params.groupId }),
    ...(options.capabilities === undefined ? {} : { capabilities: options.capabilities }),
    ...(options.leafNodeExtensions === undefined ? {} : { leafNodeExtensions: options.leafNodeExtensions }),
  });
  // The old group's store holds its resumption PSKs; sharing it lets the first Commit (and later ones) use them.
  const member = newMemberState(config, signatureKeyPair.privateKey.slice(), state, old.resumption);
  // §11.2/§11.3: the PSK names the old group's current epoch; §11.3: psk_nonce is KDF.Nh random bytes.
  const psk: Proposal = {
    proposalType: ProposalType.psk,
    psk: {
      psk: {
        pskType: PSKType.resumption,
        usage: params.usage,
        pskGroupId: old.epoch.context.groupId,
        pskEpoch: old.epoch.context.epoch,
        pskNonce: config.provider.randomBytes(state.cs.hashLength),
      },
    },
  };
  const adds: Proposal[] = keyPackages.map((keyPackage) => ({
    proposalType: ProposalType.add,
    add: { keyPackage },
  }));
  const { created, staged } = createCommit(
    member,
    {
      proposals: [psk, ...adds],
      includePending: false,
      ratchetTreeInWelcome: options.ratchetTreeInWelcome ?? true,
      ...(options.authenticatedData === undefined ? {} : { authenticatedData: options.authenticatedData }),
    },
    params.usage,
  );
  if (staged.state === undefined) throw new UsageError("the new group's first Commit left no epoch");
  advanceEpoch(member, staged.state);
  return { member, welcome: created.welcome };
}

/** §11.2 step 3: the group the ReInit (committed in `old`'s current epoch) asked for. */
export function startReinitGroup(
  old: MemberState,
  config: ResolvedGroupConfig,
  keyPackages: readonly KeyPackage[],
  options: SuccessorOptions,
): { member: MemberState; welcome: Uint8Array | undefined } {
  const reinit = old.epoch.reinit;
  if (reinit === undefined)
    throw new UsageError("this group was not reinitialized: no ReInit Commit was merged");
  if (reinit.version !== ProtocolVersion.mls10) {
    throw new UnsupportedError(
      `the ReInit asks for protocol version ${reinit.version}; only mls10 is supported`,
    );
  }
  const params = { ...reinit, usage: ResumptionPSKUsage.reinit } as const;
  return startSuccessor(old, config, params, keyPackages, options);
}

/** §11.3: a subgroup of some of `old`'s members, with the same suite (and by default the same extensions). */
export function startBranchGroup(
  old: MemberState,
  config: ResolvedGroupConfig,
  keyPackages: readonly KeyPackage[],
  options: BranchOptions,
): { member: MemberState; welcome: Uint8Array | undefined } {
  const { context } = old.epoch;
  const params = {
    groupId: options.groupId,
    cipherSuite: context.cipherSuite,
    extensions: options.extensions ?? context.extensions,
    usage: ResumptionPSKUsage.branch,
  } as const;
  return startSuccessor(old, config, params, keyPackages, options);
}

/** The usage of the Welcome's reinit or branch PSK, if it has one. */
export function resumptionUsageOf(processed: ProcessedWelcome): ResumptionUsage | undefined {
  const id = processed.groupSecrets.psks.find(isReinitOrBranch);
  if (id?.pskType !== PSKType.resumption) return undefined;
  return id.usage === ResumptionPSKUsage.reinit ? ResumptionPSKUsage.reinit : ResumptionPSKUsage.branch;
}

/** WELCOME-17..20 for a joiner who names the old group the Welcome resumes. */
export function checkSuccessor(
  processed: ProcessedWelcome,
  joined: EpochState,
  old: MemberState,
  sameClient: SameClient | undefined,
): void {
  const oldGroup = {
    groupId: old.epoch.context.groupId,
    epoch: old.epoch.context.epoch,
    cipherSuite: old.epoch.cs.id,
  };
  const fallback = old.epoch.reinit === undefined ? ResumptionPSKUsage.branch : ResumptionPSKUsage.reinit;
  const usage = resumptionUsageOf(processed) ?? fallback;
  checkResumptionPsk(processed.groupSecrets.psks, usage, oldGroup);
  if (usage === ResumptionPSKUsage.reinit) {
    if (old.epoch.reinit === undefined) {
      throw welcomeViolation(
        WelcomeRule.resumptionPsk,
        "a reinit Welcome for an old group that committed no ReInit",
      );
    }
    checkReinitParameters(processed.groupContext, old.epoch.reinit);
    return;
  }
  const credentials = (tree: EpochState["tree"]) =>
    tree.members().flatMap((leaf) => {
      const node = tree.leaf(leaf);
      return node === undefined ? [] : [node.credential];
    });
  checkBranchGroup(
    processed.groupContext,
    credentials(joined.tree),
    { ...oldGroup, members: credentials(old.epoch.tree) },
    sameClient,
  );
}
