/**
 * The two ways into an existing group as a `MemberState`: a Welcome (RFC 9420 §12.4.3.1), including the
 * successor-group checks of §11.2/§11.3 when the Welcome resumes an old group, and an external Commit
 * (§12.4.3.2). `Group` wraps the result.
 */
import { UsageError } from "../errors.js";
import { WireFormat } from "../codec/index.js";
import { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import { WelcomeRule, welcomeViolation } from "../welcome/rules.js";
import { resolveConfig } from "./config.js";
import { createExternalCommit } from "./external-join.js";
import type { ExternalJoinOptions, JoinFromWelcomeInput } from "./group-types.js";
import { newMemberState } from "./member-state.js";
import type { MemberState } from "./member-state.js";
import { decodeMessage } from "./process-message.js";
import { pskLookup } from "./psks.js";
import { checkSuccessor, resumptionUsageOf } from "./resumption.js";
import { wipeEpoch } from "./epoch-state.js";
import { joinFromWelcomeState } from "./welcome-join.js";

/** §12.4.3.1 (and §11.2/§11.3 when `resumedFrom` is the old group's state). */
export function joinFromWelcomeMember(
  input: JoinFromWelcomeInput,
  resumedFrom: MemberState | undefined,
): MemberState {
  const config = resolveConfig(input.config);
  const message = decodeMessage(input.welcome);
  if (message.wireFormat !== WireFormat.mlsWelcome) {
    throw welcomeViolation(WelcomeRule.wireFormat, `MLSMessage has wire format ${message.wireFormat}`);
  }
  const resumption =
    input.resumptionPsks ?? resumedFrom?.resumption ?? new ResumptionPskStore(config.resumptionPskEpochs);
  const joined = joinFromWelcomeState({
    config,
    welcome: message.welcome,
    keyPackages: input.keyPackages,
    ratchetTree: input.ratchetTree,
    lookupPsk: (id) =>
      pskLookup(config.externalPsks, resumption)(id) ??
      (resumedFrom === undefined ? undefined : pskLookup(config.externalPsks, resumedFrom.resumption)(id)),
    ...(input.isKnownGroupId === undefined ? {} : { isKnownGroupId: input.isKnownGroupId }),
  });
  try {
    if (resumedFrom !== undefined) {
      checkSuccessor(joined.processed, joined.state, resumedFrom, input.sameClient);
    } else if (resumptionUsageOf(joined.processed) !== undefined) {
      throw new UsageError(
        "this Welcome reinitializes or branches another group: pass that group as `resumedFrom` (§11.2, §11.3)",
      );
    }
  } catch (e) {
    wipeEpoch(joined.state);
    throw e;
  }
  const signature = joined.keyPackage.private.signaturePrivateKey.slice();
  return newMemberState(config, signature, joined.state, resumption);
}

/** §12.4.3.2: the joiner's state in the new epoch, and the external Commit to send. */
export function joinByExternalCommitMember(input: ExternalJoinOptions): {
  member: MemberState;
  commit: Uint8Array;
} {
  const config = resolveConfig(input.config);
  const message = decodeMessage(input.groupInfo);
  if (message.wireFormat !== WireFormat.mlsGroupInfo) {
    throw new UsageError(`expected a GroupInfo MLSMessage, got wire format ${message.wireFormat}`);
  }
  const resumption = new ResumptionPskStore(config.resumptionPskEpochs);
  const { message: commit, state } = createExternalCommit({
    ...input,
    config,
    groupInfo: message.groupInfo,
    lookupPsk: pskLookup(config.externalPsks, resumption),
  });
  return {
    member: newMemberState(config, input.signatureKeyPair.privateKey.slice(), state, resumption),
    commit,
  };
}
