import { test } from "node:test";
import assert from "node:assert/strict";
import { Reader, Writer, bytesEqual, concatBytes, decode, encode } from "@parley/codec";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import type { CryptoProvider } from "../src/crypto/index.js";
import { decodeStoredMemberState, encodeStoredMemberState } from "../src/group/state-codec.js";
import type { StoredMemberState } from "../src/group/state-codec.js";
import { Group, GroupRule, SecretTreeRule, UsageError, ValidationError } from "../src/index.js";
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
  // Version 1 (which stored encryption_secret) was never released and is refused like any unknown version.
  for (const version of [1, 3]) {
    const other = blob.slice();
    other[5] = version;
    assert.throws(
      restore(other),
      (e) => rule(GroupRule.stateFormat.id)(e) && /unsupported state format version/.test(String(e)),
    );
  }
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

/** Whether `needle` occurs anywhere in `haystack`. */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (bytesEqual(haystack.subarray(i, i + needle.length), needle)) return true;
  }
  return false;
}

/**
 * RFC 9420 §8 / §5.1.3: `DeriveSecret(epoch_secret, label)` for a Nh-byte output is HKDF-Expand's first
 * block, HMAC(epoch_secret, KDFLabel || 0x01). A provider that watches HMAC inputs for that block sees every
 * such secret the library derives: `copies` keeps their values, `live` the arrays the library went on to hold.
 */
function watchingProvider(base: CryptoProvider, label: string) {
  const copies: Uint8Array[] = [];
  const live: Uint8Array[] = [];
  const provider: CryptoProvider = {
    name: base.name,
    randomBytes: (n) => base.randomBytes(n),
    suite(id) {
      const cs = base.suite(id);
      const block = new Writer()
        .u16(cs.hashLength)
        .opaque(text(`MLS 1.0 ${label}`))
        .opaque(new Uint8Array(0));
      const watched = concatBytes(block.u8(1).finish());
      const mac = (key: Uint8Array, data: Uint8Array): Uint8Array => {
        const out = cs.mac(key, data);
        if (bytesEqual(data, watched)) {
          copies.push(out.slice());
          live.push(out);
        }
        return out;
      };
      return new Proxy(cs, {
        get(target, prop) {
          if (prop === "mac") return mac;
          const value: unknown = Reflect.get(target, prop);
          return typeof value === "function" ? (value as () => unknown).bind(target) : value;
        },
      });
    },
  };
  return { provider, copies, live };
}

test("§9.2: encryption_secret is deleted once the secret tree exists, and absent from blobs after first use", () => {
  const encryption = watchingProvider(nodeProvider, "encryption");
  const [alice, bob] = groupOf(["alice", "bob"], encryption.provider);
  assert.ok(alice && bob);
  assert.ok(encryption.copies.length >= 2, "every epoch's encryption_secret was seen");
  // The key schedule's copy of every epoch is zeroed as soon as that epoch's secret tree is built.
  assert.ok(encryption.live.every((secret) => secret.every((b) => b === 0)));
  // No message yet in Bob's epoch: the secret tree's root is encryption_secret itself, not yet consumed.
  assert.ok(encryption.copies.some((secret) => contains(bob.serialize(), secret)));
  assert.equal(received(bob, alice.protect(text("first"))), "first");
  const blob = bob.serialize();
  assert.ok(!encryption.copies.some((secret) => contains(blob, secret)));
  // The search does find secrets that are stored: the sender-data secret of the epoch (a positive control).
  const senderData = watchingProvider(nodeProvider, "sender data");
  const [carol, dave] = groupOf(["carol", "dave"], senderData.provider);
  assert.ok(carol && dave);
  assert.equal(received(dave, carol.protect(text("hi"))), "hi");
  assert.ok(senderData.copies.some((secret) => contains(dave.serialize(), secret)));
  // After a later epoch, neither epoch's encryption_secret is stored, though the first is still retained.
  const { commit } = alice.commit();
  deliverCommit(alice, commit, [bob]);
  assert.equal(received(bob, alice.protect(text("second"))), "second");
  const later = bob.serialize();
  assert.ok(!encryption.copies.some((secret) => contains(later, secret)));
  assert.equal(Group.restore(config(encryption.provider), later).epoch, bob.epoch);
});

