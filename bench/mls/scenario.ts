/**
 * Issue 4 (a)–(f) for one group size N: N KeyPackages, one Commit adding N−1 members with a Welcome, joining
 * from it with the tree out of band, a full-path Commit right after the bulk add (every parent blank, so the
 * path is encrypted to all N−1 other leaves: the worst case) and its processing, then a remove Commit and its
 * processing. The committer is the last leaf and the receiver leaf 1; after each Commit both must agree on the
 * epoch authenticator, so a step that silently went wrong fails instead of being timed.
 */
import { bytesEqual } from "@parley/codec";
import type { CreatedKeyPackage, Group } from "@parley/mls";
import { createCreatorGroup, joinWithTree, memberKeyPackage, processAndMerge } from "./fixture.js";
import { requireAt, requireWelcome } from "./fixture.js";
import { timed, workerShare, type StepTiming } from "./measure.js";

export interface ScenarioResult {
  readonly keyPackages: StepTiming;
  readonly add: StepTiming;
  readonly join: StepTiming;
  /** The receiver's join, done the same way: a second sample of (c). */
  readonly joinSecond: StepTiming;
  readonly commit: StepTiming;
  readonly process: StepTiming;
  readonly remove: StepTiming;
  readonly removeProcess: StepTiming;
  readonly bytes: {
    readonly addCommit: number;
    readonly welcome: number;
    readonly ratchetTree: number;
    readonly pathCommit: number;
    readonly removeCommit: number;
  };
}

function assertInSync(a: Group, b: Group, after: string): void {
  if (a.epoch !== b.epoch || !bytesEqual(a.epochAuthenticator(), b.epochAuthenticator())) {
    throw new Error(`members disagree on the epoch after ${after}`);
  }
}

type Log = (line: string) => void;

function bulkAdd(kps: readonly CreatedKeyPackage[], log: Log) {
  const creator = createCreatorGroup();
  const add = timed("add", () => {
    const created = creator.addMembers(
      kps.map((k) => k.keyPackage),
      { ratchetTreeInWelcome: false },
    );
    creator.mergePendingCommit();
    return created;
  });
  log(`add ${add.timing.wallMs.toFixed(0)} ms${workerShare(add.timing)}`);
  const ratchetTree = creator.ratchetTree();
  return { add, welcome: requireWelcome(add.value.welcome), ratchetTree };
}

/**
 * (a)–(c): returns the two members the later steps use, so the KeyPackages, the creator and the Welcome
 * can be collected (a member's process holds its own group, not everyone's key material).
 */
function buildGroup(n: number, log: Log) {
  const keyPackages = timed("keyPackages", () => Array.from({ length: n }, (_, i) => memberKeyPackage(i)));
  log(`${n} KeyPackages ${keyPackages.timing.wallMs.toFixed(0)} ms`);
  // The creator holds leaf 0; KeyPackage i lands at leaf i+1, and the N-th KeyPackage is spare.
  const kps = keyPackages.value.slice(0, n - 1);
  const { add, welcome, ratchetTree } = bulkAdd(kps, log);
  const join = timed("join", () => joinWithTree(welcome, requireAt(kps, n - 2, "KeyPackage"), ratchetTree));
  const joinSecond = timed("joinSecond", () =>
    joinWithTree(welcome, requireAt(kps, 0, "KeyPackage"), ratchetTree),
  );
  log(
    `join ${join.timing.wallMs.toFixed(0)} ms${workerShare(join.timing)}, ${joinSecond.timing.wallMs.toFixed(0)} ms`,
  );
  assertInSync(join.value, joinSecond.value, "the joins");
  return {
    committer: join.value,
    receiver: joinSecond.value,
    timings: {
      keyPackages: keyPackages.timing,
      add: add.timing,
      join: join.timing,
      joinSecond: joinSecond.timing,
    },
    bytes: { addCommit: add.value.commit.length, welcome: welcome.length, ratchetTree: ratchetTree.length },
  };
}

export function runScenario(n: number, log: Log): ScenarioResult {
  if (!Number.isInteger(n) || n < 4) throw new Error(`N must be an integer ≥ 4, got ${n}`);
  const { committer, receiver, timings, bytes } = buildGroup(n, log);
  const commit = timed("commit", () => {
    const created = committer.update();
    committer.mergePendingCommit();
    return created.commit;
  });
  const processed = timed("process", () => processAndMerge(receiver, commit.value));
  assertInSync(committer, receiver, "the full-path commit");
  log(
    `commit ${commit.timing.wallMs.toFixed(0)} ms${workerShare(commit.timing)}, process ${processed.timing.wallMs.toFixed(0)} ms`,
  );
  const remove = timed("remove", () => {
    const created = committer.removeMembers([2]);
    committer.mergePendingCommit();
    return created.commit;
  });
  const removeProcess = timed("removeProcess", () => processAndMerge(receiver, remove.value));
  assertInSync(committer, receiver, "the remove commit");
  log(
    `remove ${remove.timing.wallMs.toFixed(0)} ms${workerShare(remove.timing)}, process ${removeProcess.timing.wallMs.toFixed(0)} ms`,
  );
  return {
    ...timings,
    commit: commit.timing,
    process: processed.timing,
    remove: remove.timing,
    removeProcess: removeProcess.timing,
    bytes: {
      ...bytes,
      pathCommit: commit.value.length,
      removeCommit: remove.value.length,
    },
  };
}
