/**
 * The part of creating (§12.4.1) and processing (§12.4.2) a Commit that both sides share once the new tree is
 * known: the confirmed transcript hash over the signed Commit, the new GroupContext, and the key schedule
 * (§8) from init_secret, commit_secret and psk_secret.
 */
import type { AuthenticatedContent, Extension, GroupContext } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { runKeySchedule } from "../schedule/key-schedule.js";
import type { KeyScheduleOutput } from "../schedule/key-schedule.js";
import { computeConfirmedTranscriptHash } from "../schedule/transcript-hashes.js";

export interface NextEpochInput {
  readonly cs: CipherSuite;
  /** GroupContext of the epoch the Commit was sent in. */
  readonly oldContext: GroupContext;
  readonly oldInterimTranscriptHash: Uint8Array;
  /** The signed Commit (its confirmation tag is not part of the confirmed transcript hash). */
  readonly commit: AuthenticatedContent;
  /** The encoding of `commit.content` as received, if known; hashed as is (`computeConfirmedTranscriptHash`). */
  readonly commitContentBytes?: Uint8Array | undefined;
  readonly treeHash: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly initSecret: Uint8Array;
  readonly commitSecret: Uint8Array;
  readonly pskSecret: Uint8Array;
}

export interface NextEpoch {
  readonly context: GroupContext;
  readonly schedule: KeyScheduleOutput;
}

/** The provisional GroupContext of §12.4.1/§12.4.2: new epoch, tree and extensions, old transcript hash. */
export function provisionalContext(
  old: GroupContext,
  treeHash: Uint8Array,
  extensions: readonly Extension[],
): GroupContext {
  return { ...old, epoch: old.epoch + 1n, treeHash, extensions };
}

/** §12.4.1/§12.4.2: "Update the confirmed and interim transcript hashes … generate the new GroupContext", then §8. */
export function deriveNextEpoch(input: NextEpochInput): NextEpoch {
  const { cs } = input;
  const confirmedTranscriptHash = computeConfirmedTranscriptHash(
    cs,
    input.oldInterimTranscriptHash,
    input.commit,
    input.commitContentBytes,
  );
  const context: GroupContext = {
    ...provisionalContext(input.oldContext, input.treeHash, input.extensions),
    confirmedTranscriptHash,
  };
  const schedule = runKeySchedule(cs, {
    initSecret: input.initSecret,
    commitSecret: input.commitSecret,
    pskSecret: input.pskSecret,
    groupContext: context,
  });
  return { context, schedule };
}
