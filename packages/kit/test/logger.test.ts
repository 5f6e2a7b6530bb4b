import assert from "node:assert/strict";
import { test } from "node:test";
import { createLogger } from "../src/index.js";
import { logSink } from "./echo-fixture.js";

test("one JSON object per line with level filtering, child fields, errors and redacted bytes", () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ service: "keylog", level: "info", stream: logSink(lines) });
  log.debug("hidden");
  log.info("started", { port: 1 });
  const child = log.child({ method: "Append" });
  child.warn("slow", {
    key: new Uint8Array(32),
    n: 5n,
    err: new Error("boom", { cause: new Error("root") }),
  });
  const cyclic: Record<string, unknown> = {};
  cyclic["self"] = cyclic;
  child.error("odd", { cyclic });
  assert.equal(lines.length, 3);
  assert.equal(log.enabled("debug"), false);
  assert.equal(log.enabled("error"), true);
  const [a, b, c] = lines;
  assert.equal(a?.["service"], "keylog");
  assert.equal(a?.["level"], "info");
  assert.equal(a?.["port"], 1);
  assert.ok(typeof a?.["time"] === "string" && !Number.isNaN(Date.parse(a["time"])));
  assert.equal(b?.["method"], "Append");
  assert.equal(b?.["key"], "<32 bytes>");
  assert.equal(b?.["n"], "5");
  assert.match(JSON.stringify(b?.["err"]), /boom.*root/s);
  assert.equal(c?.["logError"], "unserializable fields");
});
