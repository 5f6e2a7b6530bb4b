import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@parley/kit";
import { ClaimStatus } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { TestClient, startTestDirectory, statusOf, type TestDirectory } from "./harness.js";

const DAY = 86400;
let t: TestDirectory;
before(async () => {
  t = await startTestDirectory();
});
after(async () => {
  await t.stop();
});

/** Counts the level keys with this one-byte tag (see src/store/keys.ts). */
async function keysWithTag(tag: string): Promise<number> {
  const code = tag.charCodeAt(0);
  let n = 0;
  const db = t.directory.context.store.db;
  for await (const _ of db.keys({ gte: Uint8Array.of(code), lt: Uint8Array.of(code + 1) })) n++;
  return n;
}

describe("expiry", () => {
  test("an expired KeyPackage is never handed out, then purged; status counts only live ones", async () => {
    const a = new TestClient(t, "exp-a@example.com", "a");
    const alice = new TestClient(t, "alice@example.com", "l");
    const short = a.keyPackage({ lifetimeSeconds: 2 * DAY });
    const long = a.keyPackage({ lifetimeSeconds: 5 * DAY });
    await a.publish([long.messageBytes, short.messageBytes]);
    const before = await a.status();
    assert.equal(before.cipherSuites[0]?.remaining, 2);
    // createKeyPackage backdates not_before by an hour (LIFETIME_BACKDATE_SECONDS).
    assert.equal(before.cipherSuites[0]?.earliestExpiry, BigInt(t.clock.seconds - 3600 + 2 * DAY));
    t.clock.advance(3 * DAY);
    assert.equal((await a.status()).cipherSuites[0]?.remaining, 1);
    const claim = await alice.claimUser("exp-a@example.com");
    assert.equal(claim.results[0]?.status, ClaimStatus.CLAIMED);
    assert.deepEqual(claim.results[0]?.keyPackageRef, long.ref, "the live one, not the expired one");
    assert.equal((await alice.claimUser("exp-a@example.com")).results[0]?.status, ClaimStatus.EXHAUSTED);
    const purged = await t.directory.context.purge();
    assert.ok(purged.oneTime >= 1);
    assert.equal(await t.directory.context.store.getStored(short.ref), undefined);
  });

  test("a Welcome route is forgotten when the KeyPackage's lifetime ends", async () => {
    const b = new TestClient(t, "exp-b@example.com", "b");
    const alice = new TestClient(t, "alice@example.com", "l");
    const kp = b.keyPackage({ lifetimeSeconds: 2 * DAY });
    await b.publish([kp.messageBytes]);
    await alice.claimUser("exp-b@example.com");
    assert.equal((await alice.lookup(kp.ref)).client?.userId, "exp-b@example.com");
    t.clock.advance(2 * DAY);
    assert.equal(
      (await statusOf(alice.lookup(kp.ref))).code,
      Code.NotFound,
      "expired, even before the purge",
    );
    const purged = await t.directory.context.purge();
    assert.ok(purged.routes >= 1);
    assert.equal(await t.directory.context.store.getRoute(kp.ref), undefined);
  });

  test("an expired last resort is not handed out", async () => {
    const c = new TestClient(t, "exp-c@example.com", "c");
    const alice = new TestClient(t, "alice@example.com", "l");
    await c.publish([c.keyPackage({ lifetimeSeconds: 2 * DAY, lastResort: true }).messageBytes]);
    assert.equal((await alice.claimUser("exp-c@example.com")).results[0]?.status, ClaimStatus.LAST_RESORT);
    t.clock.advance(3 * DAY);
    assert.equal((await alice.claimUser("exp-c@example.com")).results[0]?.status, ClaimStatus.EXHAUSTED);
    assert.deepEqual((await c.status()).cipherSuites[0]?.hasLastResort, false);
  });

  test("the credential's expiry caps its KeyPackages', and the client is forgotten after it", async () => {
    const d = new TestClient(t, "exp-d@example.com", "d", { notAfter: t.clock.seconds + DAY });
    const alice = new TestClient(t, "alice@example.com", "l");
    await d.publish([d.keyPackage({ lifetimeSeconds: 7 * DAY }).messageBytes]);
    t.clock.advance(2 * DAY);
    assert.equal((await alice.claimUser("exp-d@example.com")).results[0]?.status, ClaimStatus.EXHAUSTED);
    const purged = await t.directory.context.purge();
    assert.ok(purged.clients >= 1 && purged.oneTime >= 1);
    assert.equal((await statusOf(alice.claimUser("exp-d@example.com"))).code, Code.NotFound);
  });

  test("after purging everything, no KeyPackage, location, route or expiry entry is left", async () => {
    t.clock.advance(400 * DAY);
    const alice = new TestClient(t, "alice@example.com", "l");
    await alice.status();
    await t.directory.context.purge();
    for (const tag of ["c", "k", "l", "p", "r", "x"])
      assert.equal(await keysWithTag(tag), 0, `keys '${tag}'`);
    const metrics = await t.directory.server.registry.getSingleMetricAsString(
      "directory_key_packages_stored",
    );
    assert.match(metrics, /^directory_key_packages_stored 0$/m);
  });
});
