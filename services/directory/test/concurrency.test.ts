/**
 * Many claimers at once over real gRPC, each on its own channel: no KeyPackage may be handed out
 * twice, every one-time KeyPackage is handed out exactly once, and the rest fall back to the last
 * resort or report exhaustion. Deletes by the owners race the claims too.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { toHex } from "@parley/codec";
import { createGrpcClient } from "@parley/kit";
import { ClaimStatus, DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { TestClient, startTestDirectory, type TestDirectory } from "./harness.js";

const USERS = 12;
const PER_CLIENT = 8;
const CLAIMERS = 16;
/** 16 claims per user: 6 for its client 'a' alone, 10 for both clients; enough to drain both. */
const CLAIMS_PER_CLAIMER = 12;

let t: TestDirectory;
before(async () => {
  // Synced writes, as in production: group commit is part of what is being tested.
  t = await startTestDirectory({ DIRECTORY_SYNC_WRITES: "true" });
});
after(async () => {
  await t.stop();
});

test("concurrent claims never hand out the same KeyPackage twice", async () => {
  const owners: TestClient[] = [];
  const published = new Map<string, string>();
  for (let u = 0; u < USERS; u++) {
    // Every user has two clients: a claim by user takes one from each, under two locks.
    for (const device of ["a", "b"]) {
      const owner = new TestClient(t, `user${u}@example.com`, device);
      const kps = Array.from({ length: PER_CLIENT }, () => owner.keyPackage());
      const lr = owner.keyPackage({ lastResort: true });
      await owner.publish([...kps, lr].map((k) => k.messageBytes));
      for (const k of kps) published.set(toHex(k.ref), owner.userId);
      owners.push(owner);
    }
  }
  const claimers = Array.from({ length: CLAIMERS }, (_, i) => {
    const c = new TestClient(t, `claimer${i}@example.com`, "c");
    const grpc = createGrpcClient(DirectoryService, t.directory.server.grpcAddress, {
      channelOptions: { "grpc.use_local_subchannel_pool": 1 },
    });
    return c.over(grpc);
  });
  const handed: string[] = [];
  const lastResort: string[] = [];
  let exhausted = 0;
  const claims = claimers.flatMap((c, i) =>
    Array.from({ length: CLAIMS_PER_CLAIMER }, async (_, j) => {
      const k = i * CLAIMS_PER_CLAIMER + j;
      const user = `user${k % USERS}@example.com`;
      const res =
        Math.floor(k / USERS) % 3 === 0
          ? await c.claimClients([{ userId: user, clientId: new TextEncoder().encode("a") }])
          : await c.claimUser(user);
      for (const r of res.results) {
        if (r.status === ClaimStatus.CLAIMED) handed.push(toHex(r.keyPackageRef));
        else if (r.status === ClaimStatus.LAST_RESORT) lastResort.push(toHex(r.keyPackageRef));
        else if (r.status === ClaimStatus.EXHAUSTED) exhausted++;
        else assert.fail(`unexpected status ${r.status}`);
      }
    }),
  );
  await Promise.all(claims);
  for (const c of claimers) c.grpc.$close();

  assert.equal(new Set(handed).size, handed.length, "a KeyPackage was handed out twice");
  assert.equal(handed.length, published.size, "every one-time KeyPackage was handed out exactly once");
  for (const ref of handed) assert.ok(published.has(ref));
  assert.ok(lastResort.length > 0 && exhausted === 0, "the last resort took over once stocks ran out");
  assert.equal(t.directory.context.store.locks.size, 0, "no lock is left held");
  for (const owner of owners) {
    assert.equal((await owner.status()).cipherSuites[0]?.remaining, 0);
  }
  const gauge = await t.directory.server.registry.getSingleMetricAsString("directory_key_packages_stored");
  assert.match(gauge, /^directory_key_packages_stored 0$/m);
});
