/**
 * Stores a caller's checked uploads as one atomic write, holding the caller's client lock so the
 * "already stored / already handed out / quota / one last resort per suite" decisions and the write
 * see the same state. Results keep the request's order.
 */
import { toHex } from "@parley/codec";
import type { VerifiedClient } from "@parley/identity";
import { RejectReason } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { del, put, type DirectoryOp } from "../store/db.js";
import type { DirectoryStore } from "../store/directory-store.js";
import {
  clientBytes,
  clientKey,
  expiryKey,
  keyPackageKey,
  lastResortKey,
  storedKey,
  type UnixSeconds,
} from "../store/keys.js";
import { encodeClientRecord, encodeLastResortRecord, encodeStoredLocation } from "../store/records.js";
import type { AcceptedUpload, CheckedUpload } from "./check-upload.js";

export interface StoredResult {
  readonly upload: CheckedUpload;
  /** Accepted and already stored (this request or before): nothing new was written. */
  readonly alreadyStored: boolean;
  /** Set when an accepted upload is refused at storing time. */
  readonly refusal?: { reason: RejectReason; message: string };
}

export interface StoreOutcome {
  readonly results: StoredResult[];
  readonly storedOneTime: number;
  /** Change in the number of stored last-resort KeyPackages (a replacement changes nothing). */
  readonly lastResortDelta: number;
}

interface Plan {
  readonly ops: DirectoryOp[];
  readonly seen: Set<string>;
  readonly lastResortSuites: Set<number>;
  readonly suites: Set<number>;
  unexpired: number;
  storedOneTime: number;
  lastResortDelta: number;
}

async function storeOne(
  store: DirectoryStore,
  client: Uint8Array,
  caller: VerifiedClient,
  up: AcceptedUpload,
  plan: Plan,
  maxStored: number,
): Promise<StoredResult> {
  const refHex = toHex(up.ref);
  if (plan.seen.has(refHex) || (await store.getStored(up.ref)) !== undefined) {
    plan.seen.add(refHex);
    return { upload: up, alreadyStored: true };
  }
  // RFC 9420 §16.8 / RFC 9750 §5.1: a KeyPackage is used once; storing it again after a claim
  // would let it add its client to a second group.
  if ((await store.getRoute(up.ref)) !== undefined) {
    const message = "this KeyPackage was already handed out and cannot be published again";
    return { upload: up, alreadyStored: false, refusal: { reason: RejectReason.ALREADY_CLAIMED, message } };
  }
  if (up.lastResort) {
    if (plan.lastResortSuites.has(up.suite)) {
      const message = `a second last-resort KeyPackage of suite ${up.suite} in one request`;
      return {
        upload: up,
        alreadyStored: false,
        refusal: { reason: RejectReason.DUPLICATE_LAST_RESORT, message },
      };
    }
    plan.lastResortSuites.add(up.suite);
    await replaceLastResort(store, client, up, plan);
  } else {
    if (plan.unexpired >= maxStored) {
      const message = `the client already stores ${maxStored} KeyPackages, the most allowed`;
      return { upload: up, alreadyStored: false, refusal: { reason: RejectReason.QUOTA_EXCEEDED, message } };
    }
    const key = keyPackageKey(client, up.suite, up.expiresAt, up.ref);
    plan.ops.push(put(key, up.message), put(expiryKey(up.expiresAt, key), new Uint8Array()));
    plan.unexpired++;
    plan.storedOneTime++;
  }
  const location = { lastResort: up.lastResort, suite: up.suite, expiresAt: up.expiresAt, client: caller };
  plan.ops.push(put(storedKey(up.ref), encodeStoredLocation(location)));
  plan.seen.add(refHex);
  plan.suites.add(up.suite);
  return { upload: up, alreadyStored: false };
}

/** RFC 9750 §5.1 "Rotate last resort KeyPackages": a new one replaces the suite's previous one. */
async function replaceLastResort(
  store: DirectoryStore,
  client: Uint8Array,
  up: AcceptedUpload,
  plan: Plan,
): Promise<void> {
  const key = lastResortKey(client, up.suite);
  const old = await store.getLastResort(client, up.suite);
  if (old === undefined) plan.lastResortDelta++;
  else plan.ops.push(del(storedKey(old.ref)), del(expiryKey(old.expiresAt, key)));
  const record = { ref: up.ref, expiresAt: up.expiresAt, used: false, keyPackage: up.message };
  plan.ops.push(
    put(key, encodeLastResortRecord(record)),
    put(expiryKey(up.expiresAt, key), new Uint8Array()),
  );
}

/** Creates or extends the client record: its suites and its life until the credential's expiry. */
async function updateClient(
  store: DirectoryStore,
  client: Uint8Array,
  caller: VerifiedClient,
  plan: Plan,
): Promise<void> {
  if (plan.suites.size === 0) return;
  const key = clientKey(client);
  const old = await store.getClient(client);
  const suites = new Set([...(old?.suites ?? []), ...plan.suites]);
  const expiresAt: UnixSeconds = Math.max(old?.expiresAt ?? 0, caller.notAfter - 1);
  if (old !== undefined && old.expiresAt === expiresAt && suites.size === old.suites.length) return;
  if (old !== undefined) plan.ops.push(del(expiryKey(old.expiresAt, key)));
  const record = { expiresAt, suites: [...suites].sort((a, b) => a - b) };
  plan.ops.push(put(key, encodeClientRecord(record)), put(expiryKey(expiresAt, key), new Uint8Array()));
}

/** Stores what passed the checks, in one write; `now` in unix seconds counts the quota. */
export async function storeUploads(
  store: DirectoryStore,
  caller: VerifiedClient,
  uploads: readonly CheckedUpload[],
  maxStored: number,
  now: UnixSeconds,
): Promise<StoreOutcome> {
  const client = clientBytes(caller);
  return store.withClients([client], async () => {
    const plan: Plan = {
      ops: [],
      seen: new Set(),
      lastResortSuites: new Set(),
      suites: new Set(),
      unexpired: (await store.clientKeyPackages(client, now)).length,
      storedOneTime: 0,
      lastResortDelta: 0,
    };
    const results: StoredResult[] = [];
    for (const up of uploads) {
      results.push(
        up.ok
          ? await storeOne(store, client, caller, up, plan, maxStored)
          : { upload: up, alreadyStored: false },
      );
    }
    await updateClient(store, client, caller, plan);
    await store.write(plan.ops);
    return { results, storedOneTime: plan.storedOneTime, lastResortDelta: plan.lastResortDelta };
  });
}
