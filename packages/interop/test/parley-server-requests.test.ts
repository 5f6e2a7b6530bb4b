/**
 * The Parley harness refuses bad requests with a status naming the RPC and what was wrong: unknown ids and
 * ids of the wrong kind, unknown suites, undecodable or misplaced MLS messages, malformed proposal
 * descriptions and external-signer requests.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import type { HarnessClient } from "../src/driver/endpoint.js";
import type { Harnesses } from "./fixture.js";
import { parleyServer } from "./parley-fixture.js";
import { checkByValueKinds, checkExportAndStorePsk, checkReInitRouting, newGroup } from "./request-checks.js";
import { enc, rejects } from "./status.js";

describe("Parley harness: requests", () => {
  let h: Harnesses;
  let c: HarnessClient;
  let group = 0;

  before(async () => {
    ({ harnesses: h, client: c } = await parleyServer());
    group = await newGroup(c, "g");
  });
  after(() => h.stop());

  test("reports its name and all seven RFC 9420 suites", async () => {
    assert.match((await c.name({})).name, /^Parley @parley\/mls/);
    assert.deepEqual((await c.supportedCiphersuites({})).ciphersuites, [1, 2, 3, 4, 5, 6, 7]);
  });

  test("unknown and freed ids are NOT_FOUND; ids of the wrong kind are FAILED_PRECONDITION", async () => {
    await rejects(
      c.stateAuth({ stateId: 999_999 }),
      Code.NotFound,
      /^StateAuth: no group state with id 999999$/,
    );
    const kp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("k") });
    await rejects(
      c.stateAuth({ stateId: kp.transactionId }),
      Code.FailedPrecondition,
      /is a transaction, not a group state/,
    );
    const stateId = await newGroup(c, "tmp");
    await c.free({ stateId });
    await rejects(c.stateAuth({ stateId }), Code.NotFound, /no group state/);
    await rejects(c.free({ stateId }), Code.NotFound, /^Free: no state/);
  });

  test("CreateGroup and CreateKeyPackage refuse unknown suites and empty group ids", async () => {
    await rejects(
      c.createGroup({ groupId: enc("g"), cipherSuite: 0x9999, identity: enc("a") }),
      Code.InvalidArgument,
      /^CreateGroup: cipher suite 39321 is not one Parley knows$/,
    );
    await rejects(
      c.createKeyPackage({ cipherSuite: 0, identity: enc("a") }),
      Code.InvalidArgument,
      /cipher suite 0/,
    );
    await rejects(
      c.createGroup({ groupId: new Uint8Array(), cipherSuite: 1, identity: enc("a") }),
      Code.InvalidArgument,
      /^CreateGroup: group_id is empty$/,
    );
  });

  test("MLS messages must decode whole and be of the wire format the field calls for", async () => {
    await rejects(
      c.addProposal({ stateId: group, keyPackage: enc("junk") }),
      Code.InvalidArgument,
      /^AddProposal: key_package does not decode/,
    );
    const kp = await c.createKeyPackage({ cipherSuite: 1, identity: enc("t") });
    const trailing = new Uint8Array([...kp.keyPackage, 0]);
    await rejects(
      c.addProposal({ stateId: group, keyPackage: trailing }),
      Code.InvalidArgument,
      /key_package does not decode: .*trailing/,
    );
    const { groupInfo } = await c.groupInfo({ stateId: group, externalTree: false });
    await rejects(
      c.addProposal({ stateId: group, keyPackage: groupInfo }),
      Code.InvalidArgument,
      /key_package is a GroupInfo, not a KeyPackage/,
    );
    await rejects(
      c.joinGroup({ transactionId: kp.transactionId, welcome: groupInfo }),
      Code.InvalidArgument,
      /^JoinGroup: welcome is a GroupInfo, not a Welcome$/,
    );
    await rejects(
      c.externalJoin({ groupInfo: kp.keyPackage, identity: enc("e") }),
      Code.InvalidArgument,
      /group_info is a KeyPackage/,
    );
    await rejects(
      c.handleCommit({ stateId: group, commit: new Uint8Array() }),
      Code.InvalidArgument,
      /^HandleCommit: commit is empty$/,
    );
  });

  test("by-value proposals need a known type, a known member and no reinit", async () => {
    await checkByValueKinds(c, group);
    await rejects(
      c.removeProposal({ stateId: group, removedId: enc("nobody") }),
      Code.InvalidArgument,
      /^RemoveProposal: no member with identity 6e6f626f6479$/,
    );
    await rejects(
      c.groupContextExtensionsProposal({
        stateId: group,
        extensions: [{ extensionType: 0x10000, extensionData: enc("") }],
      }),
      Code.InvalidArgument,
      /extension type 65536 exceeds uint16/,
    );
  });

  test("ReInit proposals go through ReInitCommit and nowhere else", async () => {
    const stateId = await newGroup(c, "r");
    await rejects(
      c.reInitProposal({ stateId, cipherSuite: 1, groupId: new Uint8Array() }),
      Code.InvalidArgument,
      /group_id is empty/,
    );
    await checkReInitRouting(c, stateId);
  });

  test("Export limits key_length to uint16; StorePSK needs a psk id and a state or transaction", async () => {
    await checkExportAndStorePsk(c, group);
  });

  test("external signers: a conformant ExternalSender, and checked proposal requests", async () => {
    const { externalSender, signerId } = await c.createExternalSigner({
      cipherSuite: 1,
      identity: enc("ds"),
    });
    // §12.1.8.1: signature_key<V> (Ed25519: 32 bytes), then Credential { credential_type = basic (1), identity<V> }.
    assert.equal(externalSender[0], 32);
    assert.deepEqual([...externalSender.subarray(33)], [0, 1, 2, ...enc("ds")]);
    await rejects(
      c.addExternalSigner({ stateId: group, externalSender: enc("x") }),
      Code.InvalidArgument,
      /^AddExternalSigner: Parley cannot decode the input/,
    );
    const { groupInfo } = await c.groupInfo({ stateId: group, externalTree: false });
    await rejects(
      c.externalSignerProposal({ signerId, groupInfo }),
      Code.InvalidArgument,
      /description is missing/,
    );
    const p256 = await c.createExternalSigner({ cipherSuite: 2, identity: enc("ds") });
    await rejects(
      c.externalSignerProposal({
        signerId: p256.signerId,
        groupInfo,
        description: { proposalType: enc("remove") },
      }),
      Code.InvalidArgument,
      /the signer uses suite 2, the group 1/,
    );
    // §12.1.8.1: the signer must be listed in the group's external_senders, which this group has none of.
    await rejects(
      c.externalSignerProposal({
        signerId,
        groupInfo,
        signerIndex: 0,
        description: { proposalType: enc("remove"), removedId: enc("g") },
      }),
      Code.InvalidArgument,
      /^ExternalSignerProposal: Parley rejected the input: GROUP-8 /,
    );
  });
});
