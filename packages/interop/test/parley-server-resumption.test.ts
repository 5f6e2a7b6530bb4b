/**
 * The Parley harness's successor groups over the contract (RFC 9420 §11): a ReInit to another cipher suite
 * (§11.2) and a branch (§11.3), each created and joined through the RPCs, with the ids the contract retires,
 * the requests it refuses, and a Welcome joined against the wrong old group refused by the library's checks.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import type { HarnessClient } from "../src/driver/endpoint.js";
import type { Harnesses } from "./fixture.js";
import { pair, parleyServer } from "./parley-fixture.js";
import { enc, rejects } from "./status.js";

/** Suite 2 (P-256): a ReInit to it also changes the signature scheme. */
const NEW_SUITE = 2;

describe("Parley harness: successor groups", () => {
  let h: Harnesses;
  let c: HarnessClient;

  before(async () => {
    ({ harnesses: h, client: c } = await parleyServer());
  });
  after(() => h.stop());

  /** alice proposes a ReInit to suite 2, bob commits it; both suspend with a key package for the new group. */
  async function suspended(name: string) {
    const { alice, bob } = await pair(c, name);
    const { proposal } = await c.reInitProposal({
      stateId: alice,
      cipherSuite: NEW_SUITE,
      groupId: enc(`${name}-2`),
    });
    const { commit } = await c.reInitCommit({ stateId: bob, byReference: [proposal] });
    const bobDone = await c.handlePendingReInitCommit({ stateId: bob });
    const aliceDone = await c.handleReInitCommit({ stateId: alice, proposal: [proposal], commit });
    assert.deepEqual(aliceDone.epochAuthenticator, bobDone.epochAuthenticator);
    return { aliceDone, bobDone };
  }

  test("ReInit: bob creates the new group, alice joins it; both reinit ids are retired", async () => {
    const { aliceDone, bobDone } = await suspended("re");
    const made = await c.reInitWelcome({
      reinitId: bobDone.reinitId,
      keyPackage: [aliceDone.keyPackage],
      externalTree: true,
    });
    assert.ok(made.ratchetTree.length > 0);
    const joined = await c.handleReInitWelcome({
      reinitId: aliceDone.reinitId,
      welcome: made.welcome,
      ratchetTree: made.ratchetTree,
    });
    assert.deepEqual(joined.epochAuthenticator, made.epochAuthenticator);
    const { ciphertext } = await c.protect({ stateId: made.stateId, plaintext: enc("again") });
    assert.deepEqual((await c.unprotect({ stateId: joined.stateId, ciphertext })).plaintext, enc("again"));
    for (const reinitId of [bobDone.reinitId, aliceDone.reinitId]) {
      await rejects(c.reInitWelcome({ reinitId }), Code.NotFound, /no reinit state/);
    }
  });

  test("ReInitWelcome refuses forced paths, no key packages and ids that are not suspended", async () => {
    const { aliceDone, bobDone } = await suspended("re-bad");
    await rejects(
      c.reInitWelcome({ reinitId: bobDone.reinitId, keyPackage: [aliceDone.keyPackage], forcePath: true }),
      Code.Unimplemented,
      /^ReInitWelcome: not supported by Parley's group API: .*no option to force/,
    );
    await rejects(
      c.reInitWelcome({ reinitId: bobDone.reinitId }),
      Code.InvalidArgument,
      /^ReInitWelcome: key_package is empty/,
    );
    await rejects(
      c.reInitWelcome({ reinitId: bobDone.reinitId, keyPackage: [enc("junk")] }),
      Code.InvalidArgument,
      /^ReInitWelcome: key_package does not decode/,
    );
    const { alice } = await pair(c, "re-live");
    await rejects(
      c.reInitWelcome({ reinitId: alice }),
      Code.FailedPrecondition,
      /is a group state, not a reinit state/,
    );
    await rejects(
      c.handleReInitWelcome({ reinitId: aliceDone.reinitId, welcome: aliceDone.keyPackage }),
      Code.InvalidArgument,
      /^HandleReInitWelcome: welcome is a KeyPackage, not a Welcome$/,
    );
  });

  test("branch: alice branches with bob, the old group keeps its id and still works", async () => {
    const { alice, bob } = await pair(c, "br");
    const bobKp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("br-bob") });
    const made = await c.createBranch({
      stateId: alice,
      groupId: enc("br-sub"),
      keyPackages: [bobKp.keyPackage],
    });
    assert.equal(made.ratchetTree.length, 0);
    const joined = await c.handleBranch({
      stateId: bob,
      transactionId: bobKp.transactionId,
      welcome: made.welcome,
    });
    assert.deepEqual(joined.epochAuthenticator, made.epochAuthenticator);
    await rejects(c.stateAuth({ stateId: bobKp.transactionId }), Code.NotFound, /no group state/);
    const { ciphertext } = await c.protect({ stateId: alice, plaintext: enc("old") });
    assert.deepEqual((await c.unprotect({ stateId: bob, ciphertext })).plaintext, enc("old"));
  });

  test("CreateBranch and HandleBranch refuse bad requests and a Welcome that branches another group", async () => {
    const { alice } = await pair(c, "br-bad");
    const other = await pair(c, "br-other");
    const kp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("br-other-bob") });
    const branch = { stateId: alice, groupId: enc("sub"), keyPackages: [kp.keyPackage] };
    await rejects(
      c.createBranch({ ...branch, forcePath: true }),
      Code.Unimplemented,
      /^CreateBranch: not supported by Parley's group API/,
    );
    await rejects(
      c.createBranch({ ...branch, groupId: new Uint8Array() }),
      Code.InvalidArgument,
      /^CreateBranch: group_id is empty/,
    );
    await rejects(
      c.createBranch({ ...branch, keyPackages: [] }),
      Code.InvalidArgument,
      /^CreateBranch: key_packages is empty/,
    );
    const made = await c.createBranch(branch);
    // §11.3: the Welcome's branch PSK names alice's group, not the one this member passes as the old group.
    await rejects(
      c.handleBranch({ stateId: other.bob, transactionId: kp.transactionId, welcome: made.welcome }),
      Code.InvalidArgument,
      /^HandleBranch: Parley rejected the input: WELCOME-/,
    );
  });
});
