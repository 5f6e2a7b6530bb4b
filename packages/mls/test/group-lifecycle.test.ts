import { test } from "node:test";
import assert from "node:assert/strict";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { assertSameEpoch, deliverCommit, groupOf } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);

for (const provider of [nodeProvider, nobleProvider]) {
  test(`group lifecycle: create, add by Welcome, message, update, remove (${provider.name})`, () => {
    const [alice, bob, carol] = groupOf(["alice", "bob", "carol"], provider);
    assert.ok(alice && bob && carol);
    assertSameEpoch([alice, bob, carol]);
    assert.equal(alice.members().length, 3);

    const ct = bob.protect(text("hello"), text("aad"));
    for (const g of [alice, carol]) {
      const out = g.process(ct);
      assert.equal(out.kind, "application");
      if (out.kind === "application") {
        assert.deepEqual(out.data, text("hello"));
        assert.deepEqual(out.authenticatedData, text("aad"));
        assert.equal(out.sender, bob.ownLeafIndex);
      }
    }

    const upd = carol.update();
    deliverCommit(carol, upd.commit, [alice, bob]);
    assertSameEpoch([alice, bob, carol]);

    const rm = alice.removeMembers([bob.ownLeafIndex]);
    const staged = bob.process(rm.commit);
    assert.equal(staged.kind, "commit");
    if (staged.kind === "commit") {
      assert.equal(staged.commit.selfRemoved, true);
      staged.commit.merge();
    }
    assert.equal(bob.isActive, false);
    deliverCommit(alice, rm.commit, [carol]);
    assertSameEpoch([alice, carol]);
    assert.equal(alice.members().length, 2);
    assert.deepEqual(alice.exporter("test", text("ctx"), 32), carol.exporter("test", text("ctx"), 32));
  });
}
