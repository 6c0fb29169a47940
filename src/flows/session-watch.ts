import type { SessionStore } from './session-store.js';
import type { Timers } from './timers.js';

export interface SessionWatchOptions {
  timers: Timers;
  /** Whether the page is visible now. */
  isVisible(): boolean;
  /** Between reads while visible. k-ID's guidance: 30 s. */
  intervalMs?: number;
  /** Focus right after a read does not read again. */
  minGapMs?: number;
}

/**
 * When to read the session: at start, on focus and on becoming visible, every 30 s
 * while visible, on a push from the server, and never while hidden.
 */
export class SessionWatch {
  private timer: unknown;
  private lastRead = -Infinity;
  private running = false;

  constructor(
    private readonly store: SessionStore,
    private readonly options: SessionWatchOptions,
  ) {}

  start(): void {
    this.running = true;
    if (this.options.isVisible()) this.readNow();
  }

  stop(): void {
    this.running = false;
    this.options.timers.clearTimeout(this.timer);
  }

  visibilityChanged(): void {
    if (!this.running) return;
    if (this.options.isVisible()) this.readSoon();
    else this.options.timers.clearTimeout(this.timer);
  }

  focused(): void {
    if (this.running && this.options.isVisible()) this.readSoon();
  }

  /** The server said something changed: read at once, whatever the gap. */
  pushed(): void {
    if (this.running) this.readNow();
  }

  private readSoon(): void {
    if (this.options.timers.now() - this.lastRead < (this.options.minGapMs ?? 2000)) {
      this.schedule();
      return;
    }
    this.readNow();
  }

  private readNow(): void {
    this.lastRead = this.options.timers.now();
    void this.store.refresh();
    void this.store.checkIdentity();
    this.schedule();
  }

  private schedule(): void {
    const { timers } = this.options;
    timers.clearTimeout(this.timer);
    if (!this.running || !this.options.isVisible()) return;
    const wait = Math.max(0, this.lastRead + (this.options.intervalMs ?? 30_000) - timers.now());
    this.timer = timers.setTimeout(() => {
      if (this.options.isVisible()) {
        this.lastRead = timers.now();
        void this.store.refresh();
      }
      this.schedule();
    }, wait);
  }
}
