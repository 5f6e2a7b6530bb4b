import { ConnectError } from "@connectrpc/connect";
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Code,
  codeName,
  INTERNAL_MESSAGE,
  registerErrorMapping,
  ServiceError,
  toStatus,
} from "../src/index.js";

class FakeCodecError extends Error {}
class StricterCodecError extends FakeCodecError {}

test("toStatus maps every kind of thrown value in one place", () => {
  assert.deepEqual(toStatus(new ServiceError(Code.NotFound, "no such leaf")), {
    code: Code.NotFound,
    message: "no such leaf",
  });
  assert.deepEqual(
    toStatus(new ServiceError(Code.Unavailable, "busy", { details: { "retry-after-ms": "5" } })),
    {
      code: Code.Unavailable,
      message: "busy",
      details: { "retry-after-ms": "5" },
    },
  );
  assert.deepEqual(toStatus(new ConnectError("downstream", Code.Aborted)), {
    code: Code.Aborted,
    message: "downstream",
  });
  const timeout = new Error("t");
  timeout.name = "TimeoutError";
  assert.equal(toStatus(timeout).code, Code.DeadlineExceeded);
  const abort = new Error("a");
  abort.name = "AbortError";
  assert.equal(toStatus(abort).code, Code.Canceled);
  for (const v of [new Error("secret key 0xdead"), "string", 42, undefined, null, { code: 3 }]) {
    assert.deepEqual(toStatus(v), { code: Code.Internal, message: INTERNAL_MESSAGE });
  }
});

test("registered library errors map to their code and keep their message; later registrations win", () => {
  assert.equal(toStatus(new FakeCodecError("truncated varint")).code, Code.Internal);
  registerErrorMapping(FakeCodecError, Code.InvalidArgument);
  assert.deepEqual(toStatus(new FakeCodecError("truncated varint")), {
    code: Code.InvalidArgument,
    message: "truncated varint",
  });
  registerErrorMapping(StricterCodecError, Code.OutOfRange);
  assert.equal(toStatus(new StricterCodecError("x")).code, Code.OutOfRange);
  assert.equal(toStatus(new FakeCodecError("x")).code, Code.InvalidArgument);
});

test("ServiceError refuses detail keys a transport would mangle", () => {
  for (const key of ["Upper", "grpc-status", "trace-bin", "", "has space"]) {
    assert.throws(() => new ServiceError(Code.Internal, "x", { details: { [key]: "v" } }), TypeError);
  }
  const cause = new Error("disk");
  const e = new ServiceError(Code.Unavailable, "try later", { cause });
  assert.equal(e.cause, cause);
  assert.equal(e.code, Code.Unavailable);
});

test("code names follow grpc-go spelling", () => {
  assert.equal(codeName(0), "OK");
  assert.equal(codeName(Code.Canceled), "CANCELLED");
  assert.equal(codeName(Code.InvalidArgument), "INVALID_ARGUMENT");
  assert.equal(codeName(Code.Unauthenticated), "UNAUTHENTICATED");
  assert.equal(codeName(99), "CODE_99");
});
