import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { nodeProvider } from "../src/crypto/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import { SecretTree, SecretTreeRule, wipeSecretTreeState } from "../src/secret-tree/index.js";
import type { RatchetKey, SecretTreeState, SenderRatchetState } from "../src/secret-tree/index.js";

const cs = nodeProvider.suite(1);
const encryptionSecret = nodeProvider.randomBytes(cs.hashLength);
const policy = { outOfOrderTolerance: 5, maxForwardDistance: 1000 };

const copy = (k: RatchetKey) => ({ generation: k.generation, key: k.key.slice(), nonce: k.nonce.slice() });

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

/** The key of `generation` as a fresh tree derives it: the reference every restored tree must match. */
function referenceKey(leaf: number, type: "handshake" | "application", generation: number) {
  return new SecretTree(cs, encryptionSecret, 8, policy).ratchet(leaf, type).withGeneration(generation, copy);
}

function sameKey(got: { key: Uint8Array; nonce: Uint8Array }, want: { key: Uint8Array; nonce: Uint8Array }) {
  assert.ok(bytesEqual(got.key, want.key) && bytesEqual(got.nonce, want.nonce));
}

/** Every byte string a state holds, to show what it does not hold. */
function allBytes(state: SecretTreeState): Uint8Array[] {
  const ratchets = state.ratchets.flatMap(([, r]) => [r.handshake, r.application]);
  return [
    ...state.nodes.map(([, s]) => s),
    ...ratchets.flatMap((r) => (r.secret === undefined ? [] : [r.secret])),
    ...ratchets.flatMap((r) => r.retained.flatMap(([, key, nonce]) => [key, nonce])),
  ];
}

/** A receiver that opened leaf 2's generations 3 and 1 (0 and 2 skipped and held) and leaf 5's handshake 0. */
function usedReceiver(): { tree: SecretTree; consumed: Uint8Array[] } {
  const tree = new SecretTree(cs, encryptionSecret, 8, policy);
  const consumed = [
    tree.ratchet(2, "application").withGeneration(3, copy).key,
    tree.ratchet(2, "application").withGeneration(1, copy).key,
    tree.ratchet(5, "handshake").withGeneration(0, copy).key,
  ];
  return { tree, consumed };
}

test("a tree exported mid-use and imported again derives the same future keys and refuses consumed ones", () => {
  const { tree, consumed } = usedReceiver();
  const state = tree.exportState();
  assert.equal(state.leafCount, 8);
  assert.deepEqual(
    state.ratchets.map(([leaf]) => leaf),
    [2, 5],
  );
  const restored = SecretTree.fromState(cs, state, policy);
  assert.equal(restored.heldNodeSecrets, tree.heldNodeSecrets);
  assert.deepEqual(restored.exportState(), state);
  const app = restored.ratchet(2, "application");
  rejects(() => app.withGeneration(1, copy), SecretTreeRule.generationReused.id);
  rejects(() => app.withGeneration(3, copy), SecretTreeRule.generationReused.id);
  rejects(() => restored.ratchet(5, "handshake").withGeneration(0, copy), SecretTreeRule.generationReused.id);
  for (const g of [0, 2, 4, 6]) sameKey(app.withGeneration(g, copy), referenceKey(2, "application", g));
  rejects(() => app.withGeneration(2, copy), SecretTreeRule.generationReused.id);
  sameKey(restored.ratchet(2, "handshake").withGeneration(0, copy), referenceKey(2, "handshake", 0));
  for (const leaf of [0, 3, 7]) {
    sameKey(
      restored.ratchet(leaf, "application").withGeneration(1, copy),
      referenceKey(leaf, "application", 1),
    );
  }
  // §9.2: neither encryption_secret (the root, expanded at first use) nor a consumed key is in the state.
  for (const held of allBytes(state)) {
    assert.ok(![encryptionSecret, ...consumed].some((gone) => bytesEqual(held, gone)));
  }
});

test("a sender's exported ratchet continues at the next generation, with the key receivers expect", () => {
  const sender = new SecretTree(cs, encryptionSecret, 8, policy);
  const first = copy(sender.ratchet(6, "application").nextForSending());
  const state = sender.exportState();
  const restored = SecretTree.fromState(cs, state, policy);
  const next = copy(restored.ratchet(6, "application").nextForSending());
  assert.equal(next.generation, 1);
  sameKey(next, referenceKey(6, "application", 1));
  assert.ok(!allBytes(state).some((b) => bytesEqual(b, first.key)));
});

test("an untouched tree exports only its root, encryption_secret itself, which nothing has consumed yet", () => {
  const state = new SecretTree(cs, encryptionSecret, 4, policy).exportState();
  assert.equal(state.nodes.length, 1);
  assert.equal(state.nodes[0]?.[0], 3);
  assert.ok(bytesEqual(state.nodes[0]?.[1] ?? new Uint8Array(), encryptionSecret));
  assert.equal(state.ratchets.length, 0);
});

test("export and import copy: wiping either side's bytes leaves the other working", () => {
  const { tree } = usedReceiver();
  const state = tree.exportState();
  const restored = SecretTree.fromState(cs, state, policy);
  wipeSecretTreeState(state);
  assert.ok(allBytes(state).every((b) => b.every((x) => x === 0)));
  sameKey(restored.ratchet(2, "application").withGeneration(4, copy), referenceKey(2, "application", 4));
  sameKey(tree.ratchet(2, "application").withGeneration(4, copy), referenceKey(2, "application", 4));
});

