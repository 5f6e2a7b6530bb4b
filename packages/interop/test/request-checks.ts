/**
 * Request checks every harness must answer alike, because the code under them is the shared harness code
 * (../src/harness: request readers, the id store) rather than either library. Each test file runs them
 * against its own server, with library-specific checks added around them.
 */
import assert from "node:assert/strict";
import { Code } from "@parley/kit";
import type { HarnessClient } from "../src/driver/endpoint.js";
import { enc, rejects } from "./status.js";

/** A one-member group created by `name` (suite 1), its group id also `name`. */
export async function newGroup(c: HarnessClient, name: string, encryptHandshake = false): Promise<number> {
  const res = await c.createGroup({
    groupId: enc(name),
    cipherSuite: 1,
    encryptHandshake,
    identity: enc(name),
  });
  return res.stateId;
}

/** By-value proposals: the type must be known and `reinit` is for ExternalSignerProposal only. */
export async function checkByValueKinds(c: HarnessClient, stateId: number): Promise<void> {
  await rejects(
    c.commit({ stateId, byValue: [{ proposalType: enc("frobnicate") }] }),
    Code.InvalidArgument,
    /unknown proposal_type 'frobnicate'/,
  );
  await rejects(
    c.commit({ stateId, byValue: [{ proposalType: enc("reinit"), groupId: enc("n"), cipherSuite: 1 }] }),
    Code.InvalidArgument,
    /only allowed in ExternalSignerProposal/,
  );
}

/** A ReInit proposal goes through ReInitCommit and nowhere else; `stateId` is a fresh group. */
export async function checkReInitRouting(c: HarnessClient, stateId: number): Promise<void> {
  await rejects(c.reInitCommit({ stateId }), Code.InvalidArgument, /no ReInit proposal among by_reference/);
  const { proposal } = await c.reInitProposal({ stateId, cipherSuite: 1, groupId: enc("r2") });
  await rejects(
    c.commit({ stateId, byReference: [proposal] }),
    Code.InvalidArgument,
    /must be committed with ReInitCommit/,
  );
}

/** Export's key_length is a uint16; StorePSK needs a psk id and a group state or transaction. */
export async function checkExportAndStorePsk(c: HarnessClient, stateId: number): Promise<void> {
  await rejects(c.export({ stateId, label: "l", keyLength: 70_000 }), Code.InvalidArgument, /exceeds uint16/);
  await rejects(
    c.storePSK({ stateOrTransactionId: stateId, pskId: new Uint8Array(), pskSecret: enc("s") }),
    Code.InvalidArgument,
    /psk_id is empty/,
  );
  const { signerId } = await c.createExternalSigner({ cipherSuite: 1, identity: enc("ds") });
  await rejects(
    c.storePSK({ stateOrTransactionId: signerId, pskId: enc("p"), pskSecret: enc("s") }),
    Code.FailedPrecondition,
    /external signer/,
  );
}

/**
 * A commit stays pending until HandlePendingCommit, which retires the old id; `stateId` is a fresh group,
 * `whilePending` adds a harness's own checks on the pending state, and `rejected` is how the harness words
 * its library refusing the commit it already applied.
 */
export async function checkPendingCommit(
  c: HarnessClient,
  stateId: number,
  rejected: RegExp,
  whilePending: () => Promise<void> = async () => {},
): Promise<void> {
  await rejects(c.handlePendingCommit({ stateId }), Code.FailedPrecondition, /no pending commit/);
  const { commit } = await c.commit({ stateId });
  await rejects(c.commit({ stateId }), Code.FailedPrecondition, /already pending/);
  await whilePending();
  const before = (await c.stateAuth({ stateId })).stateAuthSecret;
  const applied = await c.handlePendingCommit({ stateId });
  assert.notEqual(applied.stateId, stateId);
  assert.notDeepEqual(applied.epochAuthenticator, before);
  await rejects(c.stateAuth({ stateId }), Code.NotFound, /no group state/);
  await rejects(c.handleCommit({ stateId: applied.stateId, commit }), Code.InvalidArgument, rejected);
}
