/**
 * Add, Update and Remove (RFC 9420 §12.1.1–§12.1.3), committed by value and by reference (§12.4).
 */
import { invoke } from "../errors.js";
import { keyPackageFor } from "../member.js";
import type { Scenario } from "../scenario.js";
import { ascii, startGroup } from "../setup.js";

export const addByReference: Scenario = {
  name: "add-by-reference",
  summary: "bob proposes adding carol; alice commits the proposal by reference; carol joins",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    const carol = await keyPackageFor(ctx, 2, "carol");
    ctx.step("bob proposes Add(carol)");
    const bob = group.member("bob");
    const { proposal } = await invoke(bob.endpoint, "AddProposal", (c, o) =>
      c.addProposal({ stateId: bob.stateId, keyPackage: carol.keyPackage }, o),
    );
    ctx.step("alice commits it by reference");
    await group.commit(group.member("alice"), { byReference: [proposal], joiners: [carol] });
    await group.exchange("after add");
    await group.free();
  },
};

export const updateCommit: Scenario = {
  name: "update-commit",
  summary: "bob, then alice, commit with no proposals: a full UpdatePath refreshes their leaves (§12.4)",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    ctx.step("bob commits an empty commit");
    await group.commit(group.member("bob"));
    ctx.step("alice commits an empty commit");
    await group.commit(group.member("alice"));
    await group.exchange("after updates");
    await group.free();
  },
};

export const updateProposal: Scenario = {
  name: "update-proposal",
  summary: "bob proposes an Update of his leaf; alice commits it by reference",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const bob = group.member("bob");
    ctx.step("bob proposes Update");
    const { proposal } = await invoke(bob.endpoint, "UpdateProposal", (c, o) =>
      c.updateProposal({ stateId: bob.stateId }, o),
    );
    ctx.step("alice commits it by reference");
    await group.commit(group.member("alice"), { byReference: [proposal] });
    await group.exchange("after update");
    await group.free();
  },
};

export const removeByValue: Scenario = {
  name: "remove-by-value",
  summary: "alice removes carol with a Remove proposal carried by value in her commit",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const carol = group.member("carol");
    ctx.step("alice commits Remove(carol) by value");
    await group.commit(group.member("alice"), {
      byValue: [{ proposalType: ascii("remove"), removedId: carol.identity }],
      removed: ["carol"],
    });
    await group.exchange("after remove");
    await group.free();
  },
};

export const removeByReference: Scenario = {
  name: "remove-by-reference",
  summary: "bob proposes removing carol; alice commits the proposal by reference",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const [bob, carol] = [group.member("bob"), group.member("carol")];
    ctx.step("bob proposes Remove(carol)");
    const { proposal } = await invoke(bob.endpoint, "RemoveProposal", (c, o) =>
      c.removeProposal({ stateId: bob.stateId, removedId: carol.identity }, o),
    );
    ctx.step("alice commits it by reference");
    await group.commit(group.member("alice"), { byReference: [proposal], removed: ["carol"] });
    await group.exchange("after remove");
    await group.free();
  },
};
