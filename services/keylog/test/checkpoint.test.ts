import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ed25519SignerFromKey, generateEd25519SignerKey, signNote } from "@parley/tlog";
import { nodeEd25519Signer } from "../src/node-ed25519-signer.js";
import { CheckpointWriter } from "../src/sequencer/checkpoint-writer.js";

const ORIGIN = "test.parley/keylog";
const key = generateEd25519SignerKey(ORIGIN);
const signer = ed25519SignerFromKey(key);

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(done(), "condition reached in time");
}

describe("checkpoint writer", () => {
  test("writes in order, skips notes superseded while a write is in flight, and flushes", async () => {
    const puts: string[] = [];
    const gates: (() => void)[] = [];
    const writer = new CheckpointWriter(
      async (note) => {
        puts.push(note);
        await new Promise<void>((release) => gates.push(release));
      },
      () => assert.fail("no error expected"),
    );
    writer.write("a");
    writer.write("b");
    writer.write("c");
    await until(() => gates.length === 1);
    gates[0]?.();
    await until(() => gates.length === 2);
    gates[1]?.();
    await writer.flush();
    assert.deepEqual(puts, ["a", "c"]);
  });

  test("reports a failed write", async () => {
    const errors: unknown[] = [];
    const writer = new CheckpointWriter(
      () => Promise.reject(new Error("read-only")),
      (cause) => errors.push(cause),
    );
    writer.write("a");
    await writer.flush();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /read-only/);
  });
});

describe("node:crypto checkpoint signer", () => {
  test("signs byte-for-byte like @parley/tlog's signer", async () => {
    const fast = nodeEd25519Signer(key);
    assert.equal(fast.verifierKey, signer.verifierKey);
    assert.equal(fast.keyHash, signer.keyHash);
    for (const text of ["", "x", `${ORIGIN}\n42\n${"A".repeat(43)}=\n`]) {
      const m = new TextEncoder().encode(text);
      assert.deepEqual(fast.sign(m), await signer.sign(m));
    }
    const body = `${ORIGIN}\n7\n${"B".repeat(43)}=\n`;
    assert.equal(await signNote(body, [fast]), await signNote(body, [signer]));
  });

  test("refuses a malformed key without echoing it", () => {
    const bad = `PRIVATE+KEY+${ORIGIN}+00000000+c2VjcmV0LXNlY3JldA==`;
    assert.throws(
      () => nodeEd25519Signer(bad),
      (err: unknown) => err instanceof Error && !err.message.includes("c2VjcmV0"),
    );
  });
});
