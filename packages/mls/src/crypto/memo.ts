/** One primitive instance per algorithm id, so key caches and precomputed state are shared by all suites. */
export function memo<K, T>(make: (id: K) => T): (id: K) => T {
  const made = new Map<K, T>();
  return (id) => {
    let v = made.get(id);
    if (v === undefined) {
      v = make(id);
      made.set(id, v);
    }
    return v;
  };
}
