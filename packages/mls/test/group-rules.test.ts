import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ContentType,
  ExtensionType,
  PSKType,
  ProposalType,
  ResumptionPSKUsage,
  SenderType,
  encodeExtensionData,
  encodeRequiredCapabilities,
} from "../src/codec/index.js";
import type { Proposal, Sender } from "../src/codec/index.js";
import { Group, GroupRule } from "../src/group/index.js";
import { memberStateOf } from "../src/group/group.js";
import { checkProposal, checkPskProposal } from "../src/group/proposal-checks.js";
import { pathRequired, validateExternalList, validateRegularList } from "../src/group/proposal-list.js";
import { senderSignatureKey } from "../src/group/message-in.js";
import { findOwnLeaf } from "../src/group/welcome-join.js";
import { MemoryPskStore } from "../src/group/config.js";
import { config, deliverCommit, groupOf, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);
const rule = (id: string) => (e: unknown) => e instanceof Error && "rule" in e && e.rule === id;
const member = (leafIndex: number): Sender => ({ senderType: SenderType.member, leafIndex });

function twoMembers() {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  return { alice, bob, m: memberStateOf(alice) };
}

function ctxOf(m: ReturnType<typeof memberStateOf>) {
  return { state: m.epoch, config: m.config, extensions: m.epoch.context.extensions };
}

test("GROUP-1: a Remove of a blank or absent leaf is refused", () => {
  const { alice } = twoMembers();
  assert.throws(() => alice.proposeRemove(7), rule(GroupRule.removeTarget.id));
});

test("GROUP-2 and GROUP-7, GROUP-8: who may send which proposal", () => {
  const { m } = twoMembers();
  const leafNode = m.epoch.tree.leaf(m.epoch.ownLeaf);
  assert.ok(leafNode);
  const update: Proposal = { proposalType: ProposalType.update, update: { leafNode } };
  const remove: Proposal = { proposalType: ProposalType.remove, remove: { removed: 1 } };
  const newMember = { senderType: SenderType.newMemberCommit } as const;
  assert.throws(() => checkProposal(ctxOf(m), { proposal: update, sender: newMember }, 0), rule("GROUP-2"));
  const external = { senderType: SenderType.external, senderIndex: 0 } as const;
  assert.throws(() => checkProposal(ctxOf(m), { proposal: update, sender: external }, 1), rule("GROUP-7"));
  assert.throws(() => checkProposal(ctxOf(m), { proposal: remove, sender: external }, 0), rule("GROUP-8"));
});

test("GROUP-3, GROUP-4: PSK proposals need a KDF.Nh nonce and may not carry reinit/branch PSKs", () => {
  const { m } = twoMembers();
  const nonce = new Uint8Array(32);
  const ext = { pskType: PSKType.external, pskId: text("x"), pskNonce: new Uint8Array(5) } as const;
  assert.throws(() => checkPskProposal(m.epoch, { psk: ext }), rule("GROUP-3"));
  const reinit = {
    pskType: PSKType.resumption,
    usage: ResumptionPSKUsage.reinit,
    pskGroupId: m.epoch.context.groupId,
    pskEpoch: 1n,
    pskNonce: nonce,
  } as const;
  assert.throws(() => checkPskProposal(m.epoch, { psk: reinit }), rule("GROUP-4"));
});

test("GROUP-5: a Commit injecting a PSK the member lacks is refused", () => {
  const { alice } = twoMembers();
  alice.proposePsk({ externalId: text("nobody has this") });
  assert.throws(() => alice.commit(), rule("GROUP-5"));
});

test("GROUP-6: a ReInit to a lower version is invalid", () => {
  const { m } = twoMembers();
  const reinit: Proposal = {
    proposalType: ProposalType.reinit,
    reinit: { groupId: text("g"), version: 0, cipherSuite: 1, extensions: [] },
  };
  assert.throws(() => checkProposal(ctxOf(m), { proposal: reinit, sender: member(0) }, 0), rule("GROUP-6"));
});

test("GROUP-9, GROUP-12, GROUP-16, GROUP-20: list rules on hand-made lists", () => {
  const { m, bob } = twoMembers();
  const tree = m.epoch.tree;
  const own = m.epoch.ownLeaf;
  const unknown: Proposal = { proposalType: 0xff00, proposalData: new Uint8Array(0) };
  assert.throws(
    () => validateRegularList([{ proposal: unknown, sender: member(0) }], tree, own),
    rule("GROUP-9"),
  );
  const leafNode = tree.leaf(own);
  assert.ok(leafNode);
  const update: Proposal = { proposalType: ProposalType.update, update: { leafNode } };
  assert.throws(
    () => validateRegularList([{ proposal: update, sender: member(own) }], tree, own),
    rule("GROUP-12"),
  );
  const kp = keyPackageFor("mallory").keyPackage;
  const bobKey = bob.members()[1]?.signatureKey ?? new Uint8Array(0);
  const clone = { ...kp, leafNode: { ...kp.leafNode, signatureKey: bobKey } };
  const add: Proposal = { proposalType: ProposalType.add, add: { keyPackage: clone } };
  assert.throws(
    () => validateRegularList([{ proposal: add, sender: member(0) }], tree, own),
    rule("GROUP-16"),
  );
  const init: Proposal = {
    proposalType: ProposalType.externalInit,
    externalInit: { kemOutput: new Uint8Array(32) },
  };
  assert.throws(
    () => validateRegularList([{ proposal: init, sender: member(0) }], tree, own),
    rule("GROUP-20"),
  );
});