test("importing under a smaller out-of-order window deletes the held keys that fall outside it", () => {
  const { tree } = usedReceiver();
  const restored = SecretTree.fromState(cs, tree.exportState(), { ...policy, outOfOrderTolerance: 2 });
  const app = restored.ratchet(2, "application");
  assert.equal(app.retainedKeys, 1);
  rejects(() => app.withGeneration(0, copy), SecretTreeRule.generationDeleted.id);
  sameKey(app.withGeneration(2, copy), referenceKey(2, "application", 2));
});

test("a ratchet that used its last uint32 generation holds no secret, and the state says so", () => {
  const base = new SecretTree(cs, encryptionSecret, 1, policy);
  base.ratchet(0, "handshake");
  const state = base.exportState();
  const [entry] = state.ratchets;
  assert.ok(entry);
  const nearEnd: SecretTreeState = {
    ...state,
    ratchets: [[0, { ...entry[1], application: { ...entry[1].application, next: 0xffffffff } }]],
  };
  const tree = SecretTree.fromState(cs, nearEnd, policy);
  assert.equal(tree.ratchet(0, "application").nextForSending().generation, 0xffffffff);
  const exhausted = tree.exportState().ratchets[0]?.[1].application;
  assert.deepEqual(exhausted, { next: 2 ** 32, secret: undefined, retained: [] });
  rejects(() => tree.ratchet(0, "application").nextForSending(), SecretTreeRule.generationOutOfRange.id);
  const again = SecretTree.fromState(cs, tree.exportState(), policy);
  rejects(() => again.ratchet(0, "application").nextForSending(), SecretTreeRule.generationOutOfRange.id);
});

test("a wiped tree has nothing to export", () => {
  const tree = new SecretTree(cs, encryptionSecret, 2, policy);
  tree.wipe();
  assert.throws(() => tree.exportState(), UsageError);
});

/** The state of `usedReceiver` (nodes 1, 6, 8, 13 unexpanded; leaves 2 and 5 derived), and mutations of it. */
function malformedStates(): [string, SecretTreeState][] {
  const valid = usedReceiver().tree.exportState();
  assert.deepEqual(
    valid.nodes.map(([n]) => n),
    [1, 6, 8, 13],
  );
  const [, leaf2] = valid.ratchets[0] ?? [];
  assert.ok(leaf2);
  const withNodes = (nodes: SecretTreeState["nodes"]) => ({ ...valid, nodes });
  const withRatchet = (application: SenderRatchetState): SecretTreeState => ({
    ...valid,
    ratchets: [[2, { ...leaf2, application }], ...valid.ratchets.slice(1)],
  });
  const app = leaf2.application;
  const secret = valid.nodes[0]?.[1] ?? new Uint8Array();
  const retained = (g: number, key = 16, nonce = 12) =>
    [g, new Uint8Array(key), new Uint8Array(nonce)] as const;
  return [
    ["zero leaves", { ...valid, leafCount: 0 }],
    ["leaf count not a power of two", { ...valid, leafCount: 6 }],
    ["leaf count too large", { ...valid, leafCount: 2 ** 31 }],
    ["node outside the tree", withNodes([...valid.nodes, [15, secret]])],
    ["nodes not ascending", withNodes([...valid.nodes].reverse())],
    ["node secret too short", withNodes(valid.nodes.map(([n, s]) => [n, s.subarray(1)]))],
    ["leaf outside the tree", { ...valid, ratchets: [...valid.ratchets, [8, leaf2]] }],
    ["leaf listed twice", { ...valid, ratchets: [...valid.ratchets, [5, leaf2]] }],
    ["negative next", withRatchet({ ...app, next: -1 })],
    ["next past 2^32", withRatchet({ ...app, next: 2 ** 32 + 1 })],
    ["fractional next", withRatchet({ ...app, next: 4.5 })],
    ["no secret while generations remain", withRatchet({ ...app, secret: undefined })],
    ["a secret after the last generation", withRatchet({ ...app, next: 2 ** 32 })],
    ["ratchet secret too long", withRatchet({ ...app, secret: new Uint8Array(cs.hashLength + 1) })],
    ["retained generation not below next", withRatchet({ ...app, retained: [retained(4)] })],
    ["retained generations not ascending", withRatchet({ ...app, retained: [retained(2), retained(0)] })],
    ["retained key of the wrong size", withRatchet({ ...app, retained: [retained(0, 32)] })],
    ["retained nonce of the wrong size", withRatchet({ ...app, retained: [retained(0, 16, 16)] })],
    [
      "a leaf covered by a node and its ratchets",
      withNodes([valid.nodes[0] ?? [1, secret], [4, secret], ...valid.nodes.slice(1)]),
    ],
    ["a node and its ancestor", withNodes([[1, secret], [3, secret], ...valid.nodes.slice(1)])],
    ["leaves covered by nothing", withNodes(valid.nodes.slice(1))],
    ["an empty state", { leafCount: 8, nodes: [], ratchets: [] }],
  ];
}

test("SECRET-TREE-6: malformed states are refused before any of them is used", () => {
  const cases = malformedStates();
  assert.equal(cases.length, 22);
  for (const [what, state] of cases) {
    assert.throws(
      () => SecretTree.fromState(cs, state, policy),
      (e: unknown) => e instanceof ValidationError && e.rule === SecretTreeRule.stateMalformed.id,
      what,
    );
  }
});
