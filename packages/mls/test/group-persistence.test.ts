import { test } from "node:test";
import assert from "node:assert/strict";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { Group, GroupRule, UsageError } from "../src/index.js";
import { assertSameEpoch, config, deliverCommit, groupOf, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);
/** A copy of `bytes` with the bits of `mask` flipped at `at`. */
function flipped(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ mask;
  return copy;
}
const rule = (id: string) => (e: unknown) => e instanceof Error && "rule" in e && e.rule === id;

function received(g: Group, message: Uint8Array): string {
  const out = g.process(message);
  assert.equal(out.kind, "application");
  return out.kind === "application" ? new TextDecoder().decode(out.data) : "";
}

for (const provider of [nodeProvider, nobleProvider]) {
  test(`restart and continue: serialize mid-conversation, restore, keep messaging and committing (${provider.name})`, () => {
    const [alice, bob, carol] = groupOf(["alice", "bob", "carol"], provider);
    assert.ok(alice && bob && carol);
    assert.equal(received(bob, alice.protect(text("before"))), "before");
    // Carol's Update proposal is cached by Bob before he stops; he commits it after restarting.
    const update = carol.proposeUpdate();
    alice.process(update.message);
    bob.process(update.message);
    const restored = Group.restore(config(provider), bob.serialize());
    assert.equal(restored.epoch, bob.epoch);
    assert.deepEqual(restored.epochAuthenticator(), bob.epochAuthenticator());
    assert.deepEqual(restored.ratchetTree(), bob.ratchetTree());
    const { commit } = restored.commit();
    deliverCommit(restored, commit, [alice, carol]);
    assertSameEpoch([alice, restored, carol]);
    assert.equal(received(restored, alice.protect(text("after"))), "after");
    assert.equal(received(carol, restored.protect(text("from restored bob"))), "from restored bob");
    const dave = keyPackageFor("dave", provider);
    const added = alice.addMembers([dave.keyPackage]);
    deliverCommit(alice, added.commit, [restored, carol]);
    assertSameEpoch([alice, restored, carol]);
    // A second restart in a later epoch, after sending, keeps the sending ratchet where it was.
    const again = Group.restore(config(provider), restored.serialize());
    assert.equal(received(alice, again.protect(text("twice restored"))), "twice restored");
  });
}

test("a restored state cannot open a message whose key was consumed before serializing", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const m1 = alice.protect(text("1"));
  const m2 = alice.protect(text("2"));
  const m3 = alice.protect(text("3"));
  assert.equal(received(bob, m3), "3");
  assert.equal(received(bob, m1), "1");
  const restored = Group.restore(config(), bob.serialize());
  assert.throws(() => restored.process(m1), rule("SECRET-TREE-2"));
  assert.throws(() => restored.process(m3), rule("SECRET-TREE-2"));
  // m2 was skipped, so its key was still held for reordering and survives the restart, once.
  assert.equal(received(restored, m2), "2");
  assert.throws(() => restored.process(m2), rule("SECRET-TREE-2"));
});

test("the MAC option: the right key restores, a wrong or missing one does not, and no downgrade to a hash", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const macKey = text("application state key");
  const blob = bob.serialize({ macKey });
  assert.equal(Group.restore(config(), blob, { macKey }).epoch, bob.epoch);
  assert.throws(() => Group.restore(config(), blob), UsageError);
  assert.throws(
    () => Group.restore(config(), blob, { macKey: text("wrong") }),
    rule(GroupRule.stateIntegrity.id),
  );
  assert.throws(
    () => Group.restore(config(), bob.serialize(), { macKey }),
    rule(GroupRule.stateIntegrity.id),
  );
});

test("GROUP-31, GROUP-32, GROUP-33: corrupted, truncated, altered or unknown-version states are refused", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const blob = bob.serialize();
  const restore = (bytes: Uint8Array) => () => Group.restore(config(), bytes);
  assert.throws(restore(flipped(blob, 0, 1)), rule(GroupRule.stateFormat.id));
  const badVersion = blob.slice();
  badVersion[5] = 2;
  assert.throws(restore(badVersion), rule(GroupRule.stateFormat.id));
  assert.throws(restore(blob.subarray(0, 3)), rule(GroupRule.stateFormat.id));
  for (const n of [7, 20, blob.length - 40, blob.length - 1]) {
    assert.throws(restore(blob.subarray(0, n)), rule(GroupRule.stateMalformed.id), `truncated to ${n}`);
  }
  assert.throws(restore(Uint8Array.of(...blob, 0)), rule(GroupRule.stateMalformed.id));
  // Every flipped byte after the header is caught: by the hash, or (in length prefixes) by strict framing.
  for (let i = 9; i < blob.length; i += 37) {
    assert.throws(
      restore(flipped(blob, i, 0x40)),
      (e) => rule(GroupRule.stateIntegrity.id)(e) || rule(GroupRule.stateMalformed.id)(e),
      `byte ${i}`,
    );
  }
  assert.throws(restore(flipped(blob, 100, 1)), rule(GroupRule.stateIntegrity.id));
});

test("serializing is refused while a Commit is pending and after the member was removed", () => {
  const [alice, bob] = groupOf(["alice", "bob"]);
  assert.ok(alice && bob);
  const { commit } = alice.removeMembers([1]);
  assert.throws(() => alice.serialize(), UsageError);
  const staged = bob.process(commit);
  assert.equal(staged.kind, "commit");
  if (staged.kind === "commit") staged.commit.merge();
  alice.mergePendingCommit();
  assert.ok(alice.serialize().length > 0);
  assert.throws(() => bob.serialize(), UsageError);
});
