/**
 * Issue 4 (g): application messages in a group of 10 — one member protects (§6.3 PrivateMessage), another
 * unprotects, as fast as they can for a fixed time. Each round trip counts once; the payload is checked on the
 * first and last message so a group that stopped decrypting cannot report a rate.
 */
import { bytesEqual } from "@parley/codec";
import type { Group } from "@parley/mls";
import { createCreatorGroup, joinWithTree, memberKeyPackage, requireAt, requireWelcome } from "./fixture.js";

const GROUP_SIZE = 10;

function groupOfTen(): { sender: Group; receiver: Group } {
  const sender = createCreatorGroup();
  const kps = Array.from({ length: GROUP_SIZE - 1 }, (_, i) => memberKeyPackage(i));
  const { welcome } = sender.addMembers(
    kps.map((k) => k.keyPackage),
    { ratchetTreeInWelcome: false },
  );
  sender.mergePendingCommit();
  const receiver = joinWithTree(
    requireWelcome(welcome),
    requireAt(kps, 4, "KeyPackage"),
    sender.ratchetTree(),
  );
  return { sender, receiver };
}

function roundTrip(sender: Group, receiver: Group, payload: Uint8Array, check: boolean): void {
  const out = receiver.process(sender.protect(payload));
  if (out.kind !== "application") throw new Error(`expected application data, got a ${out.kind} message`);
  if (check && !bytesEqual(out.data, payload)) throw new Error("application data came back altered");
}

/** Round trips per second of wall time, and per second of the process's CPU time (the load-independent one). */
export interface MessageRate {
  readonly wall: number;
  readonly cpu: number;
}

/** Protect+unprotect round trips per second at `size` bytes, over about `durationMs` of wall time. */
export function appMessagesPerSecond(size: number, durationMs: number): MessageRate {
  const { sender, receiver } = groupOfTen();
  const payload = new Uint8Array(size).map((_, i) => i & 0xff);
  roundTrip(sender, receiver, payload, true);
  let n = 0;
  let batch = 1;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < batch; i++) roundTrip(sender, receiver, payload, false);
    n += batch;
    elapsed = performance.now() - start;
    if (elapsed < durationMs / 20) batch *= 2;
  }
  const cpu = process.cpuUsage(cpu0);
  roundTrip(sender, receiver, payload, true);
  return { wall: n / (elapsed / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}
