import { test } from "node:test";
import assert from "node:assert/strict";
import { basicCredential } from "../src/credential/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import {
  ExtensionType,
  Group,
  GroupRule,
  ProposalType,
  SenderType,
  UsageError,
  createExternalProposal,
  createNewMemberProposal,
  encodeExtensionData,
  encodeExternalSenders,
} from "../src/index.js";
import { assertSameEpoch, SUITE, config, deliverCommit, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);
const rule = (id: string) => (e: unknown) => e instanceof Error && "rule" in e && e.rule === id;
const cs = nodeProvider.suite(SUITE);

/** A group of Alice and Bob whose GroupContext lists one external sender, "directory". */
function groupWithExternalSender() {
  const server = cs.generateSignatureKeyPair();
  const externalSenders = encodeExtensionData(
    [{ signatureKey: server.publicKey, credential: basicCredential(text("directory")) }],
    encodeExternalSenders,
  );
  const alice = Group.create(config(), {
    cipherSuite: SUITE,
    credential: basicCredential(text("alice")),
    signatureKeyPair: cs.generateSignatureKeyPair(),
    extensions: [{ extensionType: ExtensionType.externalSenders, extensionData: externalSenders }],
  });
  const bobKp = keyPackageFor("bob");
  const { welcome } = alice.addMembers([bobKp.keyPackage]);
  alice.mergePendingCommit();
  assert.ok(welcome);
  const bob = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp] });
  return { alice, bob, server };
}

test("an external sender's Add and Remove proposals, built from GroupInfo, are committed by reference", () => {
  const { alice, bob, server } = groupWithExternalSender();
  const carolKp = keyPackageFor("carol");
  const add = createExternalProposal({
    provider: nodeProvider,
    groupInfo: alice.groupInfo(),
    senderIndex: 0,
    signaturePrivateKey: server.privateKey,
    proposal: { proposalType: ProposalType.add, add: { keyPackage: carolKp.keyPackage } },
  });
  for (const g of [alice, bob]) {
    const out = g.process(add);
    assert.equal(out.kind, "proposal");
    if (out.kind === "proposal") assert.equal(out.sender.senderType, SenderType.external);
  }
  const { commit, welcome } = bob.commit();
  assert.ok(welcome);
  deliverCommit(bob, commit, [alice]);
  const carol = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [carolKp] });
  assertSameEpoch([alice, bob, carol]);
  const remove = createExternalProposal({
    provider: nodeProvider,
    groupInfo: bob.groupInfo(),
    senderIndex: 0,
    signaturePrivateKey: server.privateKey,
    proposal: { proposalType: ProposalType.remove, remove: { removed: carol.ownLeafIndex } },
  });
  for (const g of [alice, bob, carol]) assert.equal(g.process(remove).kind, "proposal");
  const removal = alice.commit();
  deliverCommit(alice, removal.commit, [bob, carol]);
  assert.equal(carol.isActive, false);
  assert.equal(alice.members().length, 2);
  assertSameEpoch([alice, bob]);
});

test("a new member asks to join with a new_member_proposal Add; a member commits it and welcomes it", () => {
  const { alice, bob } = groupWithExternalSender();
  const erinKp = keyPackageFor("erin");
  const ask = createNewMemberProposal({
    provider: nodeProvider,
    groupInfo: alice.groupInfo(),
    keyPackage: erinKp.keyPackage,
    signaturePrivateKey: erinKp.private.signaturePrivateKey,
  });
  for (const g of [alice, bob]) {
    const out = g.process(ask);
    assert.equal(out.kind, "proposal");
    if (out.kind === "proposal") assert.equal(out.sender.senderType, SenderType.newMemberProposal);
  }
  const { commit, welcome } = alice.commit();
  assert.ok(welcome);
  deliverCommit(alice, commit, [bob]);
  const erin = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [erinKp] });
  assertSameEpoch([alice, bob, erin]);
});

test("GROUP-7, GROUP-8: the helper refuses types external senders may not send and unlisted senders", () => {
  const { alice, server } = groupWithExternalSender();
  const groupInfo = alice.groupInfo();
  const { leafNode } = keyPackageFor("someone").keyPackage;
  const base = { provider: nodeProvider, groupInfo, signaturePrivateKey: server.privateKey };
  assert.throws(
    () =>
      createExternalProposal({
        ...base,
        senderIndex: 0,
        proposal: { proposalType: ProposalType.update, update: { leafNode } },
      }),
    rule(GroupRule.externalProposalType.id),
  );
  const remove = { proposalType: ProposalType.remove, remove: { removed: 1 } } as const;
  assert.throws(() => createExternalProposal({ ...base, senderIndex: 3, proposal: remove }), rule("GROUP-8"));
  const stranger = cs.generateSignatureKeyPair();
  assert.throws(
    () =>
      createExternalProposal({
        ...base,
        signaturePrivateKey: stranger.privateKey,
        senderIndex: 0,
        proposal: remove,
      }),
    UsageError,
  );
});
