/**
 * `interop-server`: serves Parley's harness by default and refuses an unknown `--impl` with usage exit code 2
 * (`--impl ts-mls` selects the other entry of the same table, HARNESS_IMPLEMENTATIONS).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { connectEndpoint } from "../src/driver/endpoint.js";

const CLI = fileURLToPath(new URL("../src/cli/server.ts", import.meta.url));

function start(args: readonly string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, INTEROP_LOG_LEVEL: "error" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return { child, out: () => stdout, err: () => stderr };
}

/** Waits until the server prints its address, then returns it. */
async function listening(p: ReturnType<typeof start>): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const m = /listening on (\S+)/.exec(p.out());
    if (m?.[1] !== undefined) return m[1];
    if (p.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`server did not start: ${p.err()}`);
}

test("interop-server serves Parley's harness by default", async () => {
  const p = start(["--port", "0"]);
  try {
    const endpoint = await connectEndpoint(await listening(p), 0);
    endpoint.client.$close();
    assert.match(endpoint.name, /^Parley @parley\/mls/);
  } finally {
    p.child.kill("SIGTERM");
    await once(p.child, "exit");
  }
});

test("interop-server refuses an unknown --impl with exit code 2", async () => {
  const p = start(["--port", "0", "--impl", "openmls"]);
  const [code] = (await once(p.child, "exit")) as [number | null];
  assert.equal(code, 2);
  assert.match(p.err(), /--impl must be one of parley, ts-mls \(got openmls\)/);
});
