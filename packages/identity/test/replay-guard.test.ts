import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IdentityError, ReplayGuard, type IdentityRule } from "../src/index.js";

function rejects(rule: IdentityRule, f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof IdentityError && e.rule === rule, rule);
}

describe("ReplayGuard", () => {
  it("accepts a nonce once per client and the same nonce from another client", () => {
    const g = new ReplayGuard({ windowMs: 1000 });
    g.check("a", "n1", 5000, 5000);
    rejects("replayed-nonce", () => g.check("a", "n1", 5000, 5100));
    g.check("b", "n1", 5000, 5100);
  });

  it("refuses timestamps outside ±window, inclusive bounds accepted", () => {
    const g = new ReplayGuard({ windowMs: 1000 });
    g.check("a", "n1", 4000, 5000);
    g.check("a", "n2", 6000, 5000);
    rejects("stale-timestamp", () => g.check("a", "n3", 3999, 5000));
    rejects("stale-timestamp", () => g.check("a", "n4", 6001, 5000));
    rejects("stale-timestamp", () => g.check("a", "n5", Number.NaN, 5000));
  });

  it("forgets nonces whose timestamps have left the window, keeping memory bounded", () => {
    const g = new ReplayGuard({ windowMs: 1000, maxEntries: 2 });
    g.check("a", "n1", 5000, 5000);
    g.check("a", "n2", 5000, 5000);
    rejects("replay-cache-full", () => g.check("a", "n3", 5000, 5000));
    assert.equal(g.size, 2);
    g.check("a", "n3", 6500, 6500);
    assert.equal(g.size, 1);
  });

  it("sweeps expired entries shielded by a later-expiring one when full", () => {
    const g = new ReplayGuard({ windowMs: 1000, maxEntries: 2 });
    g.check("a", "late", 6000, 5000);
    g.check("a", "early", 4000, 5000);
    g.check("a", "next", 5900, 5100 + 900);
    assert.equal(g.size, 2);
  });

  it("refuses bad options", () => {
    assert.throws(() => new ReplayGuard({ windowMs: 0 }), RangeError);
    assert.throws(() => new ReplayGuard({ maxEntries: 0 }), RangeError);
  });
});

describe("ReplayGuard across a restart", () => {
  it("refuses requests signed before the guard's start, so pre-restart nonces cannot be replayed", () => {
    const started = 1_700_000_000_000;
    const g = new ReplayGuard({ windowMs: 60_000, notBeforeMs: started });
    rejects("stale-timestamp", () => g.check("client", "nonce-from-before", started - 1, started + 10));
    g.check("client", "fresh", started + 5, started + 10);
  });
});
