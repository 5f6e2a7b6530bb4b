import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import { ClaimStatus, DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { TestClient, startTestDirectory, statusOf, testIssuer, type TestDirectory } from "./harness.js";

let t: TestDirectory;
before(async () => {
  t = await startTestDirectory({ DIRECTORY_CLAIM_BURST: "5", DIRECTORY_CLAIM_RATE_PER_MINUTE: "60" });
});
after(async () => {
  await t.stop();
});

function claimReq(userId: string) {
  return { target: { case: "userId" as const, value: userId }, cipherSuite: 1 };
}

describe("signed requests", () => {
  test("an unsigned call is refused", async () => {
    const res = await statusOf(t.grpc.getKeyPackageStatus({}));
    assert.equal(res.code, Code.Unauthenticated);
    assert.match(res.details, /missing-header/);
  });

  test("a replayed request is refused, even though its signature is valid", async () => {
    const bob = new TestClient(t, "bob@example.com", "b");
    await bob.publish([bob.keyPackage().messageBytes]);
    const headers = bob.headers(DirectoryService.method.getKeyPackageStatus, {});
    await t.grpc.getKeyPackageStatus({}, { headers });
    const again = await statusOf(t.grpc.getKeyPackageStatus({}, { headers }));
    assert.equal(again.code, Code.Unauthenticated);
    assert.match(again.details, /replayed-nonce/);
  });

  test("a signature over another body or another method is refused", async () => {
    const bob = new TestClient(t, "bob@example.com", "b");
    const headers = bob.headers(DirectoryService.method.claimKeyPackages, claimReq("bob@example.com"));
    const other = await statusOf(t.grpc.claimKeyPackages(claimReq("carol@example.com"), { headers }));
    assert.equal(other.code, Code.Unauthenticated);
    assert.match(other.details, /bad-request-signature/);
    const statusHeaders = bob.headers(DirectoryService.method.getKeyPackageStatus, {});
    const wrongMethod = await statusOf(
      t.grpc.claimKeyPackages({ cipherSuite: 0 }, { headers: statusHeaders }),
    );
    // Both bodies serialise to zero bytes: only the signed method name differs.
    assert.equal(wrongMethod.code, Code.Unauthenticated);
    assert.match(wrongMethod.details, /bad-request-signature/);
  });

  test("a timestamp outside the replay window is refused", async () => {
    const bob = new TestClient(t, "bob@example.com", "b");
    const stale = bob.headers(DirectoryService.method.getKeyPackageStatus, {}, t.clock.ms - 600_000);
    const res = await statusOf(t.grpc.getKeyPackageStatus({}, { headers: stale }));
    assert.equal(res.code, Code.Unauthenticated);
    assert.match(res.details, /stale-timestamp/);
  });

  test("a credential from an untrusted AS is refused", async () => {
    const rogue = new TestClient(t, "bob@example.com", "b", { issuer: testIssuer("rogue") });
    const res = await statusOf(rogue.status());
    assert.equal(res.code, Code.Unauthenticated);
    assert.match(res.details, /unknown-issuer/);
  });

  test("someone else's credential with one's own key is refused (the AS bound another key)", async () => {
    const bob = new TestClient(t, "bob@example.com", "b");
    const mallory = new TestClient(t, "mallory@example.com", "m");
    const forged = mallory.withCredential(bob.credential);
    const res = await statusOf(forged.status());
    assert.equal(res.code, Code.Unauthenticated);
    assert.match(res.details, /bad-signature/);
  });
});

describe("ownership", () => {
  test("a client cannot delete another client's KeyPackages; the owner can", async () => {
    const bob = new TestClient(t, "owner@example.com", "b");
    const mallory = new TestClient(t, "mallory@example.com", "m");
    const kp = bob.keyPackage();
    const lr = bob.keyPackage({ lastResort: true });
    await bob.publish([kp.messageBytes, lr.messageBytes]);
    const denied = await statusOf(mallory.delete([kp.ref]));
    assert.deepEqual(denied, {
      code: Code.PermissionDenied,
      details: "key_package_refs[0] is another client's KeyPackage",
    });
    assert.equal((await bob.status()).cipherSuites[0]?.remaining, 1, "still there");
    const deleted = await bob.delete([kp.ref, lr.ref]);
    assert.equal(deleted.deleted, 2);
    const status = await bob.status();
    assert.deepEqual(
      status.cipherSuites.map((s) => [s.remaining, s.hasLastResort]),
      [[0, false]],
    );
    assert.equal((await mallory.claimUser("owner@example.com")).results[0]?.status, ClaimStatus.EXHAUSTED);
  });

  test("delete all forgets the client: a claim for its user no longer lists it", async () => {
    const d1 = new TestClient(t, "retire@example.com", "old");
    const d2 = new TestClient(t, "retire@example.com", "new");
    await d1.publish([d1.keyPackage().messageBytes, d1.keyPackage({ lastResort: true }).messageBytes]);
    await d2.publish([d2.keyPackage().messageBytes]);
    const res = await d1.delete([], true);
    assert.equal(res.deleted, 2);
    const claim = await d2.claimUser("retire@example.com");
    assert.deepEqual(
      claim.results.map((r) => new TextDecoder().decode(r.client?.clientId)),
      ["new"],
    );
    assert.equal((await statusOf(d2.claimClients([d1.ref]))).code, Code.NotFound);
  });

  test("status shows only the caller's own KeyPackages", async () => {
    const bob = new TestClient(t, "own@example.com", "b");
    const eve = new TestClient(t, "eve@example.com", "e");
    await bob.publish([bob.keyPackage().messageBytes]);
    assert.deepEqual((await eve.status()).cipherSuites, []);
  });
});

describe("claim rate limit (RFC 9420 §16.8)", () => {
  test("a claimer exhausting its burst is refused with a retry hint until its bucket refills", async () => {
    const owner = new TestClient(t, "stock@example.com", "s");
    await owner.publish(Array.from({ length: 10 }, () => owner.keyPackage().messageBytes));
    const greedy = new TestClient(t, "greedy@example.com", "g");
    for (let i = 0; i < 5; i++) await greedy.claimUser("stock@example.com");
    const refused = await statusOf(greedy.claimUser("stock@example.com"));
    assert.equal(refused.code, Code.ResourceExhausted);
    assert.match(refused.details, /claim rate limit: .* retry in 1000 ms/);
    assert.equal((await owner.status()).cipherSuites[0]?.remaining, 5, "the refused claim took nothing");
    const other = new TestClient(t, "polite@example.com", "p");
    assert.equal((await other.claimUser("stock@example.com")).results[0]?.status, ClaimStatus.CLAIMED);
    t.clock.advance(1);
    assert.equal((await greedy.claimUser("stock@example.com")).results[0]?.status, ClaimStatus.CLAIMED);
  });
});
