import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { CredentialType } from "../src/codec/index.js";
import type { Credential } from "../src/codec/index.js";
import {
  basicCredential,
  basicCredentialValidator,
  credentialValidatorByType,
  runCredentialValidator,
} from "../src/credential/index.js";
import type { CredentialContext } from "../src/credential/index.js";
import { UsageError, ValidationError } from "../src/errors.js";

const utf8 = new TextEncoder();
const KEY = Uint8Array.of(1, 2, 3);
const CONTEXT: CredentialContext = {
  use: "key_package",
  cipherSuite: 1,
  now: new Date("2025-01-01T00:00:00Z"),
};
const alice = basicCredential(utf8.encode("alice"));
const x509: Credential = {
  credentialType: CredentialType.x509,
  certificates: [{ certData: Uint8Array.of(0x30) }],
};
const custom: Credential = { credentialType: 0xf000, credentialData: Uint8Array.of(1) };

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

test("basicCredentialValidator accepts any basic credential when no policy is given", () => {
  basicCredentialValidator()(alice, KEY, CONTEXT);
  basicCredentialValidator()(basicCredential(new Uint8Array(0)), KEY, CONTEXT);
});

test("CRED-2: the allow policy sees identity, key and context, and can reject", () => {
  const calls: unknown[] = [];
  const validate = basicCredentialValidator({
    allow: (identity, key, context) => {
      calls.push(context.use);
      return bytesEqual(identity, utf8.encode("alice")) && bytesEqual(key, KEY);
    },
  });
  validate(alice, KEY, CONTEXT);
  rejects(() => validate(basicCredential(utf8.encode("mallory")), KEY, CONTEXT), "CRED-2");
  rejects(() => validate(alice, Uint8Array.of(9), CONTEXT), "CRED-2");
  assert.deepEqual(calls, ["key_package", "key_package", "key_package"]);
});

test("CRED-1: the basic validator refuses other credential types", () => {
  rejects(() => basicCredentialValidator()(x509, KEY, CONTEXT), "CRED-1");
  rejects(() => basicCredentialValidator()(custom, KEY, CONTEXT), "CRED-1");
});

test("CRED-1: credentialValidatorByType dispatches by type and refuses types without a validator", () => {
  const seen: number[] = [];
  const validate = credentialValidatorByType({
    [CredentialType.basic]: basicCredentialValidator(),
    [0xf000]: (c) => void seen.push(c.credentialType),
  });
  validate(alice, KEY, CONTEXT);
  validate(custom, KEY, CONTEXT);
  assert.deepEqual(seen, [0xf000]);
  rejects(() => validate(x509, KEY, CONTEXT), "CRED-1");
});

test("runCredentialValidator passes library errors through and turns other errors into CRED-2", () => {
  const usage = new UsageError("misconfigured");
  assert.throws(
    () =>
      runCredentialValidator(
        () => {
          throw usage;
        },
        alice,
        KEY,
        CONTEXT,
      ),
    (e: unknown) => e === usage,
  );
  const plain = new TypeError("secret detail");
  assert.throws(
    () =>
      runCredentialValidator(
        () => {
          throw plain;
        },
        alice,
        KEY,
        CONTEXT,
      ),
    (e: unknown) =>
      e instanceof ValidationError &&
      e.rule === "CRED-2" &&
      e.cause === plain &&
      !e.message.includes("secret"),
  );
});
