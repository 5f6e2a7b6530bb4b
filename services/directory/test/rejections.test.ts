import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import { CipherSuiteId, nodeProvider, signKeyPackage } from "@parley/mls";
import { ClaimStatus, RejectReason } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { TestClient, startTestDirectory, statusOf, testIssuer, type TestDirectory } from "./harness.js";

let t: TestDirectory;
before(async () => {
  t = await startTestDirectory({
    DIRECTORY_CIPHER_SUITES: "1",
    DIRECTORY_MAX_LIFETIME_SECONDS: String(30 * 86400),
    DIRECTORY_MAX_STORED_PER_CLIENT: "3",
    DIRECTORY_PUBLISH_MAX_ITEMS: "6",
    DIRECTORY_MAX_KEY_PACKAGE_BYTES: "2048",
    DIRECTORY_MAX_RECV_BYTES: "65536",
  });
});
after(async () => {
  await t.stop();
});

/** Publishes one KeyPackage message and returns its single result. */
async function publishOne(c: TestClient, message: Uint8Array) {
  const res = await c.publish([message]);
  assert.equal(res.results.length, 1);
  const r = res.results[0];
  assert.ok(r !== undefined);
  return r;
}

describe("per-KeyPackage rejections", () => {
  test("a flipped signature byte: bad signature (KP-11)", async () => {
    const c = new TestClient(t, "r1@example.com", "c");
    const m = c.keyPackage().messageBytes.slice();
    m[m.length - 1] = (m[m.length - 1] ?? 0) ^ 1;
    const r = await publishOne(c, m);
    assert.equal(r.accepted, false);
    assert.equal(r.reason, RejectReason.BAD_SIGNATURE);
    assert.match(r.message, /KP-11/);
  });

  test("expired, not yet valid, and longer than the directory's maximum lifetime", async () => {
    const c = new TestClient(t, "r2@example.com", "c");
    const day = 86400n;
    const now = BigInt(t.clock.seconds);
    for (const lifetime of [
      { notBefore: now - 10n * day, notAfter: now - 2n * day },
      { notBefore: now + 2n * day, notAfter: now + 10n * day },
      { notBefore: now - day, notAfter: now + 40n * day },
    ]) {
      const kp = c.keyPackage({ lifetime });
      const r = await publishOne(c, kp.messageBytes);
      assert.equal(r.reason, RejectReason.LIFETIME, r.message);
      assert.deepEqual(r.keyPackageRef, kp.ref, "a rejection names the KeyPackage it refuses");
      assert.match(r.message, /KP-(8|9)/);
    }
  });

  test("a cipher suite the directory does not accept", async () => {
    // Suite 3 signs with Ed25519 too, so the client's credential is valid for it.
    const c = new TestClient(t, "r3@example.com", "c");
    const kp = c.keyPackage({
      cipherSuite: CipherSuiteId.MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519,
    });
    const r = await publishOne(c, kp.messageBytes);
    assert.equal(r.reason, RejectReason.CIPHER_SUITE);
    assert.equal(r.cipherSuite, 3);
  });

  test("another client's credential, or the caller's credential with another key", async () => {
    const mallory = new TestClient(t, "mallory@example.com", "m");
    const bob = new TestClient(t, "r4@example.com", "bob");
    const r = await publishOne(mallory, bob.keyPackage().messageBytes);
    assert.equal(r.reason, RejectReason.CLIENT_MISMATCH);
    const otherKey = nodeProvider.suite(1).generateSignatureKeyPair();
    const forged = mallory.keyPackage({ signatureKeyPair: otherKey });
    const r2 = await publishOne(mallory, forged.messageBytes);
    assert.equal(r2.reason, RejectReason.CREDENTIAL, "the AS never bound this key to mallory");
    assert.match(r2.message, /CRED-2/);
  });

  test("a credential from an issuer the directory does not trust", async () => {
    const c = new TestClient(t, "r5@example.com", "c");
    const rogue = new TestClient(t, "r5@example.com", "c", { issuer: testIssuer("rogue") });
    const kp = rogue.keyPackage({ signatureKeyPair: c.keyPair });
    // Same user, client and key as the caller, but the credential inside is the rogue AS's.
    const r = await publishOne(c, kp.messageBytes);
    assert.equal(r.reason, RejectReason.CREDENTIAL);
    assert.match(r.message, /unknown-issuer/);
  });

  test("malformed bytes and a non-KeyPackage MLSMessage", async () => {
    const c = new TestClient(t, "r6@example.com", "c");
    const m = c.keyPackage().messageBytes;
    const truncated = await publishOne(c, m.subarray(0, m.length - 5));
    assert.equal(truncated.reason, RejectReason.MALFORMED);
    const wrongWire = m.slice();
    wrongWire[3] = 1; // wire_format mls_public_message
    const r = await publishOne(c, wrongWire);
    assert.equal(r.reason, RejectReason.MALFORMED);
    assert.match(r.message, /KP-12/);
  });

  test("a correctly signed KeyPackage breaking another §10.1 rule: init_key equals encryption_key", async () => {
    const c = new TestClient(t, "r7@example.com", "c");
    const { keyPackage } = c.keyPackage();
    const cs = nodeProvider.suite(1);
    const { signature: _dropped, ...tbs } = keyPackage;
    const bad = signKeyPackage(cs, c.keyPair.privateKey, {
      ...tbs,
      initKey: keyPackage.leafNode.encryptionKey,
    });
    const r = await publishOne(c, bad.messageBytes);
    assert.equal(r.reason, RejectReason.INVALID);
    assert.match(r.message, /KP-7/);
  });

  test("two last-resort KeyPackages of one suite in one request; the quota of stored KeyPackages", async () => {
    const c = new TestClient(t, "r8@example.com", "c");
    const lr = [c.keyPackage({ lastResort: true }), c.keyPackage({ lastResort: true })];
    const oneTime = [1, 2, 3, 4].map(() => c.keyPackage().messageBytes);
    const res = await c.publish([...lr.map((k) => k.messageBytes), ...oneTime]);
    assert.deepEqual(
      res.results.map((r) => r.reason),
      [
        RejectReason.UNSPECIFIED,
        RejectReason.DUPLICATE_LAST_RESORT,
        RejectReason.UNSPECIFIED,
        RejectReason.UNSPECIFIED,
        RejectReason.UNSPECIFIED,
        RejectReason.QUOTA_EXCEEDED,
      ],
    );
    const status = await c.status();
    assert.equal(status.cipherSuites[0]?.remaining, 3);
  });

  test("a rejected item does not stop the valid ones in the same request", async () => {
    const c = new TestClient(t, "r9@example.com", "c");
    const res = await c.publish([new Uint8Array([1, 2, 3]), c.keyPackage().messageBytes]);
    assert.deepEqual(
      res.results.map((r) => r.accepted),
      [false, true],
    );
  });
});

