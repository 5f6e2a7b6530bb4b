/**
 * Claiming (RFC 9750 §5.1): "The DS is responsible for ensuring that each KeyPackage is only used to
 * add its client to a single group, with the possible exception of a 'last resort' KeyPackage".
 *
 * A claim holds the locks of all its clients (sorted, see client-locks.ts), reads each client's
 * soonest-expiring unexpired KeyPackage of the suite, and deletes every one it hands out in a single
 * write that also records each handed-out ref for Welcome routing. The locks are released only after
 * that write, so no other claim can read a KeyPackage this one is handing out.
 */
import { Code, ServiceError } from "@parley/kit";
import { ClaimStatus } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { del, put, type DirectoryOp } from "../store/db.js";
import type { DirectoryStore } from "../store/directory-store.js";
import {
  clientBytes,
  expiryKey,
  lastResortKey,
  routeKey,
  storedKey,
  type ClientName,
  type UnixSeconds,
} from "../store/keys.js";
import { encodeLastResortRecord, encodeRouteRecord } from "../store/records.js";

export interface ClaimOutcome {
  readonly client: ClientName;
  readonly status: ClaimStatus;
  readonly keyPackage?: Uint8Array;
  readonly ref?: Uint8Array;
  /** For NO_COMPATIBLE_CIPHER_SUITE: the suites the client has published. */
  readonly publishedSuites: readonly number[];
}

function routeOps(ref: Uint8Array, expiresAt: UnixSeconds, client: ClientName, lastResort: boolean) {
  const key = routeKey(ref);
  return [
    put(key, encodeRouteRecord({ lastResort, expiresAt, client })),
    put(expiryKey(expiresAt, key), new Uint8Array()),
  ];
}

/** One client's claim; appends its writes to `ops`. The caller holds the client's lock. */
async function claimOne(
  store: DirectoryStore,
  client: ClientName,
  suite: number,
  now: UnixSeconds,
  ops: DirectoryOp[],
): Promise<ClaimOutcome | undefined> {
  const bytes = clientBytes(client);
  const record = await store.getClient(bytes);
  if (record === undefined) return undefined;
  const found = await store.firstUnexpired(bytes, suite, now);
  if (found !== undefined) {
    ops.push(del(found.key), del(expiryKey(found.expiresAt, found.key)), del(storedKey(found.ref)));
    ops.push(...routeOps(found.ref, found.expiresAt, client, false));
    const status = ClaimStatus.CLAIMED;
    return { client, status, keyPackage: found.keyPackage, ref: found.ref, publishedSuites: [] };
  }
  const lastResort = await store.getLastResort(bytes, suite);
  if (lastResort !== undefined && lastResort.expiresAt >= now) {
    if (!lastResort.used) {
      ops.push(put(lastResortKey(bytes, suite), encodeLastResortRecord({ ...lastResort, used: true })));
    }
    ops.push(...routeOps(lastResort.ref, lastResort.expiresAt, client, true));
    const status = ClaimStatus.LAST_RESORT;
    return { client, status, keyPackage: lastResort.keyPackage, ref: lastResort.ref, publishedSuites: [] };
  }
  const status = record.suites.includes(suite)
    ? ClaimStatus.EXHAUSTED
    : ClaimStatus.NO_COMPATIBLE_CIPHER_SUITE;
  return { client, status, publishedSuites: status === ClaimStatus.EXHAUSTED ? [] : record.suites };
}

function unknownClient(c: ClientName): ServiceError {
  return new ServiceError(Code.NotFound, `no client of user '${c.userId}' has this client_id`);
}

/**
 * Claims for `clients` atomically: all outcomes are decided and written together, or, when a
 * named client is unknown, nothing is claimed (`strict`); otherwise unknown clients (removed since
 * a user's clients were listed) are left out.
 */
export async function claimKeyPackages(
  store: DirectoryStore,
  clients: readonly ClientName[],
  suite: number,
  now: UnixSeconds,
  strict: boolean,
): Promise<ClaimOutcome[]> {
  return store.withClients(clients.map(clientBytes), async () => {
    const ops: DirectoryOp[] = [];
    const outcomes: ClaimOutcome[] = [];
    for (const client of clients) {
      const outcome = await claimOne(store, client, suite, now, ops);
      if (outcome !== undefined) outcomes.push(outcome);
      else if (strict) throw unknownClient(client);
    }
    await store.write(ops);
    return outcomes;
  });
}
