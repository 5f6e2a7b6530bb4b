/**
 * Counts in-flight calls across both adapters so that shutdown can wait for them to drain, and owns the
 * signal that tells still-running handlers the grace period is over.
 */
export class CallTracker {
  private inflight = 0;
  private waiters: (() => void)[] = [];
  private readonly forced = new AbortController();

  /** Aborted when shutdown stops waiting; every call's `ctx.signal` follows it. */
  get forceSignal(): AbortSignal {
    return this.forced.signal;
  }

  get active(): number {
    return this.inflight;
  }

  begin(): void {
    this.inflight++;
  }

  end(): void {
    this.inflight--;
    if (this.inflight === 0 && this.waiters.length > 0) {
      const ws = this.waiters;
      this.waiters = [];
      for (const w of ws) w();
    }
  }

  /** Resolves once no call is in flight. */
  idle(): Promise<void> {
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Cancels every call still running, with a reason handlers can log. */
  force(): void {
    const reason = new Error("server shutting down");
    reason.name = "AbortError";
    this.forced.abort(reason);
  }
}
