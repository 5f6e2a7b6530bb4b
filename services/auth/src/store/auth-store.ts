/**
 * The AS's own records in one `level` database: each enrolled client (its credential and the log
 * index of its binding, and of its revocation once revoked) and each redeemed enrollment code.
 * The key log is the public record; this store only indexes it by user for ListClients and
 * RevokeClient and enforces one-time codes.
 *
 * | key | value |
 * |---|---|
 * | `'c' ‖ opaque(user_id) ‖ opaque(client_id)` | ClientRecord (JSON) |
 * | `'u' ‖ code_id` | expiry, seconds (decimal text) |
 */
import { encode, fromHex, toHex } from "@parley/codec";
import { Level } from "level";

export interface ClientRecord {
  readonly clientId: Uint8Array;
  readonly signatureScheme: number;
  readonly signatureKey: Uint8Array;
  readonly credential: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  /** The KeyBinding entry, exactly as logged, and its index. */
  readonly entry: Uint8Array;
  readonly logIndex: number;
  readonly revokedAt?: number;
  readonly revocationIndex?: number;
}

interface StoredRecord {
  clientId: string;
  signatureScheme: number;
  signatureKey: string;
  credential: string;
  notBefore: number;
  notAfter: number;
  entry: string;
  logIndex: number;
  revokedAt?: number;
  revocationIndex?: number;
}

const te = new TextEncoder();

function userPrefix(userId: string): Uint8Array {
  return encode(userId, (w, u) => w.u8(0x63).opaque(te.encode(u)));
}

function clientKey(userId: string, clientId: Uint8Array): Uint8Array {
  return encode(0, (w) => w.bytes(userPrefix(userId)).opaque(clientId));
}

function codeKey(codeId: string): Uint8Array {
  return encode(0, (w) => w.u8(0x75).bytes(fromHex(codeId)));
}

/** A redeemed ID token (hex SHA-256 of the token), kept so a restart does not let it enroll again. */
function tokenKey(tokenHash: string): Uint8Array {
  return encode(0, (w) => w.u8(0x74).bytes(fromHex(tokenHash)));
}

function toStored(r: ClientRecord): string {
  const s: StoredRecord = {
    clientId: toHex(r.clientId),
    signatureScheme: r.signatureScheme,
    signatureKey: toHex(r.signatureKey),
    credential: toHex(r.credential),
    notBefore: r.notBefore,
    notAfter: r.notAfter,
    entry: toHex(r.entry),
    logIndex: r.logIndex,
    ...(r.revokedAt === undefined ? {} : { revokedAt: r.revokedAt }),
    ...(r.revocationIndex === undefined ? {} : { revocationIndex: r.revocationIndex }),
  };
  return JSON.stringify(s);
}

function fromStored(text: string): ClientRecord {
  const s = JSON.parse(text) as StoredRecord;
  return {
    clientId: fromHex(s.clientId),
    signatureScheme: s.signatureScheme,
    signatureKey: fromHex(s.signatureKey),
    credential: fromHex(s.credential),
    notBefore: s.notBefore,
    notAfter: s.notAfter,
    entry: fromHex(s.entry),
    logIndex: s.logIndex,
    ...(s.revokedAt === undefined ? {} : { revokedAt: s.revokedAt }),
    ...(s.revocationIndex === undefined ? {} : { revocationIndex: s.revocationIndex }),
  };
}

export class AuthStore {
  private constructor(private readonly db: Level<Uint8Array, string>) {}

  static async open(path: string): Promise<AuthStore> {
    const db = new Level<Uint8Array, string>(path, { keyEncoding: "view", valueEncoding: "utf8" });
    await db.open();
    return new AuthStore(db);
  }

  async client(userId: string, clientId: Uint8Array): Promise<ClientRecord | undefined> {
    const text = await this.db.get(clientKey(userId, clientId));
    return text === undefined ? undefined : fromStored(text);
  }

  async clients(userId: string): Promise<ClientRecord[]> {
    const prefix = userPrefix(userId);
    const end = prefix.slice();
    end[end.length - 1] = (end[end.length - 1] ?? 0) + 1;
    const out: ClientRecord[] = [];
    for await (const value of this.db.values({ gte: prefix, lt: end })) out.push(fromStored(value));
    return out;
  }

  async codeUsed(codeId: string): Promise<boolean> {
    return (await this.db.get(codeKey(codeId))) !== undefined;
  }

  async tokenUsed(tokenHash: string): Promise<boolean> {
    return (await this.db.get(tokenKey(tokenHash))) !== undefined;
  }

  /**
   * The client record and the redemption of its identity proof (an enrollment code or an ID token)
   * land together, or neither does.
   */
  async saveEnrollment(
    userId: string,
    record: ClientRecord,
    code?: { codeId: string; expiresAt: number },
    token?: { tokenHash: string; expiresAt: number },
  ): Promise<void> {
    const batch = this.db.batch().put(clientKey(userId, record.clientId), toStored(record));
    if (code !== undefined) batch.put(codeKey(code.codeId), String(code.expiresAt));
    if (token !== undefined) batch.put(tokenKey(token.tokenHash), String(token.expiresAt));
    await batch.write({ sync: true });
  }

  async saveClient(userId: string, record: ClientRecord): Promise<void> {
    await this.db.put(clientKey(userId, record.clientId), toStored(record), { sync: true });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
