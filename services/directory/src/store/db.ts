import { Level } from "level";

/** Binary keys and values throughout; see keys.ts for the key space. */
export type DirectoryDb = Level<Uint8Array, Uint8Array>;

export type DirectoryOp =
  | { readonly type: "put"; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: Uint8Array };

export async function openDirectoryDb(path: string): Promise<DirectoryDb> {
  const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  return db;
}

export function put(key: Uint8Array, value: Uint8Array): DirectoryOp {
  return { type: "put", key, value };
}

export function del(key: Uint8Array): DirectoryOp {
  return { type: "del", key };
}
