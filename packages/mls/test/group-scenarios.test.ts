import { test } from "node:test";
import assert from "node:assert/strict";
import { basicCredential } from "../src/credential/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import { Group, MemoryPskStore } from "../src/group/index.js";
import { assertSameEpoch, config, deliverCommit, groupOf, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);

test("proposals by reference: Update and Add proposals, committed by another member", () => {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const upd = bob.proposeUpdate();
  const dave = keyPackageFor("dave");
  const add = carol.proposeAdd(dave.keyPackage);
  for (const g of [alice, carol]) assert.equal(g.process(upd.message).kind, "proposal");
  for (const g of [alice, bob]) assert.equal(g.process(add.message).kind, "proposal");
  const { commit, welcome } = alice.commit();
  assert.ok(welcome);
  const staged = bob.process(commit);
  assert.equal(staged.kind, "commit");
  if (staged.kind === "commit") {
    assert.deepEqual(staged.commit.updated, [bob.ownLeafIndex]);
    assert.equal(staged.commit.added.length, 1);
    staged.commit.merge();
  }
  deliverCommit(alice, commit, [carol]);
  const daveGroup = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [dave] });
  assertSameEpoch([alice, bob, carol, daveGroup]);
  const msg = daveGroup.protect(text("hi"));
  const got = bob.process(msg);
  assert.equal(got.kind, "application");
});

test("handshake as PrivateMessage; tree out of band; external and resumption PSKs", () => {
  const psks = new MemoryPskStore().set(text("psk-1"), text("an external secret of some bytes"));
  const extra = { handshakeWireFormat: "private" as const, externalPsks: psks };
  const [alice, bob] = groupOf(["alice", "bob"], nodeProvider, extra);
  assert.ok(alice && bob);
  const p1 = alice.proposePsk({ externalId: text("psk-1") });
  const p2 = alice.proposePsk({ resumptionEpoch: alice.epoch });
  for (const p of [p1, p2]) assert.equal(bob.process(p.message).kind, "proposal");
  const first = alice.commit();
  const staged = bob.process(first.commit);
  assert.ok(staged.kind === "commit" && staged.commit.psks.length === 2);
  staged.commit.merge();
  alice.mergePendingCommit();
  assertSameEpoch([alice, bob]);
  const p3 = bob.proposePsk({ externalId: text("psk-1") });
  assert.equal(alice.process(p3.message).kind, "proposal");
  const carol = keyPackageFor("carol");
  const { commit, welcome } = alice.addMembers([carol.keyPackage], { ratchetTreeInWelcome: false });
  deliverCommit(alice, commit, [bob]);
  assert.ok(welcome);
  assert.throws(
    () => Group.joinFromWelcome({ config: config(nodeProvider, extra), welcome, keyPackages: [carol] }),
    /GROUP-27/,
  );
  const tree = alice.ratchetTree();
  const carolGroup = Group.joinFromWelcome({
    config: config(nodeProvider, extra),
    welcome,
    keyPackages: [carol],
    ratchetTree: tree,
  });
  assertSameEpoch([alice, bob, carolGroup]);
});

test("external commit join, then a resync that removes the old appearance", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const cs = nodeProvider.suite(1);
  const keys = cs.generateSignatureKeyPair();
  const credential = basicCredential(text("erin"));
  const joined = Group.joinByExternalCommit({
    config: config(),
    groupInfo: alice.groupInfo({ externalPub: true }),
    credential,
    signatureKeyPair: keys,
  });
  for (const g of [alice, bob]) {
    const out = g.process(joined.commit);
    assert.ok(out.kind === "commit" && out.commit.isExternal);
    out.commit.merge();
  }
  assertSameEpoch([alice, bob, joined.group]);
  const old = joined.group.ownLeafIndex;
  const resync = Group.joinByExternalCommit({
    config: config(),
    groupInfo: bob.groupInfo({ externalPub: true }),
    credential,
    signatureKeyPair: cs.generateSignatureKeyPair(),
    removeLeaf: old,
  });
  for (const g of [alice, bob]) {
    const out = g.process(resync.commit);
    assert.ok(out.kind === "commit" && out.commit.removed[0]?.leafIndex === old);
    out.commit.merge();
  }
  assertSameEpoch([alice, bob, resync.group]);
  assert.equal(alice.members().length, 3);
  assert.throws(
    () =>
      Group.joinByExternalCommit({
        config: config(),
        groupInfo: alice.groupInfo(),
        credential,
        signatureKeyPair: keys,
      }),
    /GROUP-28/,
  );
});

test("late application messages from the previous epoch still decrypt; older ones do not", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const late = bob.protect(text("late"));
  const c1 = alice.update();
  deliverCommit(alice, c1.commit, [bob]);
  const out = alice.process(late);
  assert.ok(out.kind === "application" && out.epoch === alice.epoch - 1n);
  const later = bob.protect(text("later"));
  for (let i = 0; i < 2; i++) deliverCommit(alice, alice.update().commit, [bob]);
  assert.throws(() => alice.process(later), /FRAMING-2/);
});