test("a restored member still opens late messages of a retained past epoch, each at most once", () => {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const late = alice.protect(text("late"));
  const openedEarly = alice.protect(text("opened before the restart"));
  const { commit } = carol.commit();
  deliverCommit(carol, commit, [alice, bob]);
  assert.equal(received(bob, openedEarly), "opened before the restart");
  assert.equal(received(bob, alice.protect(text("current"))), "current");
  const blob = bob.serialize();
  const restored = Group.restore(config(), blob);
  assert.equal(received(restored, late), "late");
  assert.throws(() => restored.process(late), rule("SECRET-TREE-2"));
  assert.throws(() => restored.process(openedEarly), rule("SECRET-TREE-2"));
  assert.equal(received(restored, alice.protect(text("still current"))), "still current");
  // Restored with no past epochs allowed, the stored one is dropped and its late message no longer opens.
  const none = Group.restore(config(nodeProvider, { retainedEpochs: 0 }), blob);
  assert.throws(() => none.process(late), ValidationError);
  // The past epoch survives a second restart too.
  assert.equal(received(Group.restore(config(), Group.restore(config(), blob).serialize()), late), "late");
});

/** Rewrites the stored member state inside a hash-protected blob and recomputes the hash, as an attacker could. */
function resealed(blob: Uint8Array, edit: (s: StoredMemberState) => StoredMemberState): Uint8Array {
  const r = new Reader(blob);
  const header = r.bytes(9, "magic, version, cipher suite, integrity");
  const stored = decode(r.opaque("state"), decodeStoredMemberState, "state");
  const signed = new Writer()
    .bytes(header)
    .opaque(encode(edit(stored), encodeStoredMemberState))
    .finish();
  const tag = nodeProvider.suite(1).hash(concatBytes(text("parley group state"), signed));
  return new Writer().bytes(signed).opaque(tag).finish();
}

test("GROUP-33: a well-hashed blob with an inconsistent secret tree or past epoch is refused", () => {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  assert.equal(received(bob, alice.protect(text("x"))), "x");
  const { commit } = carol.commit();
  deliverCommit(carol, commit, [alice, bob]);
  const blob = bob.serialize();
  assert.equal(
    Group.restore(
      config(),
      resealed(blob, (s) => s),
    ).epoch,
    bob.epoch,
  );
  const refused = (why: string, edit: (s: StoredMemberState) => StoredMemberState, cause?: string) =>
    assert.throws(
      () => Group.restore(config(), resealed(blob, edit)),
      (e) =>
        rule(GroupRule.stateMalformed.id)(e) &&
        (cause === undefined || (e instanceof Error && rule(cause)(e.cause))),
      why,
    );
  const past = (s: StoredMemberState) => s.pastEpochs[0] ?? assert.fail("a past epoch is stored");
  refused("secret tree of another size", (s) => ({ ...s, secretTree: { ...s.secretTree, leafCount: 8 } }));
  refused(
    "secret tree missing a leaf",
    (s) => ({ ...s, secretTree: { ...s.secretTree, nodes: s.secretTree.nodes.slice(1) } }),
    SecretTreeRule.stateMalformed.id,
  );
  refused("past epoch not before the current one", (s) => ({
    ...s,
    pastEpochs: [{ ...past(s), context: { ...past(s).context, epoch: s.context.epoch } }],
  }));
  refused("past epoch of another group", (s) => ({
    ...s,
    pastEpochs: [{ ...past(s), context: { ...past(s).context, groupId: text("another group") } }],
  }));
  refused("past epoch listed twice", (s) => ({ ...s, pastEpochs: [past(s), past(s)] }));
  refused("past epoch with another tree", (s) => ({
    ...s,
    pastEpochs: [{ ...past(s), ratchetTree: s.ratchetTree }],
  }));
  refused("past sender data secret cut short", (s) => ({
    ...s,
    pastEpochs: [{ ...past(s), senderDataSecret: past(s).senderDataSecret.subarray(1) }],
  }));
});
