import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CodecError, bytesEqual } from "@parley/codec";
import { Code, ServiceError } from "@parley/kit";
import { ClaimRateLimiter } from "../src/claim/claim-rate-limiter.js";
import { ClientLocks } from "../src/store/client-locks.js";
import {
  clientBytes,
  clientKey,
  keyPackageKey,
  parseKeyPackageKey,
  prefixEnd,
  unexpiredRange,
  userClientsPrefix,
} from "../src/store/keys.js";
import {
  decodeClientRecord,
  decodeLastResortRecord,
  decodeRouteRecord,
  decodeStoredLocation,
  encodeClientRecord,
  encodeLastResortRecord,
  encodeRouteRecord,
  encodeStoredLocation,
} from "../src/store/records.js";

function lessThan(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) < 0;
}

const enc = new TextEncoder();

describe("key space", () => {
  test("a user's prefix covers exactly its clients, not a user whose id extends it", () => {
    const prefix = userClientsPrefix("ann");
    const end = prefixEnd(prefix);
    const own = clientKey(clientBytes({ userId: "ann", clientId: Uint8Array.of(0xff, 0xff) }));
    const longer = clientKey(clientBytes({ userId: "anna", clientId: Uint8Array.of(0) }));
    assert.ok(!lessThan(own, prefix) && lessThan(own, end));
    assert.ok(!(!lessThan(longer, prefix) && lessThan(longer, end)));
  });

  test("one-time keys sort by expiry and the unexpired range starts at now", () => {
    const c = clientBytes({ userId: "u", clientId: enc.encode("c") });
    const ref = new Uint8Array(32).fill(7);
    const early = keyPackageKey(c, 1, 100, ref);
    const late = keyPackageKey(c, 1, 5000, ref);
    const otherSuite = keyPackageKey(c, 2, 50, ref);
    assert.ok(lessThan(early, late));
    const range = unexpiredRange(c, 1, 101);
    assert.ok(lessThan(early, range.gte), "expired key is below the range");
    assert.ok(!lessThan(late, range.gte) && lessThan(late, range.lt));
    assert.ok(!lessThan(otherSuite, range.lt), "another suite is above the range");
    const parsed = parseKeyPackageKey(late, 1 + c.length);
    assert.deepEqual([parsed.suite, parsed.expiresAt, bytesEqual(parsed.ref, ref)], [1, 5000, true]);
  });

  test("prefixEnd carries over trailing 0xff bytes", () => {
    assert.deepEqual(prefixEnd(Uint8Array.of(1, 0xff, 0xff)), Uint8Array.of(2));
  });
});

describe("records", () => {
  const client = { userId: "ünï", clientId: Uint8Array.of(1, 2, 3) };
  test("round-trip", () => {
    assert.deepEqual(decodeClientRecord(encodeClientRecord({ expiresAt: 9, suites: [1, 3] })), {
      expiresAt: 9,
      suites: [1, 3],
    });
    const lr = { ref: Uint8Array.of(9), expiresAt: 10, used: true, keyPackage: Uint8Array.of(4, 5) };
    assert.deepEqual(decodeLastResortRecord(encodeLastResortRecord(lr)), lr);
    const loc = { lastResort: false, suite: 2, expiresAt: 11, client };
    assert.deepEqual(decodeStoredLocation(encodeStoredLocation(loc)), loc);
    const route = { lastResort: true, expiresAt: 12, client };
    assert.deepEqual(decodeRouteRecord(encodeRouteRecord(route)), route);
  });

  test("strict decoding: trailing bytes, truncation and bad flags are CodecErrors", () => {
    const good = encodeRouteRecord({ lastResort: true, expiresAt: 12, client });
    const bad = [
      Uint8Array.from([...good, 0]),
      good.subarray(0, good.length - 1),
      Uint8Array.from([2, ...good.subarray(1)]),
    ];
    for (const b of bad) assert.throws(() => decodeRouteRecord(b), CodecError);
  });
});

describe("ClientLocks", () => {
  test("excludes holders of the same client and releases on failure", async () => {
    const locks = new ClientLocks();
    const order: string[] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let entered = (): void => undefined;
    const holding = new Promise<void>((r) => (entered = r));
    const first = locks.with(["a", "b"], async () => {
      order.push("first in");
      entered();
      await gate;
      order.push("first out");
    });
    await holding;
    const second = locks.with(["b"], () => {
      order.push("second");
      return Promise.reject(new Error("boom"));
    });
    const unrelated = locks.with(["c"], () => {
      order.push("unrelated");
      return Promise.resolve();
    });
    await unrelated;
    release();
    await first;
    await assert.rejects(second, /boom/);
    assert.deepEqual(order, ["first in", "unrelated", "first out", "second"]);
    assert.equal(locks.size, 0);
  });
});

describe("ClaimRateLimiter", () => {
  test("a burst, then one token per refill period, per claimer", () => {
    const limiter = new ClaimRateLimiter(60, 3);
    limiter.take("a", 3, 0);
    assert.throws(
      () => limiter.take("a", 1, 500),
      (e: unknown) =>
        e instanceof ServiceError &&
        e.code === Code.ResourceExhausted &&
        e.details["retry-after-ms"] === "500",
    );
    limiter.take("b", 1, 500);
    limiter.take("a", 1, 1000);
    limiter.take("c", 10, 0);
    assert.throws(() => limiter.take("c", 1, 0), ServiceError, "a claim larger than the burst empties it");
  });
});
