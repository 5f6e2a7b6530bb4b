import { Level } from "level";

/** Binary keys and values throughout; see keys.ts for the key space. */
export type LogDb = Level<Uint8Array, Uint8Array>;

export async function openLogDb(path: string): Promise<LogDb> {
  const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  return db;
}
