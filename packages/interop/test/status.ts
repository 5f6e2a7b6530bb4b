/**
 * Assertions on gRPC statuses returned by a harness: the call must fail with this code and a message
 * matching this pattern.
 */
import assert from "node:assert/strict";
import type { Code } from "@parley/kit";

export async function status(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; details: string };
  }
  assert.fail("call succeeded but should have failed");
}

export async function rejects(p: Promise<unknown>, code: Code, pattern: RegExp): Promise<void> {
  const s = await status(p);
  assert.equal(s.code, code, s.details);
  assert.match(s.details, pattern);
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
