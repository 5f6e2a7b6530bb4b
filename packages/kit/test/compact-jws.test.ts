import assert from "node:assert/strict";
import { generateKeyPairSync, verify } from "node:crypto";
import { test } from "node:test";
import { audienceIncludes, decodeJsonSegment, signEdDsaJws, splitCompactJws } from "../src/index.js";

const b64 = (text: string) => Buffer.from(text).toString("base64url");

test("signEdDsaJws output splits back into a header, claims and a verifying signature", () => {
  const pair = generateKeyPairSync("ed25519");
  const token = signEdDsaJws({ kid: "k1", alg: "none" }, { aud: "keylog", n: 1 }, pair.privateKey);
  const jws = splitCompactJws(token);
  assert.ok(jws !== undefined);
  assert.deepEqual(decodeJsonSegment(jws.header), { kid: "k1", alg: "EdDSA" });
  assert.deepEqual(decodeJsonSegment(jws.payload), { aud: "keylog", n: 1 });
  assert.equal(jws.signingInput.toString("ascii"), token.slice(0, token.lastIndexOf(".")));
  assert.ok(verify(null, jws.signingInput, pair.publicKey, jws.signature));
  const other = generateKeyPairSync("ed25519");
  assert.equal(verify(null, jws.signingInput, other.publicKey, jws.signature), false);
});

test("splitCompactJws refuses anything but three base64url segments", () => {
  const h = b64("{}");
  for (const bad of [
    "",
    h,
    `${h}.${h}`,
    `${h}.${h}.${h}.${h}`,
    `${h}..${h}`,
    `${h}.${h}.`,
    `${h}=.${h}.${h}`,
  ]) {
    assert.equal(splitCompactJws(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(splitCompactJws(`${h}.${h}.a+b/`), undefined, "standard base64 is not base64url");
  assert.notEqual(splitCompactJws(`${h}.${h}.${h}`), undefined);
});

test("decodeJsonSegment accepts only a JSON object", () => {
  assert.deepEqual(decodeJsonSegment(b64('{"a":[1]}')), { a: [1] });
  for (const bad of ["[]", "null", "1", '"text"', "{", "not json"]) {
    assert.equal(decodeJsonSegment(b64(bad)), undefined, bad);
  }
});

test("audienceIncludes reads aud as one string or an array of them", () => {
  assert.equal(audienceIncludes("keylog", "keylog"), true);
  assert.equal(audienceIncludes(["auth", "keylog"], "keylog"), true);
  assert.equal(audienceIncludes("directory", "keylog"), false);
  assert.equal(audienceIncludes(["directory"], "keylog"), false);
  assert.equal(audienceIncludes(undefined, "keylog"), false);
  assert.equal(audienceIncludes({ keylog: true }, "keylog"), false);
});
