/**
 * Joining from a Welcome (RFC 9420 §12.4.3.1), with the ratchet tree in the GroupInfo's `ratchet_tree`
 * extension (§12.4.3.3) or delivered out of band.
 */
import { keyPackageFor } from "../member.js";
import type { Scenario } from "../scenario.js";
import { ascii, startGroup } from "../setup.js";

export const welcomeJoin: Scenario = {
  name: "welcome-join",
  summary: "alice adds bob and carol by value; they join from the Welcome with the tree in its GroupInfo",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    ctx.step("members exchange application messages");
    await group.exchange("first");
    await group.free();
  },
};

export const welcomeJoinExternalTree: Scenario = {
  name: "welcome-join-external-tree",
  summary: "as welcome-join, but the ratchet tree travels out of band next to the Welcome",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles, true);
    ctx.step("members exchange application messages");
    await group.exchange("first");
    await group.free();
  },
};

export const forcedPathAdd: Scenario = {
  name: "add-with-forced-path",
  summary: "alice adds carol by value with force_path, so the Add commit carries an UpdatePath (§12.4)",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    const carol = await keyPackageFor(ctx, 2, "carol");
    ctx.step("alice adds carol with a forced path");
    await group.commit(group.member("alice"), {
      byValue: [{ proposalType: ascii("add"), keyPackage: carol.keyPackage }],
      forcePath: true,
      joiners: [carol],
    });
    await group.exchange("after");
    await group.free();
  },
};
