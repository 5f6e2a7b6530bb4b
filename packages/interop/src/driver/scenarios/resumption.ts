/**
 * Successor groups (RFC 9420 §11): ReInit (§11.2) and subgroup branching (§11.3). Members of the new group
 * must agree on its epoch authenticator, and both use a resumption PSK from the old group.
 */
import { bytesEqual } from "@parley/codec";
import { check, invoke } from "../errors.js";
import { TestGroup } from "../group.js";
import { keyPackageFor, type Member } from "../member.js";
import type { Scenario } from "../scenario.js";
import { startGroup } from "../setup.js";

export const reinit: Scenario = {
  name: "reinit",
  summary: "alice proposes ReInit; bob commits it; both move to the new group bob creates with a reinit PSK",
  roles: ["alice", "bob"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const [alice, bob] = [group.member("alice"), group.member("bob")];
    ctx.step("alice proposes ReInit");
    const { proposal } = await invoke(alice.endpoint, "ReInitProposal", (c, o) =>
      c.reInitProposal(
        { stateId: alice.stateId, cipherSuite: ctx.suite, groupId: ctx.unique("reinit"), extensions: [] },
        o,
      ),
    );
    ctx.step("bob commits the ReInit");
    const { commit } = await invoke(bob.endpoint, "ReInitCommit", (c, o) =>
      c.reInitCommit(
        { stateId: bob.stateId, byReference: [proposal], byValue: [], forcePath: false, externalTree: false },
        o,
      ),
    );
    const bobDone = await invoke(bob.endpoint, "HandlePendingReInitCommit", (c, o) =>
      c.handlePendingReInitCommit({ stateId: bob.stateId }, o),
    );
    const aliceDone = await invoke(alice.endpoint, "HandleReInitCommit", (c, o) =>
      c.handleReInitCommit({ stateId: alice.stateId, proposal: [proposal], commit }, o),
    );
    check(
      bytesEqual(bobDone.epochAuthenticator, aliceDone.epochAuthenticator),
      "the old group's last epoch authenticators differ",
    );
    ctx.step("bob welcomes alice into the new group");
    const made = await invoke(bob.endpoint, "ReInitWelcome", (c, o) =>
      c.reInitWelcome(
        {
          reinitId: bobDone.reinitId,
          keyPackage: [aliceDone.keyPackage],
          forcePath: false,
          externalTree: true,
        },
        o,
      ),
    );
    const joined = await invoke(alice.endpoint, "HandleReInitWelcome", (c, o) =>
      c.handleReInitWelcome(
        { reinitId: aliceDone.reinitId, welcome: made.welcome, ratchetTree: made.ratchetTree },
        o,
      ),
    );
    const next = new TestGroup(ctx, [
      { ...bob, stateId: made.stateId, authenticator: made.epochAuthenticator },
      { ...alice, stateId: joined.stateId, authenticator: joined.epochAuthenticator },
    ]);
    await next.agree();
    await next.exchange("new group");
    await next.free();
  },
};

export const branch: Scenario = {
  name: "branch",
  summary: "alice branches a subgroup with bob (branch PSK); both old and new groups keep working",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const [alice, bob] = [group.member("alice"), group.member("bob")];
    const bobKp = await keyPackageFor(ctx, 1, "bob");
    ctx.step("alice creates the branch");
    const made = await invoke(alice.endpoint, "CreateBranch", (c, o) =>
      c.createBranch(
        {
          stateId: alice.stateId,
          groupId: ctx.unique("branch"),
          extensions: [],
          keyPackages: [bobKp.keyPackage],
          forcePath: false,
          externalTree: false,
        },
        o,
      ),
    );
    ctx.step("bob joins the branch");
    const joined = await invoke(bob.endpoint, "HandleBranch", (c, o) =>
      c.handleBranch(
        {
          stateId: bob.stateId,
          transactionId: bobKp.transactionId,
          welcome: made.welcome,
          ratchetTree: made.ratchetTree,
        },
        o,
      ),
    );
    const members: Member[] = [
      { ...alice, stateId: made.stateId, authenticator: made.epochAuthenticator },
      { ...bob, stateId: joined.stateId, authenticator: joined.epochAuthenticator },
    ];
    const sub = new TestGroup(ctx, members);
    await sub.agree();
    await sub.exchange("branch");
    ctx.step("the old group still works");
    await group.exchange("old group");
    await sub.free();
    await group.free();
  },
};
