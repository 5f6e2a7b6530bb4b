/**
 * In-process mutual exclusion per client. The directory is one process (the level database can be
 * opened by one process only), so a promise chain per client is enough to make every
 * read-modify-write of that client's keys exclusive: two claims can never read the same
 * KeyPackage before one of them has deleted it. Callers that need several clients (a claim for a
 * whole user) take the locks in sorted order, so two such callers cannot wait on each other.
 */
export class ClientLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` holding the lock of every client in `names` (hex or any stable string per client). */
  async with<T>(names: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(names)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const name of sorted) releases.push(await this.acquire(name));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Locks currently held or awaited (for tests: zero once the directory is idle). */
  get size(): number {
    return this.tails.size;
  }

  private async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(name, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}
