/**
 * Caches of imported keys. Importing a private key costs as much as the operation it serves or more (PKCS#8
 * DER for signature keys; JWK for X25519/X448, where OpenSSL recomputes the public key), and MLS reuses the
 * same few keys (own signature key, leaf HPKE keys) many times, so imports are cached.
 */
import { createHash } from "node:crypto";
import { bytesEqual } from "@parley/codec";

/** Cache key for public bytes: the bytes themselves as a latin1 string (one char per byte, no hashing). */
export function publicCacheKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/**
 * Cache key for private bytes: a SHA-256 digest, so no immutable (unwipeable) string copy of the secret
 * lingers in the JS heap. The domain prefix keeps it apart from any public-key entry.
 */
export function privateCacheKey(bytes: Uint8Array): string {
  return createHash("sha256").update("parley-mls-private-key\0").update(bytes).digest("base64");
}

/** A bounded least-recently-used map. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Returns the cached value for `key`, creating it with `make` on a miss (a throwing `make` caches nothing). */
  getOrCreate(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Map iteration order is insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return value;
  }
}

/**
 * An imported-key cache: a fast path keyed by the caller's array object (callers pass the same key array
 * again and again), then the bounded LRU keyed by content. The fast path keeps a copy of the bytes and
 * compares it on every hit, so an array the caller has since overwritten can never return a stale key; its
 * entries live only as long as the caller's array does.
 */
export class KeyCache<V> {
  private readonly byArray = new WeakMap<Uint8Array, { bytes: Uint8Array; value: V }>();
  private readonly byContent: LruCache<V>;

  constructor(
    capacity: number,
    private readonly contentKey: (bytes: Uint8Array) => string,
  ) {
    this.byContent = new LruCache<V>(capacity);
  }

  get(bytes: Uint8Array, make: () => V): V {
    const fast = this.byArray.get(bytes);
    if (fast !== undefined && bytesEqual(fast.bytes, bytes)) return fast.value;
    const value = this.byContent.getOrCreate(this.contentKey(bytes), make);
    this.byArray.set(bytes, { bytes: bytes.slice(), value });
    return value;
  }
}
