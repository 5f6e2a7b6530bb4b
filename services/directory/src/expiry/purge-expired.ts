/**
 * Expiry. Claims already skip expired KeyPackages (their key range starts at "now"); the purger
 * deletes them, forgets Welcome routes when the KeyPackage's lifetime ends, and forgets clients
 * whose credential has expired, walking the expiry index ('x' keys, see keys.ts) in key order.
 *
 * Deletions of a client's keys take that client's lock and re-check the index entry under it, so
 * a purge never races a claim or publish of the same client into a double delete or a lost write.
 */
import { Reader, toHex } from "@parley/codec";
import { del, type DirectoryOp } from "../store/db.js";
import type { DirectoryStore } from "../store/directory-store.js";
import {
  TAG_CLIENT,
  TAG_KEY_PACKAGE,
  TAG_LAST_RESORT,
  TAG_ROUTE,
  expiredRange,
  parseExpiryKey,
  storedKey,
  type UnixSeconds,
} from "../store/keys.js";
import { decodeLastResortRecord } from "../store/records.js";

export interface PurgeCounts {
  oneTime: number;
  lastResort: number;
  routes: number;
  clients: number;
}

const CHUNK = 1024;

/** The `client` bytes right after a key's tag (every client-owned key starts 'tag ‖ client'). */
function clientOf(target: Uint8Array): Uint8Array {
  const r = new Reader(target.subarray(1));
  r.opaque("user_id");
  r.opaque("client_id");
  return target.slice(1, 1 + r.offset);
}

/** Deletes one client's expired keys (already re-checked under its lock). */
async function purgeClientKeys(
  store: DirectoryStore,
  entries: readonly { index: Uint8Array; target: Uint8Array }[],
  counts: PurgeCounts,
): Promise<void> {
  const ops: DirectoryOp[] = [];
  for (const { index, target } of entries) {
    if ((await store.db.get(index)) === undefined) continue;
    ops.push(del(index), del(target));
    const tag = target[0];
    if (tag === TAG_KEY_PACKAGE) {
      const ref = target.subarray(1 + clientOf(target).length + 10);
      ops.push(del(storedKey(ref)));
      counts.oneTime++;
    } else if (tag === TAG_LAST_RESORT) {
      const value = await store.db.get(target);
      if (value !== undefined) ops.push(del(storedKey(decodeLastResortRecord(value).ref)));
      counts.lastResort++;
    } else if (tag === TAG_CLIENT) {
      counts.clients++;
    }
  }
  await store.write(ops);
}

async function purgeChunk(store: DirectoryStore, now: UnixSeconds, counts: PurgeCounts): Promise<number> {
  const byClient = new Map<
    string,
    { client: Uint8Array; entries: { index: Uint8Array; target: Uint8Array }[] }
  >();
  const routeOps: DirectoryOp[] = [];
  let seen = 0;
  for await (const index of store.db.keys({ ...expiredRange(now), limit: CHUNK })) {
    seen++;
    const { target } = parseExpiryKey(index);
    if (target[0] === TAG_ROUTE) {
      // Routes are written only by claims, and only for KeyPackages that had not yet expired.
      routeOps.push(del(index), del(target));
      counts.routes++;
      continue;
    }
    const client = clientOf(target);
    const hex = toHex(client);
    const group = byClient.get(hex) ?? { client, entries: [] };
    group.entries.push({ index, target });
    byClient.set(hex, group);
  }
  await store.write(routeOps);
  for (const { client, entries } of byClient.values()) {
    await store.withClients([client], () => purgeClientKeys(store, entries, counts));
  }
  return seen;
}

/** Deletes everything whose life ended before `now`; returns what it deleted. */
export async function purgeExpired(store: DirectoryStore, now: UnixSeconds): Promise<PurgeCounts> {
  const counts: PurgeCounts = { oneTime: 0, lastResort: 0, routes: 0, clients: 0 };
  while ((await purgeChunk(store, now, counts)) > 0);
  return counts;
}
