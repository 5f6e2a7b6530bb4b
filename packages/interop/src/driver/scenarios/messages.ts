/**
 * Application messages (RFC 9420 §6.3) in every direction, and the exporter (§8.5), across epochs.
 */
import type { Scenario } from "../scenario.js";
import { startGroup } from "../setup.js";

export const applicationMessages: Scenario = {
  name: "application-messages",
  summary:
    "every member protects messages with authenticated data for all others, over two epochs; exporters agree",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    ctx.step("three rounds of messages");
    for (const round of ["one", "two", "three"]) await group.exchange(round);
    ctx.step("exporter agreement");
    await group.exportAgree("parley interop", new TextEncoder().encode("context"), 32);
    ctx.step("carol commits; messages in the new epoch");
    await group.commit(group.member("carol"));
    await group.exchange("next epoch");
    await group.exportAgree("parley interop", new Uint8Array(), 64);
    await group.free();
  },
};
