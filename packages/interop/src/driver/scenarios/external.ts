/**
 * Getting in from outside: external commits (RFC 9420 §12.4.3.2, including the resync form that replaces
 * one's own old leaf) and external proposals (§12.1.8) from a new member or a listed external sender.
 */
import { invoke } from "../errors.js";
import type { TestGroup } from "../group.js";
import { identityOf, keyPackageFor, type Member } from "../member.js";
import type { Scenario, ScenarioContext } from "../scenario.js";
import { ascii, startGroup } from "../setup.js";

/** `name` (role `role`) joins by external commit from `from`'s GroupInfo; everyone else handles the commit. */
async function joinExternally(
  ctx: ScenarioContext,
  group: TestGroup,
  from: Member,
  joiner: { role: number; name: string; identity: Uint8Array; removePrior: boolean },
  externalTree: boolean,
): Promise<void> {
  const info = await group.groupInfo(from, externalTree);
  const endpoint = ctx.endpointFor(joiner.role);
  const res = await invoke(endpoint, "ExternalJoin", (c, o) =>
    c.externalJoin(
      {
        groupInfo: info.groupInfo,
        ratchetTree: info.ratchetTree,
        encryptHandshake: ctx.encrypt,
        identity: joiner.identity,
        removePrior: joiner.removePrior,
        psks: [],
      },
      o,
    ),
  );
  const skip = joiner.removePrior ? [joiner.name] : [];
  await group.deliver(res.commit, [], skip);
  if (joiner.removePrior) await group.dropRemoved(new Set([joiner.name]));
  group.members.push({
    name: joiner.name,
    identity: joiner.identity,
    endpoint,
    stateId: res.stateId,
    authenticator: res.epochAuthenticator,
  });
  await group.agree();
}

export const externalJoin: Scenario = {
  name: "external-join",
  summary: "carol joins by external commit from bob's GroupInfo (tree in its extension)",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    ctx.step("carol joins externally");
    const carol = { role: 2, name: "carol", identity: identityOf(ctx, "carol"), removePrior: false };
    await joinExternally(ctx, group, group.member("bob"), carol, false);
    await group.exchange("after external join");
    await group.free();
  },
};

export const externalJoinExternalTree: Scenario = {
  name: "external-join-external-tree",
  summary: "as external-join, with the ratchet tree delivered out of band next to the GroupInfo",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    ctx.step("carol joins externally");
    const carol = { role: 2, name: "carol", identity: identityOf(ctx, "carol"), removePrior: false };
    await joinExternally(ctx, group, group.member("alice"), carol, true);
    await group.exchange("after external join");
    await group.free();
  },
};

export const externalJoinResync: Scenario = {
  name: "external-join-resync",
  summary: "bob rejoins by external commit with remove_prior, replacing his own old leaf (§12.4.3.2)",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const bob = group.member("bob");
    ctx.step("bob resyncs");
    await joinExternally(
      ctx,
      group,
      group.member("alice"),
      { role: 1, name: "bob", identity: bob.identity, removePrior: true },
      false,
    );
    await group.exchange("after resync");
    await group.free();
  },
};

export const newMemberProposal: Scenario = {
  name: "external-proposal-new-member",
  summary: "carol sends a new_member_proposal Add from alice's GroupInfo; bob commits it; carol joins",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    const info = await group.groupInfo(group.member("alice"), false);
    const endpoint = ctx.endpointFor(2);
    const identity = identityOf(ctx, "carol");
    ctx.step("carol proposes to add herself");
    const res = await invoke(endpoint, "NewMemberAddProposal", (c, o) =>
      c.newMemberAddProposal({ groupInfo: info.groupInfo, identity }, o),
    );
    const carol = {
      name: "carol",
      identity,
      endpoint,
      transactionId: res.transactionId,
      keyPackage: new Uint8Array(),
    };
    ctx.step("bob commits the proposal by reference");
    await group.commit(group.member("bob"), { byReference: [res.proposal], joiners: [carol] });
    await group.exchange("after join");
    await group.free();
  },
};

export const externalSignerProposals: Scenario = {
  name: "external-signer-proposals",
  summary: "an external sender is added to external_senders, then proposes adding and removing dave",
  roles: ["alice", "bob", "signer", "dave"],
  async run(ctx) {
    const group = await startGroup(ctx, ["alice", "bob"]);
    const signerEndpoint = ctx.endpointFor(2);
    ctx.step("create the external signer");
    const signer = await invoke(signerEndpoint, "CreateExternalSigner", (c, o) =>
      c.createExternalSigner({ cipherSuite: ctx.suite, identity: identityOf(ctx, "signer") }, o),
    );
    const alice = group.member("alice");
    ctx.step("alice proposes adding the signer to external_senders");
    const add = await invoke(alice.endpoint, "AddExternalSigner", (c, o) =>
      c.addExternalSigner({ stateId: alice.stateId, externalSender: signer.externalSender }, o),
    );
    ctx.step("bob commits it");
    await group.commit(group.member("bob"), { byReference: [add.proposal] });
    const dave = await keyPackageFor(ctx, 3, "dave");
    const propose = async (
      description: Parameters<typeof ascii>[0],
      extra: { keyPackage?: Uint8Array; removedId?: Uint8Array },
    ) => {
      const info = await group.groupInfo(group.member("alice"), true);
      const res = await invoke(signerEndpoint, "ExternalSignerProposal", (c, o) =>
        c.externalSignerProposal(
          {
            signerId: signer.signerId,
            signerIndex: 0,
            groupInfo: info.groupInfo,
            ratchetTree: info.ratchetTree,
            description: { proposalType: ascii(description), ...extra },
          },
          o,
        ),
      );
      return res.proposal;
    };
    ctx.step("the signer proposes Add(dave); alice commits it");
    await group.commit(alice, {
      byReference: [await propose("add", { keyPackage: dave.keyPackage })],
      joiners: [dave],
    });
    ctx.step("the signer proposes Remove(dave); bob commits it");
    const removal = await propose("remove", { removedId: dave.identity });
    await group.commit(group.member("bob"), { byReference: [removal], removed: ["dave"] });
    await group.exchange("after external proposals");
    await group.free();
  },
};
