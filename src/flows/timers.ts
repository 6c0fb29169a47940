/** Time for flows: real in production, simulated in tests and stories. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Simulated time: nothing fires until `advance()` moves the clock past it. */
export class ManualTimers implements Timers {
  private current: number;
  private queue: Array<{ at: number; callback: () => void; id: number }> = [];
  private ids = 0;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): number {
    this.ids += 1;
    this.queue.push({ at: this.current + Math.max(0, ms), callback, id: this.ids });
    return this.ids;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((entry) => entry.id !== handle);
  }

  /** Moves time forward, firing what falls due in order; awaits each callback's promises. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      this.current = next.at;
      next.callback();
      // Let the work the callback started (fetches, state updates) settle before going on.
      await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
    }
    this.current = until;
  }

  get pending(): number {
    return this.queue.length;
  }
}
