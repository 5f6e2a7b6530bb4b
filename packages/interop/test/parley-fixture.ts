/**
 * A Parley harness server for the request-level tests, with helpers to set up small groups through it.
 */
import assert from "node:assert/strict";
import type { HarnessClient } from "../src/driver/endpoint.js";
import { parleyBinding } from "../src/parley/service.js";
import { serveAll, type Harnesses } from "./fixture.js";
import { newGroup } from "./request-checks.js";
import { enc } from "./status.js";

export async function parleyServer(): Promise<{ harnesses: Harnesses; client: HarnessClient }> {
  const harnesses = await serveAll([parleyBinding()]);
  const endpoint = harnesses.endpoints[0];
  assert.ok(endpoint !== undefined);
  return { harnesses, client: endpoint.client };
}

/** `name`'s group with `${name}-bob` joined from the Welcome; both agree on the epoch authenticator. */
export async function pair(
  c: HarnessClient,
  name: string,
  encryptHandshake = false,
): Promise<{ alice: number; bob: number }> {
  const alice = await newGroup(c, name, encryptHandshake);
  const bob = await c.createKeyPackage({ cipherSuite: 1, identity: enc(`${name}-bob`) });
  const { proposal } = await c.addProposal({ stateId: alice, keyPackage: bob.keyPackage });
  const { welcome } = await c.commit({ stateId: alice, byReference: [proposal] });
  const a = await c.handlePendingCommit({ stateId: alice });
  const b = await c.joinGroup({ transactionId: bob.transactionId, welcome, encryptHandshake });
  assert.deepEqual(a.epochAuthenticator, b.epochAuthenticator);
  return { alice: a.stateId, bob: b.stateId };
}
