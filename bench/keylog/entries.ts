import { sampleEntry } from "../../services/keylog/test/fixtures.js";

/**
 * Cheap unique 200-byte key-binding entries for load: a small pool of encoded fixtures, each use
 * stamping a running counter into bytes 4..7 of the entry's Ed25519 key (zero in the fixture),
 * which keeps the entry valid and makes every leaf unique.
 */
export class EntrySource {
  private readonly pool: { entry: Uint8Array; keyAt: number }[];

  constructor(private next: number) {
    this.pool = Array.from({ length: 1024 }, (_, i) => {
      const entry = sampleEntry(next + i, 200);
      const key = new Uint8Array(32);
      new DataView(key.buffer).setUint32(0, next + i);
      const keyAt = Buffer.from(entry).indexOf(Buffer.from(key));
      if (keyAt < 0) throw new Error("fixture entry has no recognisable key");
      return { entry, keyAt };
    });
  }

  take(n: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const slot = this.pool[this.next % this.pool.length];
      if (slot === undefined) throw new Error("empty entry pool");
      const e = slot.entry.slice();
      new DataView(e.buffer).setUint32(slot.keyAt + 4, this.next++);
      out.push(e);
    }
    return out;
  }
}
