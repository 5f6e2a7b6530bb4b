/**
 * The directory's storage: reads over the key space of keys.ts, and the single write path
 * (a {@link BatchWriter}) every mutation goes through. Mutations themselves live with their RPCs
 * (publish/, claim/, …); they read here while holding their clients' locks and write one unit.
 */
import { decode, toHex } from "@parley/codec";
import { BatchWriter } from "./batch-writer.js";
import { ClientLocks } from "./client-locks.js";
import { openDirectoryDb, type DirectoryDb, type DirectoryOp } from "./db.js";
import {
  TAG_KEY_PACKAGE,
  TAG_LAST_RESORT,
  clientKey,
  clientKeyPackagesPrefix,
  clientLastResortPrefix,
  lastResortKey,
  parseKeyPackageKey,
  prefixEnd,
  routeKey,
  storedKey,
  unexpiredRange,
  userClientsPrefix,
  type ClientName,
  type UnixSeconds,
} from "./keys.js";
import {
  decodeClientRecord,
  decodeLastResortRecord,
  decodeRouteRecord,
  decodeStoredLocation,
  type ClientRecord,
  type LastResortRecord,
  type RouteRecord,
  type StoredLocation,
} from "./records.js";

/** A one-time KeyPackage as stored: its key (to delete it), suite, expiry, ref and bytes. */
export interface StoredKeyPackage {
  readonly key: Uint8Array;
  readonly suite: number;
  readonly expiresAt: UnixSeconds;
  readonly ref: Uint8Array;
  readonly keyPackage: Uint8Array;
}

export class DirectoryStore {
  readonly locks = new ClientLocks();
  private readonly writer: BatchWriter;

  private constructor(
    readonly db: DirectoryDb,
    sync: boolean,
  ) {
    this.writer = new BatchWriter(db, sync);
  }

  static async open(path: string, sync: boolean): Promise<DirectoryStore> {
    return new DirectoryStore(await openDirectoryDb(path), sync);
  }

  /** Writes one mutation atomically (group-committed with concurrent ones). */
  write(ops: readonly DirectoryOp[]): Promise<void> {
    return this.writer.write(ops);
  }

  /** Runs `fn` holding the locks of these clients (see client-locks.ts). */
  withClients<T>(clients: readonly Uint8Array[], fn: () => Promise<T>): Promise<T> {
    return this.locks.with(clients.map(toHex), fn);
  }

  async getClient(client: Uint8Array): Promise<ClientRecord | undefined> {
    const v = await this.db.get(clientKey(client));
    return v === undefined ? undefined : decodeClientRecord(v);
  }

  /** Every known client of a user, in client_id byte order. */
  async listUserClients(userId: string): Promise<ClientName[]> {
    const prefix = userClientsPrefix(userId);
    const out: ClientName[] = [];
    for await (const key of this.db.keys({ gte: prefix, lt: prefixEnd(prefix) })) {
      // 'c' ‖ opaque user ‖ opaque client_id: the client_id is the rest after the user prefix.
      const clientId = key.subarray(prefix.length);
      out.push({ userId, clientId: readClientId(clientId) });
    }
    return out;
  }

  /** The unexpired one-time KeyPackage of a client and suite that expires first. */
  async firstUnexpired(client: Uint8Array, suite: number, now: UnixSeconds) {
    const prefixLength = 1 + client.length;
    for await (const [key, value] of this.db.iterator({ ...unexpiredRange(client, suite, now), limit: 1 })) {
      const parsed = parseKeyPackageKey(key, prefixLength);
      return { key, keyPackage: value, ...parsed } satisfies StoredKeyPackage;
    }
    return undefined;
  }

  /** Keys of every one-time KeyPackage of a client, parsed; `now` filters out the expired ones. */
  async clientKeyPackages(client: Uint8Array, now?: UnixSeconds) {
    const prefix = clientKeyPackagesPrefix(client);
    const out: { key: Uint8Array; suite: number; expiresAt: UnixSeconds; ref: Uint8Array }[] = [];
    for await (const key of this.db.keys({ gte: prefix, lt: prefixEnd(prefix) })) {
      const parsed = parseKeyPackageKey(key, prefix.length);
      if (now === undefined || parsed.expiresAt >= now) out.push({ key, ...parsed });
    }
    return out;
  }

  async getLastResort(client: Uint8Array, suite: number): Promise<LastResortRecord | undefined> {
    const v = await this.db.get(lastResortKey(client, suite));
    return v === undefined ? undefined : decodeLastResortRecord(v);
  }

  /** Every last-resort record of a client, with its suite. */
  async clientLastResorts(client: Uint8Array) {
    const prefix = clientLastResortPrefix(client);
    const out: { suite: number; record: LastResortRecord }[] = [];
    for await (const [key, value] of this.db.iterator({ gte: prefix, lt: prefixEnd(prefix) })) {
      const suite = new DataView(key.buffer, key.byteOffset).getUint16(prefix.length);
      out.push({ suite, record: decodeLastResortRecord(value) });
    }
    return out;
  }

  async getStored(ref: Uint8Array): Promise<StoredLocation | undefined> {
    const v = await this.db.get(storedKey(ref));
    return v === undefined ? undefined : decodeStoredLocation(v);
  }

  async getRoute(ref: Uint8Array): Promise<RouteRecord | undefined> {
    const v = await this.db.get(routeKey(ref));
    return v === undefined ? undefined : decodeRouteRecord(v);
  }

  /** Stored one-time and last-resort KeyPackages, expired or not (the gauges' starting values). */
  async countStored(): Promise<{ oneTime: number; lastResort: number }> {
    const count = async (tag: number): Promise<number> => {
      let n = 0;
      for await (const _ of this.db.keys({ gte: Uint8Array.of(tag), lt: Uint8Array.of(tag + 1) })) n++;
      return n;
    };
    return { oneTime: await count(TAG_KEY_PACKAGE), lastResort: await count(TAG_LAST_RESORT) };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The client_id of a client key's tail `opaque client_id<V>`. */
function readClientId(tail: Uint8Array): Uint8Array {
  return decode(tail, (r) => r.opaque("client key client_id").slice(), "client key");
}
