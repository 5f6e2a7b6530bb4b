/**
 * A one-member group (the committer) adding a joiner, for the Welcome tests: the group's key schedule run for
 * epoch 1, a GroupInfo signed by leaf 0, and `seal`, which builds a Welcome with exactly the changes a test
 * asks for so that one rule at a time is broken.
 */
import { encode } from "@parley/codec";
import { encodeGroupInfo } from "../src/codec/index.js";
import type { GroupContext, GroupInfoTBS, PreSharedKeyID, Welcome } from "../src/codec/index.js";
import type { CipherSuite, CryptoProvider } from "../src/crypto/index.js";
import { computeConfirmationTag } from "../src/framing/tags.js";
import { computePskSecret, runKeySchedule } from "../src/schedule/index.js";
import type { PskWithId } from "../src/schedule/index.js";
import { RatchetTree } from "../src/tree/index.js";
import { buildWelcome, encryptGroupInfo, encryptGroupSecrets, signGroupInfo } from "../src/welcome/index.js";
import type { JoinerKeyPackage, ProcessWelcomeInput } from "../src/welcome/index.js";
import { member } from "./key-package-fixture.js";
import type { Member } from "./key-package-fixture.js";

export interface Scenario {
  readonly provider: CryptoProvider;
  readonly cs: CipherSuite;
  readonly committer: Member;
  readonly joiner: Member;
  /** The committer alone, as the signer's tree. */
  readonly tree: RatchetTree;
}

export function scenario(provider: CryptoProvider, suite = 1): Scenario {
  const committer = member(provider, suite);
  const joiner = member(provider, suite);
  const tree = RatchetTree.withFirstLeaf(committer.cs, committer.created.keyPackage.leafNode);
  return { provider, cs: committer.cs, committer, joiner, tree };
}

export function joinerKeyPackage(m: Member): JoinerKeyPackage {
  return {
    keyPackage: m.created.keyPackage,
    keyPackageBytes: m.created.keyPackageBytes,
    initPrivateKey: m.created.private.initPrivateKey,
  };
}

export interface SealOptions {
  /** PSKs named in GroupSecrets and folded into the sender's psk_secret. */
  readonly psks?: readonly PskWithId[];
  /** PSK ids named in GroupSecrets, overriding those of `psks` (the psk_secret still comes from `psks`). */
  readonly pskIds?: readonly PreSharedKeyID[];
  readonly context?: Partial<GroupContext>;
  readonly tbs?: Partial<GroupInfoTBS>;
  /** Sign with this key instead of the committer's. */
  readonly signatureKey?: Uint8Array;
  /** Encrypt these bytes as the GroupInfo instead of the signed GroupInfo. */
  readonly groupInfoBytes?: Uint8Array;
  /** Encrypt the GroupInfo under this welcome secret instead of the schedule's. */
  readonly welcomeSecret?: Uint8Array;
  readonly pathSecret?: Uint8Array;
  readonly recipients?: readonly Member[];
  /** Assemble the Welcome from the primitives, bypassing `buildWelcome`'s own argument checks. */
  readonly bypassBuilder?: boolean;
}

/** What the joiner should end up with, to compare against. */
export interface Sealed {
  readonly welcome: Welcome;
  readonly groupContext: GroupContext;
  readonly epochAuthenticator: Uint8Array;
  readonly joinerSecret: Uint8Array;
  /** The encoded signed GroupInfo (before any `groupInfoBytes` override). */
  readonly groupInfoBytes: Uint8Array;
}

function context(s: Scenario, o: SealOptions): GroupContext {
  return {
    cipherSuite: s.cs.id,
    groupId: new TextEncoder().encode("welcome-test-group"),
    epoch: 1n,
    treeHash: s.tree.treeHash(),
    confirmedTranscriptHash: s.cs.hash(new TextEncoder().encode("some commit")),
    extensions: [],
    ...o.context,
  };
}

export function seal(s: Scenario, o: SealOptions = {}): Sealed {
  const { cs } = s;
  const groupContext = context(s, o);
  const out = runKeySchedule(cs, {
    initSecret: s.provider.randomBytes(cs.hashLength),
    commitSecret: s.provider.randomBytes(cs.hashLength),
    pskSecret: computePskSecret(cs, o.psks ?? []),
    groupContext,
  });
  const tbs: GroupInfoTBS = {
    groupContext,
    extensions: [],
    confirmationTag: computeConfirmationTag(
      cs,
      out.epoch.confirmationKey.bytes,
      groupContext.confirmedTranscriptHash,
    ),
    signer: 0,
    ...o.tbs,
  };
  const groupInfo = signGroupInfo(cs, o.signatureKey ?? s.committer.signature.privateKey, tbs);
  const psks = o.pskIds ?? (o.psks ?? []).map((p) => p.id);
  const recipients = (o.recipients ?? [s.joiner]).map((m) => ({
    keyPackage: m.created.keyPackage,
    keyPackageBytes: m.created.keyPackageBytes,
    ...(o.pathSecret === undefined ? {} : { pathSecret: o.pathSecret }),
  }));
  const joinerSecret = out.joinerSecret.bytes.slice();
  const groupInfoBytes = encode(groupInfo, encodeGroupInfo);
  let welcome: Welcome;
  if (o.groupInfoBytes === undefined && o.welcomeSecret === undefined && o.bypassBuilder !== true) {
    welcome = buildWelcome({
      cs,
      groupInfo,
      joinerSecret,
      welcomeSecret: out.welcomeSecret.bytes,
      psks,
      recipients,
    });
  } else {
    const encryptedGroupInfo = encryptGroupInfo(
      cs,
      o.welcomeSecret ?? out.welcomeSecret.bytes,
      o.groupInfoBytes ?? groupInfoBytes,
    );
    const secrets = recipients.map((r) =>
      encryptGroupSecrets(cs, r, { joinerSecret, psks }, encryptedGroupInfo),
    );
    welcome = { cipherSuite: cs.id, secrets, encryptedGroupInfo };
  }
  return {
    welcome,
    groupContext,
    epochAuthenticator: out.epoch.epochAuthenticator,
    joinerSecret,
    groupInfoBytes,
  };
}

export function joinInput(
  s: Scenario,
  welcome: Welcome,
  extra: Partial<ProcessWelcomeInput> = {},
): ProcessWelcomeInput {
  return {
    provider: s.provider,
    welcome,
    keyPackages: [joinerKeyPackage(s.joiner)],
    signer: { tree: s.tree },
    ...extra,
  };
}