test("GROUP-10: a GroupContextExtensions requiring what members lack is refused", () => {
  const { alice } = twoMembers();
  const required = { extensionTypes: [0xff01], proposalTypes: [], credentialTypes: [] };
  const extensionData = encodeExtensionData(required, encodeRequiredCapabilities);
  alice.proposeGroupContextExtensions([{ extensionType: ExtensionType.requiredCapabilities, extensionData }]);
  assert.throws(() => alice.commit(), rule("GROUP-10"));
});

test("GROUP-11: a Commit referencing a proposal this member never saw is refused", () => {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const p = carol.proposeRemove(bob.ownLeafIndex);
  alice.process(p.message);
  const { commit } = alice.commit();
  assert.throws(() => bob.process(commit), rule("GROUP-11"));
});

test("GROUP-13, GROUP-14, GROUP-15, GROUP-17, GROUP-18, GROUP-19: the committer's own list is checked", () => {
  const psks = new MemoryPskStore().set(text("p"), text("secret"));
  const [alice, bob] = groupOf(["alice", "bob"], undefined, { externalPsks: psks });
  assert.ok(alice && bob);
  assert.throws(() => alice.removeMembers([alice.ownLeafIndex]), rule("GROUP-13"));
  assert.throws(() => alice.removeMembers([1, 1]), rule("GROUP-14"));
  const kp = keyPackageFor("dan").keyPackage;
  assert.throws(() => alice.addMembers([kp, kp]), rule("GROUP-15"));
  const id = { pskType: PSKType.external, pskId: text("p"), pskNonce: new Uint8Array(32) } as const;
  const psk: Proposal = { proposalType: ProposalType.psk, psk: { psk: id } };
  assert.throws(() => alice.commit({ proposals: [psk, psk] }), rule("GROUP-17"));
  const gce: Proposal = {
    proposalType: ProposalType.groupContextExtensions,
    groupContextExtensions: { extensions: [] },
  };
  assert.throws(() => alice.commit({ proposals: [gce, gce] }), rule("GROUP-18"));
  const reinit: Proposal = {
    proposalType: ProposalType.reinit,
    reinit: { groupId: text("new"), version: 1, cipherSuite: 1, extensions: [] },
  };
  assert.throws(() => alice.commit({ proposals: [reinit, psk] }), rule("GROUP-19"));
});

test("GROUP-21, GROUP-22: external Commit lists", () => {
  assert.throws(() => validateExternalList([]), rule("GROUP-21"));
  const init: Proposal = {
    proposalType: ProposalType.externalInit,
    externalInit: { kemOutput: new Uint8Array(32) },
  };
  const byRef = {
    proposal: init,
    sender: { senderType: SenderType.newMemberCommit } as const,
    ref: new Uint8Array(32),
  };
  assert.throws(() => validateExternalList([byRef]), rule("GROUP-22"));
});

test("GROUP-23, GROUP-24: path presence and the sender's leaf", () => {
  assert.equal(pathRequired([]), true);
  const { m } = twoMembers();
  const content = {
    groupId: m.epoch.context.groupId,
    epoch: m.epoch.context.epoch,
    sender: { senderType: SenderType.newMemberCommit } as const,
    authenticatedData: new Uint8Array(0),
    contentType: ContentType.commit,
    commit: { proposals: [] },
  } as const;
  assert.throws(() => senderSignatureKey(m.epoch.context, m.epoch.tree, content), rule("GROUP-23"));
  const fromBlank = { ...content, sender: member(3) };
  assert.throws(() => senderSignatureKey(m.epoch.context, m.epoch.tree, fromBlank), rule("GROUP-24"));
});

test("GROUP-25: a handshake message of a past epoch is refused", () => {
  const [alice, bob] = groupOf(["alice", "bob"], undefined, { handshakeWireFormat: "private" });
  assert.ok(alice && bob);
  const stale = bob.proposeUpdate();
  const { commit } = alice.update({ includePending: false });
  deliverCommit(alice, commit, [bob]);
  assert.throws(() => alice.process(stale.message), rule("GROUP-25"));
});

test("GROUP-26, GROUP-27: the joiner's leaf must be in the tree, and the tree must be available", () => {
  const { m } = twoMembers();
  assert.throws(() => findOwnLeaf(m.epoch.tree, keyPackageFor("zed").keyPackage), rule("GROUP-26"));
  const [alice] = groupOf(["alice"]);
  assert.ok(alice);
  const erin = keyPackageFor("erin");
  const { welcome } = alice.addMembers([erin.keyPackage], { ratchetTreeInWelcome: false });
  assert.ok(welcome);
  assert.throws(
    () => Group.joinFromWelcome({ config: config(), welcome, keyPackages: [erin] }),
    rule("GROUP-27"),
  );
});

test("GROUP-29: after a Commit covering a ReInit the group sends nothing more", () => {
  const { alice, bob } = twoMembers();
  const p = alice.proposeReInit({ groupId: text("next"), cipherSuite: 1 });
  bob.process(p.message);
  const { commit } = bob.commit();
  deliverCommit(bob, commit, [alice]);
  assert.throws(() => alice.protect(text("x")), rule("GROUP-29"));
  assert.throws(() => bob.update(), rule("GROUP-29"));
});

test("GROUP-30: a member requiring private handshakes refuses a public proposal", () => {
  const [alice, bob] = groupOf(["alice", "bob"], undefined, { requireHandshakeWireFormat: "private" });
  assert.ok(alice && bob);
  const p = alice.proposeUpdate();
  assert.throws(() => bob.process(p.message), rule("GROUP-30"));
});
