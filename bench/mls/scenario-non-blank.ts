/**
 * A second scenario for group size N: Adds into a tree whose parents are not blank, which the main scenario
 * (Adds into a fresh tree, every parent blank) never reaches. The creator (leaf 0) adds N−1 members, then
 * removes every odd leaf but one in a Commit whose path sets every parent on its direct path, the root
 * included. Re-adding that many members in one Commit then lists each new leaf as unmerged at every one of
 * those parents (§12.1.1): the root's unmerged_leaves grows to about N/2. Timed: that remove and its
 * processing, the add and its processing, a newcomer's join (unmerged-leaf and parent-hash checks over those
 * lists, §12.4.3.1), and a full Commit from leaf 2 (merging the lists, §7.5) and the creator's processing of
 * it. Setup (the first bulk add, KeyPackages, the receiver's join) is not timed. Every member involved must agree on the
 * epoch authenticator after each Commit.
 */
import { bytesEqual } from "@parley/codec";
import { tree } from "@parley/mls";
import type { CreatedCommit, Group } from "@parley/mls";
import {
  SUITE,
  createCreatorGroup,
  joinWithTree,
  memberKeyPackage,
  processAndMerge,
  provider,
} from "./fixture.js";
import { requireAt, requireWelcome } from "./fixture.js";
import { timed, type StepTiming } from "./measure.js";

export const NON_BLANK_STEPS = [
  "removeHalf",
  "removeHalfProcess",
  "addUnderPath",
  "addUnderPathProcess",
  "joinUnderPath",
  "commitAfter",
  "commitAfterProcess",
] as const;
export type NonBlankStep = (typeof NON_BLANK_STEPS)[number];

export interface NonBlankResult {
  readonly steps: Readonly<Record<NonBlankStep, StepTiming>>;
  /** How many members the remove took out and the add put back. */
  readonly churn: number;
  /** The length of the root's unmerged_leaves after the add (0 would mean the scenario missed its point). */
  readonly rootUnmerged: number;
}

type Log = (line: string) => void;

function assertInSync(groups: readonly Group[], after: string): void {
  const [first, ...rest] = groups;
  if (first === undefined) return;
  for (const g of rest) {
    if (g.epoch !== first.epoch || !bytesEqual(g.epochAuthenticator(), first.epochAuthenticator())) {
      throw new Error(`members disagree on the epoch after ${after}`);
    }
  }
}

function commitAndMerge(group: Group, make: (g: Group) => CreatedCommit): CreatedCommit {
  const created = make(group);
  group.mergePendingCommit();
  return created;
}

/** The length of the root's unmerged_leaves in an encoded ratchet tree. */
function rootUnmergedOf(treeBytes: Uint8Array): number {
  const decoded = tree.ratchetTreeFromBytes(provider.suite(SUITE), treeBytes);
  return decoded.parent(decoded.root)?.unmergedLeaves.length ?? 0;
}

export function runNonBlankScenario(n: number, log: Log): NonBlankResult {
  if (!Number.isInteger(n) || n < 8) throw new Error(`N must be an integer ≥ 8, got ${n}`);
  const kps = Array.from({ length: n - 1 }, (_, i) => memberKeyPackage(i));
  const creator = createCreatorGroup();
  const first = commitAndMerge(creator, (g) =>
    g.addMembers(
      kps.map((k) => k.keyPackage),
      { ratchetTreeInWelcome: false },
    ),
  );
  // KeyPackage 1 sits at leaf 2, an even leaf: it stays through the remove.
  const receiver = joinWithTree(
    requireWelcome(first.welcome),
    requireAt(kps, 1, "KeyPackage"),
    creator.ratchetTree(),
  );
  const odd = Array.from({ length: Math.floor(n / 2) }, (_, i) => 2 * i + 1).filter((l) => l < n && l !== 1);
  log(`setup done: ${n} members; removing ${odd.length}`);

  const removeHalf = timed("removeHalf", () => commitAndMerge(creator, (g) => g.removeMembers(odd)));
  const removeHalfProcess = timed("removeHalfProcess", () =>
    processAndMerge(receiver, removeHalf.value.commit),
  );
  assertInSync([creator, receiver], "the remove");
  log(
    `remove ${removeHalf.timing.wallMs.toFixed(0)} ms, process ${removeHalfProcess.timing.wallMs.toFixed(0)} ms`,
  );

  const newcomers = odd.map((_, i) => memberKeyPackage(n + i));
  const add = timed("addUnderPath", () =>
    commitAndMerge(creator, (g) =>
      g.addMembers(
        newcomers.map((k) => k.keyPackage),
        { ratchetTreeInWelcome: false },
      ),
    ),
  );
  const addProcess = timed("addUnderPathProcess", () => processAndMerge(receiver, add.value.commit));
  const treeBytes = creator.ratchetTree();
  const joined = timed("joinUnderPath", () =>
    joinWithTree(
      requireWelcome(add.value.welcome),
      requireAt(newcomers, newcomers.length - 1, "KeyPackage"),
      treeBytes,
    ),
  );
  assertInSync([creator, receiver, joined.value], "the add");
  log(
    `add ${add.timing.wallMs.toFixed(0)} ms, process ${addProcess.timing.wallMs.toFixed(0)} ms, ` +
      `join ${joined.timing.wallMs.toFixed(0)} ms`,
  );

  const commitAfter = timed("commitAfter", () => commitAndMerge(receiver, (g) => g.update()));
  const commitAfterProcess = timed("commitAfterProcess", () =>
    processAndMerge(creator, commitAfter.value.commit),
  );
  processAndMerge(joined.value, commitAfter.value.commit);
  assertInSync([creator, receiver, joined.value], "the full commit");
  log(
    `commit ${commitAfter.timing.wallMs.toFixed(0)} ms, process ${commitAfterProcess.timing.wallMs.toFixed(0)} ms`,
  );
  return {
    steps: {
      removeHalf: removeHalf.timing,
      removeHalfProcess: removeHalfProcess.timing,
      addUnderPath: add.timing,
      addUnderPathProcess: addProcess.timing,
      joinUnderPath: joined.timing,
      commitAfter: commitAfter.timing,
      commitAfterProcess: commitAfterProcess.timing,
    },
    churn: odd.length,
    rootUnmerged: rootUnmergedOf(treeBytes),
  };
}
