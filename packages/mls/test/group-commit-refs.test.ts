import { test } from "node:test";
import assert from "node:assert/strict";
import { decode } from "@parley/codec";
import {
  ContentType,
  Group,
  ProposalOrRefType,
  UsageError,
  WireFormat,
  decodeMLSMessage,
} from "../src/index.js";
import { assertSameEpoch, config, deliverCommit, groupOf, keyPackageFor } from "./group-fixture.js";

const text = (s: string) => new TextEncoder().encode(s);
const rule = (id: string) => (e: unknown) => e instanceof Error && "rule" in e && e.rule === id;

/** Alice, Bob and Carol, where every member has taken in Bob's Add(dave) and Carol's Add(erin). */
function twoProposals() {
  const [alice, bob, carol] = groupOf(["alice", "bob", "carol"]);
  assert.ok(alice && bob && carol);
  const dave = keyPackageFor("dave");
  const erin = keyPackageFor("erin");
  const addDave = bob.proposeAdd(dave.keyPackage);
  const addErin = carol.proposeAdd(erin.keyPackage);
  for (const [g, message] of [
    [alice, addDave.message],
    [carol, addDave.message],
    [alice, addErin.message],
    [bob, addErin.message],
  ] as const) {
    assert.equal(g.process(message).kind, "proposal");
  }
  return { alice, bob, carol, dave, addDave, addErin };
}

/** The ProposalOrRef list of a PublicMessage Commit, as the committed refs (hex) and by-value types. */
function coveredBy(commit: Uint8Array): { refs: Uint8Array[]; byValue: number } {
  const message = decode(commit, (r) => decodeMLSMessage(r), "commit");
  assert.equal(message.wireFormat, WireFormat.mlsPublicMessage);
  if (message.wireFormat !== WireFormat.mlsPublicMessage) return { refs: [], byValue: 0 };
  const { content } = message.publicMessage;
  assert.equal(content.contentType, ContentType.commit);
  if (content.contentType !== ContentType.commit) return { refs: [], byValue: 0 };
  const refs = content.commit.proposals.flatMap((p) =>
    p.type === ProposalOrRefType.reference ? [p.reference] : [],
  );
  return { refs, byValue: content.commit.proposals.length - refs.length };
}

const names = (g: Group) =>
  g
    .members()
    .map((m) => ("identity" in m.credential ? new TextDecoder().decode(m.credential.identity) : "?"));

test("proposalRefs commits exactly the chosen proposal; the other held one is left out", () => {
  const { alice, bob, carol, dave, addDave } = twoProposals();
  const { commit, welcome } = alice.commit({ proposalRefs: [addDave.ref] });
  assert.deepEqual(coveredBy(commit).refs, [addDave.ref]);
  deliverCommit(alice, commit, [bob, carol]);
  assert.ok(welcome);
  const daveGroup = Group.joinFromWelcome({ config: config(), welcome, keyPackages: [dave] });
  assertSameEpoch([alice, bob, carol, daveGroup]);
  assert.deepEqual(names(daveGroup), ["alice", "bob", "carol", "dave"]);
});

test("proposalRefs keeps the caller's order and combines with proposals by value", () => {
  const { alice, addDave, addErin } = twoProposals();
  const frank = keyPackageFor("frank");
  const { commit } = alice.addMembers([frank.keyPackage], { proposalRefs: [addErin.ref, addDave.ref] });
  assert.deepEqual(coveredBy(commit), { refs: [addErin.ref, addDave.ref], byValue: 1 });
});

test("an empty proposalRefs covers nothing by reference, whatever the member holds", () => {
  const { alice, bob, carol } = twoProposals();
  const { commit } = alice.update({ proposalRefs: [] });
  assert.deepEqual(coveredBy(commit), { refs: [], byValue: 0 });
  deliverCommit(alice, commit, [bob, carol]);
  assertSameEpoch([alice, bob, carol]);
  assert.deepEqual(names(alice), ["alice", "bob", "carol"]);
});

test("proposalRefs refuses a ref the member does not hold, and leaves the group as it was", () => {
  const { alice, addDave } = twoProposals();
  const unknown = addDave.ref.slice();
  unknown[0] = (unknown[0] ?? 0) ^ 1;
  assert.throws(
    () => alice.commit({ proposalRefs: [addDave.ref, unknown] }),
    (e: unknown) =>
      e instanceof UsageError && /proposalRefs\[1\] .* is not a proposal this member holds/.test(e.message),
  );
  assert.equal(alice.pendingCommit, undefined);
  assert.throws(() => alice.commit({ proposalRefs: [new Uint8Array(0)] }), UsageError);
});

test("proposalRefs refuses a ref of an earlier epoch (§12.4: proposals of the current epoch only)", () => {
  const { alice, bob, carol, addErin } = twoProposals();
  const { commit } = alice.update({ proposalRefs: [] });
  deliverCommit(alice, commit, [bob, carol]);
  assert.throws(
    () => alice.commit({ proposalRefs: [addErin.ref] }),
    (e: unknown) => e instanceof UsageError && e.message.includes(`epoch ${alice.epoch}`),
  );
});

test("proposalRefs refuses a repeated ref", () => {
  const { alice, addDave } = twoProposals();
  assert.throws(
    () => alice.commit({ proposalRefs: [addDave.ref, addDave.ref] }),
    (e: unknown) => e instanceof UsageError && e.message.includes("listed twice"),
  );
});

test("proposalRefs cannot be combined with includePending: true", () => {
  const { alice, addDave } = twoProposals();
  assert.throws(() => alice.commit({ proposalRefs: [addDave.ref], includePending: true }), UsageError);
  assert.equal(alice.pendingCommit, undefined);
});

test("a chosen list still goes through §12.2: a ReInit with another proposal is GROUP-19", () => {
  const { alice, bob, addDave } = twoProposals();
  const reinit = bob.proposeReInit({ groupId: text("next"), cipherSuite: 1 });
  assert.equal(alice.process(reinit.message).kind, "proposal");
  assert.throws(() => alice.commit({ proposalRefs: [reinit.ref, addDave.ref] }), rule("GROUP-19"));
  // Chosen alone, the ReInit is a valid list.
  const { commit } = alice.commit({ proposalRefs: [reinit.ref] });
  assert.deepEqual(coveredBy(commit).refs, [reinit.ref]);
});

test("a chosen list still goes through §12.2: the committer's own Update is GROUP-12", () => {
  const { alice } = twoProposals();
  const own = alice.proposeUpdate();
  assert.throws(() => alice.commit({ proposalRefs: [own.ref] }), rule("GROUP-12"));
});
