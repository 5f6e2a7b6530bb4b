/**
 * RFC 9420 §11.2 "Reinitialization" and §11.3 "Subgroup Branching", joiner side: a Welcome that starts the
 * successor of a group this client was in must say so with a resumption PSK of usage reinit or branch naming
 * that group (WELCOME-17), and the new group must be what the old one agreed to: the ReInit's parameters
 * (WELCOME-18), or for a branch the old suite and version (WELCOME-19) and only members of the old group
 * (WELCOME-20). The epoch-1 rule for such Welcomes is WELCOME-16, in `process-welcome.ts`.
 */
import { bytesEqual, encode } from "@parley/codec";
import {
  PSKType,
  ProtocolVersion,
  ResumptionPSKUsage,
  encodeCredential,
  encodeExtensions,
} from "../codec/index.js";
import type { Credential, GroupContext, PreSharedKeyID, ReInit } from "../codec/index.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";

type ResumptionUsage = typeof ResumptionPSKUsage.reinit | typeof ResumptionPSKUsage.branch;

/** The old group as the joiner knows it. */
export interface ResumedGroup {
  readonly groupId: Uint8Array;
  /** The epoch the joiner is in; a reinit must resume exactly this one (the epoch after the ReInit Commit). */
  readonly epoch: bigint;
  readonly cipherSuite: number;
}

/**
 * Decides whether two credentials present the same client (§11.3 leaves "equivalent" to the application).
 * The default compares the encoded credentials.
 */
export type SameClient = (newMember: Credential, oldMember: Credential) => boolean;

export const sameEncodedCredential: SameClient = (a, b) =>
  bytesEqual(encode(a, encodeCredential), encode(b, encodeCredential));

const USAGE_NAME = { [ResumptionPSKUsage.reinit]: "reinit", [ResumptionPSKUsage.branch]: "branch" } as const;

/** WELCOME-17: exactly the resumption PSK a successor of `old` must carry (WELCOME-7 already bars a second). */
export function checkResumptionPsk(
  psks: readonly PreSharedKeyID[],
  usage: ResumptionUsage,
  old: ResumedGroup,
): void {
  const name = USAGE_NAME[usage];
  const id = psks.find((p) => p.pskType === PSKType.resumption && p.usage === usage);
  if (id?.pskType !== PSKType.resumption) {
    throw welcomeViolation(
      WelcomeRule.resumptionPsk,
      `the Welcome carries no resumption PSK of usage ${name}`,
    );
  }
  if (!bytesEqual(id.pskGroupId, old.groupId)) {
    throw welcomeViolation(WelcomeRule.resumptionPsk, `the ${name} PSK names another group than the old one`);
  }
  if (usage === ResumptionPSKUsage.reinit && id.pskEpoch !== old.epoch) {
    throw welcomeViolation(
      WelcomeRule.resumptionPsk,
      `the reinit PSK names epoch ${id.pskEpoch}, not ${old.epoch} (the epoch after the ReInit Commit)`,
    );
  }
}

/** WELCOME-18: §11.2 "The version, cipher_suite, group_id, and extensions fields … MUST be the same". */
export function checkReinitParameters(context: GroupContext, reinit: ReInit): void {
  const differs: string[] = [];
  // §8.1: the GroupContext of an MLS 1.0 Welcome is always version mls10.
  if (reinit.version !== ProtocolVersion.mls10) differs.push("version");
  if (context.cipherSuite !== reinit.cipherSuite) differs.push("cipher_suite");
  if (!bytesEqual(context.groupId, reinit.groupId)) differs.push("group_id");
  const extensions = (e: GroupContext["extensions"]) => encode(e, encodeExtensions);
  if (!bytesEqual(extensions(context.extensions), extensions(reinit.extensions))) differs.push("extensions");
  if (differs.length > 0) {
    throw welcomeViolation(
      WelcomeRule.reinitParameters,
      `the new group's ${differs.join(", ")} differ from the ReInit proposal`,
    );
  }
}

/** WELCOME-19, WELCOME-20: §11.3's checks on a branched group's context and members. */
export function checkBranchGroup(
  context: GroupContext,
  newMembers: readonly Credential[],
  old: ResumedGroup & { readonly members: readonly Credential[] },
  sameClient: SameClient = sameEncodedCredential,
): void {
  if (context.cipherSuite !== old.cipherSuite) {
    throw welcomeViolation(
      WelcomeRule.branchParameters,
      `the branch uses cipher suite ${context.cipherSuite}, the old group ${old.cipherSuite}`,
    );
  }
  newMembers.forEach((credential, i) => {
    if (!old.members.some((o) => sameClient(credential, o))) {
      throw welcomeViolation(
        WelcomeRule.branchMembers,
        `member ${i} of the branched group matches no member of the old group`,
      );
    }
  });
}
