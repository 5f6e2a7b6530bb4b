import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError } from "@parley/kit";
import { loadDirectoryConfig } from "../src/index.js";

const KEY = "ab".repeat(32);

describe("loadDirectoryConfig", () => {
  test("reads the trusted issuers and the defaults", () => {
    const c = loadDirectoryConfig({ DIRECTORY_TRUSTED_ISSUERS: `0a0b:${KEY}, 0c:${KEY.toUpperCase()}` });
    assert.deepEqual([...c.trust.issuers.keys()], ["0a0b", "0c"]);
    assert.equal(c.trust.issuers.get("0c")?.length, 32);
    assert.deepEqual(c.cipherSuites, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(c.maxLifetimeSeconds, 90 * 86400);
    assert.equal(c.server.grpcAddr, "127.0.0.1:7110");
    assert.equal(c.syncWrites, true);
  });

  test("an in-process AS's trust stands in when the variable is unset", () => {
    const trust = { issuers: new Map([["01", new Uint8Array(32)]]) };
    assert.equal(loadDirectoryConfig({}, { trust }).trust, trust);
  });

  test("refuses a missing trust, malformed issuers and unknown suites, naming the variable", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{}, /^DIRECTORY_TRUSTED_ISSUERS: required/],
      [{ DIRECTORY_TRUSTED_ISSUERS: `0a:${KEY.slice(2)}` }, /^DIRECTORY_TRUSTED_ISSUERS: '0a:.*' is not/],
      [{ DIRECTORY_TRUSTED_ISSUERS: `0ab:${KEY}` }, /^DIRECTORY_TRUSTED_ISSUERS:/],
      [{ DIRECTORY_TRUSTED_ISSUERS: KEY }, /^DIRECTORY_TRUSTED_ISSUERS:/],
      [
        { DIRECTORY_TRUSTED_ISSUERS: `0a:${KEY}`, DIRECTORY_CIPHER_SUITES: "1,9" },
        /^DIRECTORY_CIPHER_SUITES: '9'/,
      ],
      [
        { DIRECTORY_TRUSTED_ISSUERS: `0a:${KEY}`, DIRECTORY_MAX_LIFETIME_SECONDS: "60" },
        /^DIRECTORY_MAX_LIFETIME_SECONDS/,
      ],
    ];
    for (const [env, message] of bad) {
      assert.throws(
        () => loadDirectoryConfig(env),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
      );
    }
  });
});
