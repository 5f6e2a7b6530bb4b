/**
 * The Parley harness's commit and message flow over the contract: commits stay pending until applied and
 * state ids are retired, a Commit covers exactly the listed proposals, messages of the wrong kind are
 * refused, and removed members report no authenticator.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import type { HarnessClient } from "../src/driver/endpoint.js";
import type { Harnesses } from "./fixture.js";
import { pair, parleyServer } from "./parley-fixture.js";
import { checkPendingCommit, newGroup } from "./request-checks.js";
import { enc, rejects } from "./status.js";

describe("Parley harness: commits and messages", () => {
  let h: Harnesses;
  let c: HarnessClient;

  before(async () => {
    ({ harnesses: h, client: c } = await parleyServer());
  });
  after(() => h.stop());

  test("commits stay pending until HandlePendingCommit, which retires the old state id", async () => {
    const stateId = await newGroup(c, "p");
    await checkPendingCommit(c, stateId, /^HandleCommit: Parley rejected the input/, () =>
      rejects(c.handlePendingReInitCommit({ stateId }), Code.InvalidArgument, /covers no ReInit/),
    );
  });

  test("a Commit covers exactly the proposals listed by reference, not every one held", async () => {
    const { alice, bob } = await pair(c, "subset");
    const carol = await c.createKeyPackage({ cipherSuite: 1, identity: enc("carol") });
    const dave = await c.createKeyPackage({ cipherSuite: 1, identity: enc("dave") });
    await c.addProposal({ stateId: alice, keyPackage: carol.keyPackage });
    const other = await c.addProposal({ stateId: bob, keyPackage: dave.keyPackage });
    // alice holds her own Add(carol) too, but lists only bob's Add(dave).
    const { commit, welcome } = await c.commit({ stateId: alice, byReference: [other.proposal] });
    const next = await c.handleCommit({ stateId: bob, proposal: [other.proposal], commit });
    const applied = await c.handlePendingCommit({ stateId: alice });
    assert.deepEqual(next.epochAuthenticator, applied.epochAuthenticator);
    const joined = await c.joinGroup({ transactionId: dave.transactionId, welcome });
    assert.deepEqual(joined.epochAuthenticator, applied.epochAuthenticator);
    // carol's Add was left out, so the Welcome is not addressed to her KeyPackage (§12.4.3.1).
    await rejects(
      c.joinGroup({ transactionId: carol.transactionId, welcome }),
      Code.InvalidArgument,
      /^JoinGroup: Parley rejected the input/,
    );
  });

  test("HandleCommit and Unprotect refuse the wrong kind of message", async () => {
    const { alice, bob } = await pair(c, "kinds");
    // Before any proposal: §12.4 forbids sending application data while proposals are pending.
    const { ciphertext } = await c.protect({
      stateId: bob,
      plaintext: enc("hi"),
      authenticatedData: enc("ad"),
    });
    const kp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("x") });
    const { proposal } = await c.addProposal({ stateId: alice, keyPackage: kp.keyPackage });
    await rejects(
      c.unprotect({ stateId: bob, ciphertext: proposal }),
      Code.InvalidArgument,
      /^Unprotect: ciphertext is a PublicMessage, not a PrivateMessage$/,
    );
    await rejects(
      c.handleCommit({ stateId: bob, commit: proposal }),
      Code.InvalidArgument,
      /^HandleCommit: commit carries a proposal$/,
    );
    await rejects(
      c.handleCommit({ stateId: alice, commit: ciphertext }),
      Code.InvalidArgument,
      /^HandleCommit: commit carries application data$/,
    );
  });

  test("Unprotect refuses tampered ciphertexts and returns plaintext and authenticated data", async () => {
    const { alice, bob } = await pair(c, "protect", true);
    const { ciphertext } = await c.protect({
      stateId: alice,
      plaintext: enc("hi"),
      authenticatedData: enc("ad"),
    });
    const tampered = ciphertext.slice();
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0xff;
    await rejects(
      c.unprotect({ stateId: bob, ciphertext: tampered }),
      Code.InvalidArgument,
      /^Unprotect: Parley rejected the input/,
    );
    const ok = await c.unprotect({ stateId: bob, ciphertext });
    assert.deepEqual([ok.plaintext, ok.authenticatedData], [enc("hi"), enc("ad")]);
  });

  test("a member removed by a commit handles it and reports no epoch authenticator", async () => {
    const { alice, bob } = await pair(c, "rm");
    const { commit } = await c.commit({
      stateId: alice,
      byValue: [{ proposalType: enc("remove"), removedId: enc("rm-bob") }],
    });
    const gone = await c.handleCommit({ stateId: bob, commit });
    assert.equal(gone.epochAuthenticator.length, 0);
    await rejects(
      c.protect({ stateId: gone.stateId, plaintext: enc("x") }),
      Code.FailedPrecondition,
      /removed from the group/,
    );
  });
});
