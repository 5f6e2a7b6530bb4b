/**
 * Pre-shared keys (RFC 9420 §8.4): an external PSK every party stored beforehand, including a member who
 * joins in the same commit, and a resumption PSK (§8.6) from an earlier epoch of the group.
 */
import { randomBytes } from "node:crypto";
import { invoke } from "../errors.js";
import { keyPackageFor } from "../member.js";
import type { Scenario } from "../scenario.js";
import { ascii, startGroup } from "../setup.js";

export const externalPsk: Scenario = {
  name: "external-psk",
  summary: "alice proposes an external PSK; bob commits it together with adding carol, who holds the PSK too",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    const carol = await keyPackageFor(ctx, 2, "carol");
    const pskId = ctx.unique("psk");
    const pskSecret = new Uint8Array(randomBytes(32));
    ctx.step("everyone stores the PSK");
    for (const holder of [
      ...group.members.map((m) => ({ endpoint: m.endpoint, id: m.stateId })),
      { endpoint: carol.endpoint, id: carol.transactionId },
    ]) {
      await invoke(holder.endpoint, "StorePSK", (c, o) =>
        c.storePSK({ stateOrTransactionId: holder.id, pskId, pskSecret }, o),
      );
    }
    const alice = group.member("alice");
    ctx.step("alice proposes the external PSK");
    const { proposal } = await invoke(alice.endpoint, "ExternalPSKProposal", (c, o) =>
      c.externalPSKProposal({ stateId: alice.stateId, pskId }, o),
    );
    ctx.step("bob commits it with Add(carol) by value");
    await group.commit(group.member("bob"), {
      byReference: [proposal],
      byValue: [{ proposalType: ascii("add"), keyPackage: carol.keyPackage }],
      joiners: [carol],
    });
    await group.exchange("after psk");
    await group.free();
  },
};

export const resumptionPsk: Scenario = {
  name: "resumption-psk",
  summary: "after another epoch, bob proposes the resumption PSK of epoch 1; alice commits it",
  roles: ["alice", "bob"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    ctx.step("alice commits to reach epoch 2");
    await group.commit(group.member("alice"));
    const bob = group.member("bob");
    ctx.step("bob proposes the resumption PSK of epoch 1");
    const { proposal } = await invoke(bob.endpoint, "ResumptionPSKProposal", (c, o) =>
      c.resumptionPSKProposal({ stateId: bob.stateId, epochId: 1n }, o),
    );
    ctx.step("alice commits it by reference");
    await group.commit(group.member("alice"), { byReference: [proposal] });
    await group.exchange("after resumption psk");
    await group.free();
  },
};