describe("request-level bad input", () => {
  test("empty, too many, oversized items, and a message beyond the receive limit", async () => {
    const c = new TestClient(t, "q1@example.com", "c");
    const kp = c.keyPackage().messageBytes;
    const empty = await statusOf(c.publish([]));
    assert.equal(empty.code, Code.InvalidArgument);
    const many = await statusOf(c.publish(Array.from({ length: 7 }, () => kp)));
    assert.deepEqual(many, {
      code: Code.InvalidArgument,
      details: "key_packages carries 7 KeyPackages, at most 6 allowed",
    });
    const big = await statusOf(c.publish([kp, new Uint8Array(3000)]));
    assert.deepEqual(big, {
      code: Code.InvalidArgument,
      details: "key_packages[1] is 3000 bytes, at most 2048 allowed",
    });
    const huge = await statusOf(c.publish([new Uint8Array(70_000)]));
    assert.equal(huge.code, Code.ResourceExhausted);
    assert.equal((await c.status()).cipherSuites.length, 0, "nothing was stored");
  });

  test("claims: unknown user, unknown client (nothing claimed), duplicates, bad suite, no target", async () => {
    const c = new TestClient(t, "q2@example.com", "c");
    const known = new TestClient(t, "q3@example.com", "k");
    await known.publish([known.keyPackage().messageBytes]);
    const unknownUser = await statusOf(c.claimUser("nobody@example.com"));
    assert.deepEqual(unknownUser, {
      code: Code.NotFound,
      details: "user 'nobody@example.com' has no clients here",
    });
    const ghost = { userId: "q3@example.com", clientId: new TextEncoder().encode("ghost") };
    const partial = await statusOf(c.claimClients([known.ref, ghost]));
    assert.equal(partial.code, Code.NotFound);
    assert.equal(
      (await known.status()).cipherSuites[0]?.remaining,
      1,
      "the known client's KeyPackage is still there",
    );
    assert.equal((await statusOf(c.claimClients([known.ref, known.ref]))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.claimUser("q3@example.com", 0))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.claimUser("q3@example.com", 2))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.claimClients([]))).code, Code.InvalidArgument);
    const claim = await c.claimClients([known.ref]);
    assert.equal(claim.results[0]?.status, ClaimStatus.CLAIMED);
  });

  test("delete and lookup: malformed refs and contradictory fields", async () => {
    const c = new TestClient(t, "q4@example.com", "c");
    assert.equal((await statusOf(c.delete([]))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.delete([new Uint8Array(32)], true))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.delete([new Uint8Array(31)]))).code, Code.InvalidArgument);
    assert.equal((await statusOf(c.lookup(new Uint8Array(5)))).code, Code.InvalidArgument);
    const missing = await c.delete([new Uint8Array(32)]);
    assert.equal(missing.deleted, 0);
    assert.equal(missing.notFound.length, 1);
  });
});
