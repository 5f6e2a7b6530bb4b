import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { bytesEqual } from "@parley/codec";
import { Code } from "@parley/kit";
import { decodeUnverifiedKeyPackageMessage } from "@parley/mls";
import { ClaimStatus } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { SUITE, TestClient, startTestDirectory, statusOf, type TestDirectory } from "./harness.js";

let t: TestDirectory;
before(async () => {
  t = await startTestDirectory();
});
after(async () => {
  await t.stop();
});

describe("publish and claim", () => {
  test("a published KeyPackage is handed out once, then the client is exhausted", async () => {
    const bob = new TestClient(t, "bob@example.com", "phone");
    const alice = new TestClient(t, "alice@example.com", "laptop");
    const kps = [bob.keyPackage(), bob.keyPackage()];
    const res = await bob.publish(kps.map((k) => k.messageBytes));
    assert.deepEqual(
      res.results.map((r) => [r.accepted, r.alreadyStored, r.lastResort]),
      [
        [true, false, false],
        [true, false, false],
      ],
    );
    assert.ok(res.results.every((r, i) => bytesEqual(r.keyPackageRef, kps[i]?.ref ?? new Uint8Array())));

    const handed: Uint8Array[] = [];
    for (let i = 0; i < 2; i++) {
      const claim = await alice.claimUser("bob@example.com");
      assert.equal(claim.results.length, 1);
      const r = claim.results[0];
      assert.equal(r?.status, ClaimStatus.CLAIMED);
      assert.equal(r?.client?.userId, "bob@example.com");
      const decoded = decodeUnverifiedKeyPackageMessage(r?.keyPackage ?? new Uint8Array());
      assert.equal(decoded.keyPackage.cipherSuite, SUITE);
      handed.push(r?.keyPackageRef ?? new Uint8Array());
    }
    assert.ok(
      !bytesEqual(handed[0] ?? new Uint8Array(), handed[1] ?? new Uint8Array()),
      "two different KeyPackages",
    );
    const third = await alice.claimUser("bob@example.com");
    assert.equal(third.results[0]?.status, ClaimStatus.EXHAUSTED);
    assert.equal(third.results[0]?.keyPackage.length, 0);
  });

  test("the last resort is handed out, marked, again and again; status reports it used", async () => {
    const carol = new TestClient(t, "carol@example.com", "tablet");
    const alice = new TestClient(t, "alice@example.com", "laptop");
    const one = carol.keyPackage();
    const lr = carol.keyPackage({ lastResort: true });
    const res = await carol.publish([one.messageBytes, lr.messageBytes]);
    assert.equal(res.results[1]?.lastResort, true);
    const before = await carol.status();
    assert.deepEqual(
      before.cipherSuites.map((s) => [s.cipherSuite, s.remaining, s.hasLastResort, s.lastResortUsed]),
      [[SUITE, 1, true, false]],
    );
    const first = await alice.claimUser("carol@example.com");
    assert.equal(first.results[0]?.status, ClaimStatus.CLAIMED);
    assert.ok(bytesEqual(first.results[0]?.keyPackageRef ?? new Uint8Array(), one.ref));
    for (let i = 0; i < 2; i++) {
      const next = await alice.claimUser("carol@example.com");
      assert.equal(next.results[0]?.status, ClaimStatus.LAST_RESORT);
      assert.ok(bytesEqual(next.results[0]?.keyPackageRef ?? new Uint8Array(), lr.ref));
    }
    const afterClaims = await carol.status();
    assert.deepEqual(
      afterClaims.cipherSuites.map((s) => [s.remaining, s.earliestExpiry, s.hasLastResort, s.lastResortUsed]),
      [[0, 0n, true, true]],
    );
  });

  test("a claim for a user covers all its clients; a client list claims just those", async () => {
    const alice = new TestClient(t, "alice@example.com", "laptop");
    const d1 = new TestClient(t, "dave@example.com", "d1");
    const d2 = new TestClient(t, "dave@example.com", "d2");
    const d3 = new TestClient(t, "dave@example.com", "d3");
    for (const d of [d1, d2, d3]) await d.publish([d.keyPackage().messageBytes, d.keyPackage().messageBytes]);
    const all = await alice.claimUser("dave@example.com");
    assert.deepEqual(
      all.results.map((r) => [new TextDecoder().decode(r.client?.clientId), r.status]),
      [
        ["d1", ClaimStatus.CLAIMED],
        ["d2", ClaimStatus.CLAIMED],
        ["d3", ClaimStatus.CLAIMED],
      ],
    );
    const some = await alice.claimClients([d3.ref, d1.ref]);
    assert.deepEqual(
      some.results.map((r) => new TextDecoder().decode(r.client?.clientId)),
      ["d3", "d1"],
    );
    const status = await d2.status();
    assert.equal(status.cipherSuites[0]?.remaining, 1);
    assert.equal((await d1.status()).cipherSuites[0]?.remaining, 0);
  });

  test("a suite the client never published: no compatible cipher suite, with the suites it has", async () => {
    const hal = new TestClient(t, "hal@example.com", "h");
    const alice = new TestClient(t, "alice@example.com", "laptop");
    await hal.publish([hal.keyPackage().messageBytes]);
    const res = await alice.claimUser("hal@example.com", 3);
    assert.equal(res.results[0]?.status, ClaimStatus.NO_COMPATIBLE_CIPHER_SUITE);
    assert.deepEqual(res.results[0]?.publishedCipherSuites, [SUITE]);
    assert.equal((await hal.status()).cipherSuites[0]?.remaining, 1, "nothing was claimed");
  });

  test("re-uploading the same KeyPackage is accepted and stores nothing new", async () => {
    const erin = new TestClient(t, "erin@example.com", "e");
    const kp = erin.keyPackage();
    await erin.publish([kp.messageBytes]);
    const again = await erin.publish([kp.messageBytes, kp.messageBytes]);
    assert.deepEqual(
      again.results.map((r) => [r.accepted, r.alreadyStored]),
      [
        [true, true],
        [true, true],
      ],
    );
    assert.equal((await erin.status()).cipherSuites[0]?.remaining, 1);
  });

  test("a KeyPackage already handed out cannot be published again", async () => {
    const fay = new TestClient(t, "fay@example.com", "f");
    const alice = new TestClient(t, "alice@example.com", "laptop");
    const kp = fay.keyPackage();
    await fay.publish([kp.messageBytes]);
    await alice.claimUser("fay@example.com");
    const res = await fay.publish([kp.messageBytes]);
    assert.equal(res.results[0]?.accepted, false);
    assert.match(res.results[0]?.message ?? "", /already handed out/);
    assert.equal((await alice.claimUser("fay@example.com")).results[0]?.status, ClaimStatus.EXHAUSTED);
  });

  test("the Welcome route of a claimed KeyPackage names its client", async () => {
    const gus = new TestClient(t, "gus@example.com", "g");
    const alice = new TestClient(t, "alice@example.com", "laptop");
    const kp = gus.keyPackage();
    await gus.publish([kp.messageBytes]);
    assert.equal((await statusOf(alice.lookup(kp.ref))).code, Code.NotFound, "not routed before the claim");
    await alice.claimUser("gus@example.com");
    const route = await alice.lookup(kp.ref);
    assert.equal(route.client?.userId, "gus@example.com");
    assert.ok(bytesEqual(route.client?.clientId ?? new Uint8Array(), gus.clientId));
    assert.equal(route.lastResort, false);
  });
});

describe("metrics", () => {
  test("domain counters move with publishes and claims, and no label carries an identity", async () => {
    const text = await t.directory.server.registry.metrics();
    const value = (line: string): number => Number(new RegExp(`^${line} (\\S+)$`, "m").exec(text)?.[1]);
    assert.ok(value('directory_claims_total\\{outcome="claimed"\\}') >= 5);
    assert.ok(value('directory_claims_total\\{outcome="last_resort"\\}') >= 2);
    assert.ok(value('directory_claims_total\\{outcome="exhausted"\\}') >= 1);
    assert.ok(value('directory_key_packages_rejected_total\\{reason="already_claimed"\\}') >= 1);
    assert.ok(value("directory_key_packages_published_total") >= 10);
    assert.ok(
      value(
        'grpc_server_handled_total\\{grpc_service="parley.directory.v1.DirectoryService",grpc_method="ClaimKeyPackages",grpc_type="unary",grpc_code="OK"\\}',
      ) >= 5,
    );
    assert.doesNotMatch(text, /example\.com|phone|laptop/);
  });
});
