/**
 * The ts-mls harness refuses bad requests with a status that names the RPC and what was wrong, refuses
 * what ts-mls cannot do with UNIMPLEMENTED, and retires state ids as the contract's responses replace them.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import type { HarnessClient } from "../src/driver/endpoint.js";
import { tsMlsBinding } from "../src/ts-mls/service.js";
import { serveAll, type Harnesses } from "./fixture.js";
import {
  checkByValueKinds,
  checkExportAndStorePsk,
  checkPendingCommit,
  checkReInitRouting,
  newGroup,
} from "./request-checks.js";
import { enc, rejects } from "./status.js";

describe("ts-mls harness", () => {
  let h: Harnesses;
  let c: HarnessClient;
  let alice: number;
  let bobKp: { transactionId: number; keyPackage: Uint8Array };

  before(async () => {
    h = await serveAll([tsMlsBinding()]);
    const e = h.endpoints[0];
    assert.ok(e !== undefined);
    c = e.client;
    ({ stateId: alice } = await c.createGroup({
      groupId: enc("g"),
      cipherSuite: 1,
      encryptHandshake: false,
      identity: enc("alice"),
    }));
    bobKp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("bob") });
  });
  after(() => h.stop());

  test("reports its name and the suites whose dependencies are installed", async () => {
    assert.match((await c.name({})).name, /ts-mls 1\.6\.4/);
    assert.ok((await c.supportedCiphersuites({})).ciphersuites.includes(1));
  });

  test("unknown and freed ids are NOT_FOUND; ids of the wrong kind are FAILED_PRECONDITION", async () => {
    await rejects(
      c.stateAuth({ stateId: 999_999 }),
      Code.NotFound,
      /^StateAuth: no group state with id 999999$/,
    );
    await rejects(
      c.stateAuth({ stateId: bobKp.transactionId }),
      Code.FailedPrecondition,
      /is a transaction, not a group state/,
    );
    const { stateId } = await c.createGroup({
      groupId: enc("tmp"),
      cipherSuite: 1,
      encryptHandshake: true,
      identity: enc("x"),
    });
    await c.free({ stateId });
    await rejects(c.stateAuth({ stateId }), Code.NotFound, /no group state/);
    await rejects(c.free({ stateId }), Code.NotFound, /^Free: no state/);
  });

  test("CreateGroup refuses unknown suites and empty group ids", async () => {
    await rejects(
      c.createGroup({ groupId: enc("g"), cipherSuite: 0x9999, identity: enc("a") }),
      Code.InvalidArgument,
      /cipher suite 39321/,
    );
    await rejects(
      c.createGroup({ groupId: new Uint8Array(), cipherSuite: 1, identity: enc("a") }),
      Code.InvalidArgument,
      /group_id is empty/,
    );
  });

  test("key packages must be whole MLSMessages of the right wire format", async () => {
    await rejects(
      c.addProposal({ stateId: alice, keyPackage: enc("junk") }),
      Code.InvalidArgument,
      /key_package is not an MLSMessage/,
    );
    const trailing = new Uint8Array([...bobKp.keyPackage, 0]);
    await rejects(
      c.addProposal({ stateId: alice, keyPackage: trailing }),
      Code.InvalidArgument,
      /1 bytes after its MLSMessage/,
    );
    const { groupInfo } = await c.groupInfo({ stateId: alice, externalTree: false });
    await rejects(
      c.addProposal({ stateId: alice, keyPackage: groupInfo }),
      Code.InvalidArgument,
      /is a mls_group_info, not a key package/,
    );
  });

  test("by-value proposals must have a known type; reinit only through ExternalSignerProposal", async () => {
    await checkByValueKinds(c, alice);
    await rejects(
      c.removeProposal({ stateId: alice, removedId: enc("nobody") }),
      Code.InvalidArgument,
      /no member with identity/,
    );
  });

  test("ReInit proposals go through ReInitCommit and nowhere else", async () => {
    await checkReInitRouting(c, await newGroup(c, "r"));
  });

  test("Export limits key_length to uint16; StorePSK needs a psk id and a state or transaction", async () => {
    await checkExportAndStorePsk(c, alice);
  });

  test("commits stay pending until HandlePendingCommit, which retires the old state id", async () => {
    await checkPendingCommit(c, await newGroup(c, "p"), /ts-mls rejected the input/);
  });

  test("Unprotect refuses handshake messages and tampered ciphertexts", async () => {
    const { proposal } = await c.addProposal({ stateId: alice, keyPackage: bobKp.keyPackage });
    await rejects(
      c.unprotect({ stateId: alice, ciphertext: proposal }),
      Code.InvalidArgument,
      /is a PublicMessage/,
    );
    const { commit, welcome } = await c.commit({ stateId: alice, byReference: [proposal] });
    assert.ok(commit.length > 0);
    const next = await c.handlePendingCommit({ stateId: alice });
    alice = next.stateId;
    const bob = await c.joinGroup({ transactionId: bobKp.transactionId, welcome, identity: enc("bob") });
    const { ciphertext } = await c.protect({
      stateId: alice,
      plaintext: enc("hi"),
      authenticatedData: enc("ad"),
    });
    const tampered = ciphertext.slice();
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0xff;
    await rejects(
      c.unprotect({ stateId: bob.stateId, ciphertext: tampered }),
      Code.InvalidArgument,
      /^Unprotect: ts-mls rejected the input/,
    );
    const ok = await c.unprotect({ stateId: bob.stateId, ciphertext });
    assert.deepEqual([ok.plaintext, ok.authenticatedData], [enc("hi"), enc("ad")]);
  });

  test("what ts-mls lacks answers UNIMPLEMENTED with the reason", async () => {
    await rejects(
      c.updateProposal({ stateId: alice }),
      Code.Unimplemented,
      /^UpdateProposal: not supported by ts-mls 1\.6\.4: .*Update proposal/,
    );
    await rejects(
      c.addExternalSigner({ stateId: alice, externalSender: enc("x") }),
      Code.Unimplemented,
      /external_senders extension as a single ExternalSender/,
    );
    const { groupInfo } = await c.groupInfo({ stateId: alice, externalTree: false });
    await rejects(
      c.externalJoin({ groupInfo, identity: enc("eve"), psks: [{ pskId: enc("p"), pskSecret: enc("s") }] }),
      Code.Unimplemented,
      /takes no PSKs/,
    );
  });

  test("CreateExternalSigner returns an RFC 9420 §12.1.8.1 ExternalSender", async () => {
    const { externalSender } = await c.createExternalSigner({ cipherSuite: 1, identity: enc("ds") });
    // signature_key<V> (Ed25519: 32 bytes) then Credential { credential_type = basic (1), identity<V> }.
    assert.equal(externalSender[0], 32);
    assert.deepEqual([...externalSender.subarray(33)], [0, 1, 2, ...enc("ds")]);
  });
});
