import { test } from "node:test";
import assert from "node:assert/strict";
import { basicCredential } from "../src/credential/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import { Group, UsageError, WelcomeRule } from "../src/index.js";
import type { Credential, GroupContext, ReInit } from "../src/index.js";
import { checkBranchGroup, checkReinitParameters } from "../src/welcome/resumption-checks.js";
import { assertSameEpoch, config, deliverCommit, groupOf, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);
const rule = (id: string) => (e: unknown) => e instanceof Error && "rule" in e && e.rule === id;
const CHACHA_SUITE = 3;

function received(g: Group, message: Uint8Array): string {
  const out = g.process(message);
  assert.equal(out.kind, "application");
  return out.kind === "application" ? new TextDecoder().decode(out.data) : "";
}

/** Alice, Bob and Carol; Alice proposes a ReInit to a new id and suite, Bob commits it; all merge. */
function reinitialized() {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const proposal = alice.proposeReInit({ groupId: text("reborn"), cipherSuite: CHACHA_SUITE });
  bob.process(proposal.message);
  carol.process(proposal.message);
  const { commit } = bob.commit();
  deliverCommit(bob, commit, [alice, carol]);
  return { alice, bob, carol };
}

test("ReInit round trip: the old group closes, a member starts the new group, the others join with resumedFrom", () => {
  const { alice, bob, carol } = reinitialized();
  const bobKp = keyPackageFor("bob", nodeProvider, CHACHA_SUITE);
  const carolKp = keyPackageFor("carol", nodeProvider, CHACHA_SUITE);
  const { group: alice2, welcome } = alice.reinitialize([bobKp.keyPackage, carolKp.keyPackage]);
  assert.ok(welcome);
  const bob2 = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp], resumedFrom: bob });
  const carol2 = Group.joinFromWelcome({
    config: config(),
    welcome,
    keyPackages: [carolKp],
    resumedFrom: carol,
  });
  assertSameEpoch([alice2, bob2, carol2]);
  assert.equal(alice2.epoch, 1n);
  assert.equal(bob2.cipherSuite, CHACHA_SUITE);
  assert.deepEqual(bob2.groupId, text("reborn"));
  assert.equal(received(carol2, bob2.protect(text("hello again"))), "hello again");
  const { commit } = carol2.update();
  deliverCommit(carol2, commit, [alice2, bob2]);
  assertSameEpoch([alice2, bob2, carol2]);
});

test("a reinit Welcome is refused without the old group, and by a group that is not the one it resumes", () => {
  const { alice, bob } = reinitialized();
  const bobKp = keyPackageFor("bob", nodeProvider, CHACHA_SUITE);
  const { welcome } = alice.reinitialize([bobKp.keyPackage]);
  assert.ok(welcome);
  // With the PSK but no old group to check against: the caller must name it.
  const withPsk = { config: config(), welcome, keyPackages: [bobKp], resumptionPsks: bob.resumptionPsks };
  assert.throws(() => Group.joinFromWelcome(withPsk), UsageError);
  // Without the PSK at all, the Welcome cannot be opened (WELCOME-6).
  assert.throws(
    () => Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp] }),
    rule("WELCOME-6"),
  );
  // An unrelated group as resumedFrom: the PSK (found in the store) names another group.
  const [other] = groupOf(["bob"]);
  assert.ok(other);
  assert.throws(
    () => Group.joinFromWelcome({ ...withPsk, resumedFrom: other }),
    rule(WelcomeRule.resumptionPsk.id),
  );
});

test("reinitialize is refused before a ReInit Commit was merged", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  assert.throws(() => alice.reinitialize([keyPackageFor("bob").keyPackage]), UsageError);
});

test("branch round trip: a subgroup of two, linked by a branch PSK; the old group carries on", () => {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const bobKp = keyPackageFor("bob");
  const { group: sub, welcome } = alice.branch([bobKp.keyPackage], { groupId: text("side room") });
  assert.ok(welcome);
  const bobSub = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp], resumedFrom: bob });
  assertSameEpoch([sub, bobSub]);
  assert.equal(sub.epoch, 1n);
  assert.equal(received(sub, bobSub.protect(text("just us"))), "just us");
  const { commit } = alice.update();
  deliverCommit(alice, commit, [bob, carol]);
  assertSameEpoch([alice, bob, carol]);
});

test("WELCOME-20: a branch with a member who was not in the old group is refused", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const bobKp = keyPackageFor("bob");
  const { welcome } = alice.branch([bobKp.keyPackage, keyPackageFor("mallory").keyPackage]);
  assert.ok(welcome);
  assert.throws(
    () => Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp], resumedFrom: bob }),
    rule(WelcomeRule.branchMembers.id),
  );
  // The application decides what "the same client" means (§11.3): here, any credential is accepted.
  const accepted = Group.joinFromWelcome({
    ...{ config: config(), welcome, keyPackages: [bobKp], resumedFrom: bob },
    sameClient: () => true,
  });
  assert.equal(accepted.epoch, 1n);
});

test("WELCOME-17: a reinit Welcome joined as the successor of a group that committed no ReInit", () => {
  const { alice, bob } = reinitialized();
  const bobKp = keyPackageFor("bob", nodeProvider, CHACHA_SUITE);
  const { welcome } = alice.reinitialize([bobKp.keyPackage]);
  assert.ok(welcome);
  const [notReinit] = groupOf(["bob"]);
  assert.ok(notReinit);
  // The store holds the right PSK, but the named old group never closed with a ReInit.
  const stored = bob.resumptionPsks;
  const psk = stored.lookup(bob.groupId, bob.epoch);
  assert.ok(psk);
  notReinit.resumptionPsks.remember(bob.groupId, bob.epoch, psk);
  assert.throws(
    () => Group.joinFromWelcome({ config: config(), welcome, keyPackages: [bobKp], resumedFrom: notReinit }),
    rule(WelcomeRule.resumptionPsk.id),
  );
});

const context = (over: Partial<GroupContext> = {}): GroupContext => ({
  cipherSuite: 1,
  groupId: text("g"),
  epoch: 1n,
  treeHash: new Uint8Array(32),
  confirmedTranscriptHash: new Uint8Array(32),
  extensions: [],
  ...over,
});

test("WELCOME-18: the new group's suite, id, version and extensions must be the ReInit's", () => {
  const reinit: ReInit = { groupId: text("g"), version: 1, cipherSuite: 1, extensions: [] };
  checkReinitParameters(context(), reinit);
  assert.throws(
    () => checkReinitParameters(context({ cipherSuite: 3 }), reinit),
    rule(WelcomeRule.reinitParameters.id),
  );
  assert.throws(() => checkReinitParameters(context({ groupId: text("h") }), reinit), rule("WELCOME-18"));
  const withExt = context({ extensions: [{ extensionType: 0xff00, extensionData: new Uint8Array(1) }] });
  assert.throws(() => checkReinitParameters(withExt, reinit), rule("WELCOME-18"));
  assert.throws(() => checkReinitParameters(context(), { ...reinit, version: 2 }), rule("WELCOME-18"));
});

test("WELCOME-19: a branch keeps the old group's cipher suite", () => {
  const alice: Credential = basicCredential(text("alice"));
  const old = { groupId: text("old"), epoch: 4n, cipherSuite: 1, members: [alice] };
  checkBranchGroup(context(), [alice], old);
  assert.throws(
    () => checkBranchGroup(context({ cipherSuite: 3 }), [alice], old),
    rule(WelcomeRule.branchParameters.id),
  );
});
