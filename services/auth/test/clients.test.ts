import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { bytesEqual, decode } from "@parley/codec";
import { decodeLogEntry } from "@parley/keylog";
import { Code } from "@parley/kit";
import { decodeCredential, type Credential } from "@parley/mls";
import { AuthService } from "@parley/proto/parley/auth/v1/auth_pb";
import { leafHash, openNote, parseCheckpoint, parseVerifierKey, verifyInclusion } from "@parley/tlog";
import { clientKeys, startStack, statusOf, type ClientKeys, type Stack } from "./harness.js";
import { enrollRequest, signed } from "./requests.js";

let s: Stack;
before(async () => {
  s = await startStack();
});
after(async () => {
  await s.stop();
});

const { listClients, revokeClient } = AuthService.method;
const te = new TextEncoder();

async function enroll(
  userId: string,
  clientId: string,
): Promise<{ keys: ClientKeys; credential: Credential; index: bigint }> {
  const keys = clientKeys();
  const code = await s.mintCode(userId);
  const res = await s.client.enroll(enrollRequest(userId, clientId, keys, { enrollmentCode: code }));
  return {
    keys,
    credential: decode(res.credential, decodeCredential, "Credential"),
    index: res.binding?.index ?? -1n,
  };
}

describe("ListClients and RevokeClient", () => {
  test("lists the user's active clients with bindings that verify against a signed checkpoint", async () => {
    const phone = await enroll("alice", "phone");
    await enroll("alice", "laptop");
    await enroll("bob", "phone");
    const res = await s.client.listClients({}, signed(listClients, {}, phone.credential, phone.keys));
    assert.equal(res.userId, "alice");
    assert.deepEqual(res.clients.map((c) => new TextDecoder().decode(c.clientId)).sort(), [
      "laptop",
      "phone",
    ]);
    const verifier = parseVerifierKey(s.keylog.verifierKey);
    for (const c of res.clients) {
      const b = c.binding;
      assert.ok(b !== undefined);
      const cp = parseCheckpoint(openNote(b.checkpoint, [verifier]).body);
      verifyInclusion(leafHash(b.entry), Number(b.index), cp.size, b.inclusionProof, cp.rootHash);
    }
  });

  test("refuses unsigned, replayed and impersonating requests", async () => {
    const me = await enroll("carol", "phone");
    assert.equal((await statusOf(s.client.listClients({}))).code, Code.Unauthenticated);
    const once = signed(listClients, {}, me.credential, me.keys);
    await s.client.listClients({}, once);
    const replay = await statusOf(s.client.listClients({}, once));
    assert.equal(replay.code, Code.Unauthenticated);
    assert.match(replay.details, /replayed-nonce/);
    const mallory = clientKeys();
    const forged = await statusOf(
      s.client.listClients({}, signed(listClients, {}, me.credential, me.keys, mallory)),
    );
    assert.equal(forged.code, Code.Unauthenticated);
    assert.match(forged.details, /bad-request-signature/);
    const stolen = await statusOf(
      s.client.listClients(
        {},
        signed(listClients, {}, me.credential, { ...mallory, signatureScheme: me.keys.signatureScheme }),
      ),
    );
    assert.match(stolen.details, /bad-signature/, "the credential does not cover Mallory's key");
    const otherMethod = signed(revokeClient, { clientId: te.encode("phone") }, me.credential, me.keys);
    const crossed = await statusOf(s.client.listClients({}, otherMethod));
    assert.match(crossed.details, /bad-request-signature/, "a signature for another method is refused");
  });

  test("revokes a lost phone from the laptop: logged, then refused and no longer listed", async () => {
    const phone = await enroll("dave", "phone");
    const laptop = await enroll("dave", "laptop");
    const req = { clientId: te.encode("phone"), reason: 1 };
    const res = await s.client.revokeClient(req, signed(revokeClient, req, laptop.credential, laptop.keys));
    const proof = res.revocation;
    assert.ok(proof !== undefined);
    const entry = decodeLogEntry(proof.entry);
    assert.ok(entry.type === "revocation");
    assert.equal(entry.revocation.identity, "dave");
    assert.deepEqual(entry.revocation.revoked, { kind: "leafIndex", leafIndex: Number(phone.index) });
    const logged = await s.log.getEntries({ start: proof.index, end: proof.index + 1n });
    assert.ok(bytesEqual(logged.entries[0] ?? new Uint8Array(), proof.entry), "the revocation is in the log");
    const revoked = await statusOf(
      s.client.listClients({}, signed(listClients, {}, phone.credential, phone.keys)),
    );
    assert.equal(revoked.code, Code.Unauthenticated);
    assert.match(revoked.details, /revoked/);
    const list = await s.client.listClients({}, signed(listClients, {}, laptop.credential, laptop.keys));
    assert.deepEqual(
      list.clients.map((c) => new TextDecoder().decode(c.clientId)),
      ["laptop"],
    );
    const again = await statusOf(
      s.client.revokeClient(req, signed(revokeClient, req, laptop.credential, laptop.keys)),
    );
    assert.equal(again.code, Code.FailedPrecondition);
    const metrics = await (await fetch(`http://${s.auth.server.adminAddress ?? ""}/metrics`)).text();
    assert.match(metrics, /^auth_revocations_total 1$/m);
  });

  test("a user cannot revoke another user's client; bad arguments are precise", async () => {
    await enroll("erin", "phone");
    const mallory = await enroll("mallory", "laptop");
    const req = { clientId: te.encode("phone"), reason: 0 };
    const st = await statusOf(
      s.client.revokeClient(req, signed(revokeClient, req, mallory.credential, mallory.keys)),
    );
    assert.equal(st.code, Code.NotFound, "scoped to the caller's own user");
    const bad = { clientId: te.encode("laptop"), reason: 9 };
    const r = await statusOf(
      s.client.revokeClient(bad, signed(revokeClient, bad, mallory.credential, mallory.keys)),
    );
    assert.equal(r.code, Code.InvalidArgument);
    const empty = { clientId: new Uint8Array(), reason: 0 };
    const e = await statusOf(
      s.client.revokeClient(empty, signed(revokeClient, empty, mallory.credential, mallory.keys)),
    );
    assert.equal(e.code, Code.InvalidArgument);
  });
});
