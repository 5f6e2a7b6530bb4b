/**
 * Deletion by the owner only. A ref stored for another client refuses the whole request
 * (PERMISSION_DENIED) before anything is written; refs not stored at all are reported back, since
 * a KeyPackage claimed or expired a moment ago is an ordinary race, not an error.
 */
import { bytesEqual, toHex } from "@parley/codec";
import { Code, ServiceError } from "@parley/kit";
import { del, type DirectoryOp } from "../store/db.js";
import type { DirectoryStore } from "../store/directory-store.js";
import {
  clientBytes,
  clientKey,
  expiryKey,
  keyPackageKey,
  lastResortKey,
  storedKey,
  type ClientName,
} from "../store/keys.js";

export interface DeleteOutcome {
  readonly deletedOneTime: number;
  readonly deletedLastResort: number;
  readonly notFound: Uint8Array[];
}

function sameClient(a: ClientName, b: ClientName): boolean {
  return a.userId === b.userId && bytesEqual(a.clientId, b.clientId);
}

/** Deletes the owner's KeyPackages named by `refs`, in one write. */
export async function deleteByRefs(
  store: DirectoryStore,
  owner: ClientName,
  refs: readonly Uint8Array[],
): Promise<DeleteOutcome> {
  const client = clientBytes(owner);
  return store.withClients([client], async () => {
    const ops: DirectoryOp[] = [];
    const outcome = { deletedOneTime: 0, deletedLastResort: 0, notFound: [] as Uint8Array[] };
    const seen = new Set<string>();
    for (const [i, ref] of refs.entries()) {
      if (seen.has(toHex(ref))) continue;
      seen.add(toHex(ref));
      const at = await store.getStored(ref);
      if (at === undefined) {
        outcome.notFound.push(ref);
        continue;
      }
      if (!sameClient(at.client, owner)) {
        throw new ServiceError(
          Code.PermissionDenied,
          `key_package_refs[${i}] is another client's KeyPackage`,
        );
      }
      const key = at.lastResort
        ? lastResortKey(client, at.suite)
        : keyPackageKey(client, at.suite, at.expiresAt, ref);
      ops.push(del(key), del(expiryKey(at.expiresAt, key)), del(storedKey(ref)));
      if (at.lastResort) outcome.deletedLastResort++;
      else outcome.deletedOneTime++;
    }
    await store.write(ops);
    return outcome;
  });
}

/** Deletes every KeyPackage of the owner and forgets the client (a retired device). */
export async function deleteAll(store: DirectoryStore, owner: ClientName): Promise<DeleteOutcome> {
  const client = clientBytes(owner);
  return store.withClients([client], async () => {
    const ops: DirectoryOp[] = [];
    const kps = await store.clientKeyPackages(client);
    for (const kp of kps) ops.push(del(kp.key), del(expiryKey(kp.expiresAt, kp.key)), del(storedKey(kp.ref)));
    const lastResorts = await store.clientLastResorts(client);
    for (const { suite, record } of lastResorts) {
      const key = lastResortKey(client, suite);
      ops.push(del(key), del(expiryKey(record.expiresAt, key)), del(storedKey(record.ref)));
    }
    const record = await store.getClient(client);
    if (record !== undefined) {
      ops.push(del(clientKey(client)), del(expiryKey(record.expiresAt, clientKey(client))));
    }
    await store.write(ops);
    return { deletedOneTime: kps.length, deletedLastResort: lastResorts.length, notFound: [] };
  });
}
