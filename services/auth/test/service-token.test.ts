import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { decodeLogEntry } from "@parley/keylog";
import { toHex } from "@parley/codec";
import { Code, ed25519KeyFromSeed } from "@parley/kit";
import { openEnrollmentCode, signServiceToken } from "../src/index.js";
import { readOrCreateSecret } from "../src/secrets.js";
import { clientKeys, mintIdToken, startStack, statusOf, type Stack } from "./harness.js";
import { enrollRequest } from "./requests.js";

/** A service token built by the test's own JWS encoder, so the log's checks are exercised claim by claim. */
function token(seed: Uint8Array, claims: Record<string, unknown>): string {
  const key = ed25519KeyFromSeed(seed);
  return mintIdToken({ kid: toHex(key.keyId), key: key.keyObject }, "EdDSA", claims);
}

describe("signed service tokens on Append", () => {
  let s: Stack;
  let seed: Uint8Array;
  before(async () => {
    s = await startStack({ signed: { keylogTrustsAs: true } });
    seed = await readOrCreateSecret(join(s.dir, "auth", "service-key"), "AUTH_SERVICE_KEY_FILE");
  });
  after(async () => {
    await s.stop();
  });

  async function someEntry(): Promise<Uint8Array> {
    const code = await s.mintCode("zoe");
    const res = await s.client.enroll(
      enrollRequest("zoe", `z${Math.random()}`, clientKeys(), { enrollmentCode: code }),
    );
    const e = res.binding?.entry ?? new Uint8Array();
    assert.equal(decodeLogEntry(e).type, "keyBinding");
    return e;
  }

  test("the AS enrolls through a log that only accepts its signed tokens", async () => {
    await someEntry();
  });

  test("the log refuses the shared token, replays, wrong audience, expiry, long lifetimes and unknown keys", async () => {
    const e = await someEntry();
    const append = (t: string) =>
      s.log.append({ entries: [e] }, { headers: { authorization: `Bearer ${t}` } });
    const now = Math.floor(Date.now() / 1000);
    const jti = () => randomBytes(16).toString("base64url");
    const good = { aud: "keylog", iat: now, exp: now + 60 };
    const shared = (await readFile(join(s.dir, "keylog", "append-token"), "utf8")).trim();
    assert.equal((await statusOf(append(shared))).code, Code.PermissionDenied);
    const once = signServiceToken(ed25519KeyFromSeed(seed));
    await append(once);
    const replay = await statusOf(append(once));
    assert.equal(replay.code, Code.PermissionDenied);
    assert.match(replay.details, /replayed/);
    const refused: [Record<string, unknown>, RegExp, Uint8Array?][] = [
      [{ ...good, aud: "directory", jti: jti() }, /aud/],
      [{ ...good, iat: now - 400, exp: now - 300, jti: jti() }, /expired/],
      [{ ...good, exp: now + 3600, jti: jti() }, /lifetime/],
      [{ ...good }, /jti/],
      [{ ...good, jti: jti() }, /kid/, new Uint8Array(randomBytes(32))],
    ];
    for (const [claims, why, otherSeed] of refused) {
      const st = await statusOf(append(token(otherSeed ?? seed, claims)));
      assert.equal(st.code, Code.PermissionDenied, st.details);
      assert.match(st.details, why);
    }
    const stranger = generateKeyPairSync("ed25519");
    const kid = toHex(ed25519KeyFromSeed(seed).keyId);
    const forged = mintIdToken({ kid, key: stranger.privateKey }, "EdDSA", { ...good, jti: jti() });
    assert.match((await statusOf(append(forged))).details, /bad signature/);
  });
});

describe("a log that does not trust the AS's key", () => {
  test("enrollment fails with UNAVAILABLE and nothing is issued, stored or consumed", async () => {
    const s = await startStack({ signed: { keylogTrustsAs: false } });
    try {
      const code = await s.mintCode("yan");
      const keys = clientKeys();
      const st = await statusOf(s.client.enroll(enrollRequest("yan", "y1", keys, { enrollmentCode: code })));
      assert.equal(st.code, Code.Unavailable);
      assert.deepEqual(await s.auth.context.store.clients("yan"), []);
      const codeKey = await readOrCreateSecret(join(s.dir, "auth", "code-key"), "AUTH_CODE_KEY_FILE");
      const { codeId } = openEnrollmentCode(codeKey, code, Math.floor(Date.now() / 1000));
      assert.equal(await s.auth.context.store.codeUsed(codeId), false, "the code was not consumed");
      assert.equal(s.keylog.context.sequencer.latest.size, 0, "the log holds nothing");
    } finally {
      await s.stop();
    }
  });
});
