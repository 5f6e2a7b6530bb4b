/**
 * A bounded LRU of full (immutable) expanded tiles. A Map keeps insertion order, so re-inserting
 * on hit makes the first key the least recently used.
 */
export class TileCache {
  private readonly map = new Map<string, Uint8Array>();

  constructor(private readonly capacity: number) {}

  static key(level: number, index: number): string {
    return `${level}/${index}`;
  }

  get(key: string): Uint8Array | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: Uint8Array): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }
}
