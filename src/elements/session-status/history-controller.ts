import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HistoryRead } from '../../flows/receipts/receipt-log.js';
import type { PlaygateRuntime } from '../../flows/runtime/runtime.js';
import { PlaygateError } from '../../model/error.js';
import { lazyPart } from '../shared/lazy.js';

/** "What I agreed to": its code comes only to a status that shows it. */
export const historyPart = lazyPart(() => import('./history-view.js'));

/** Where the player's history is: its first page, and the older ones asked for. */
export type HistoryState =
  | { state: 'loading' }
  | { state: 'ready'; read: HistoryRead; older: 'idle' | 'loading' | PlaygateError }
  | { state: 'error'; error: PlaygateError };

/**
 * Reads the player's history for a status in `layout="history"`: the game server's ledger,
 * or this device's receipts. Nothing is read until the view is shown; a new receipt
 * (a decision just made) reads the first page again.
 */
export class HistoryController implements ReactiveController {
  state: HistoryState = { state: 'loading' };
  private runtime: PlaygateRuntime | undefined;
  private stopListening: (() => void) | undefined;
  /** A read that a newer one replaced is dropped. */
  private reads = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.runtime = undefined;
  }

  /** The view is drawn for `runtime`: read its history, once (and again when receipts come). */
  show(runtime: PlaygateRuntime): void {
    if (runtime === this.runtime) return;
    this.stopListening?.();
    this.runtime = runtime;
    this.stopListening = runtime.receipts.subscribe(() => void this.reload());
    void this.reload();
  }

  async reload(): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    const read = ++this.reads;
    if (this.state.state !== 'ready') this.set({ state: 'loading' });
    try {
      const page = await runtime.receipts.history({ limit: 20 });
      if (read === this.reads) this.set({ state: 'ready', read: page, older: 'idle' });
    } catch (error) {
      if (read === this.reads) this.set({ state: 'error', error: PlaygateError.from(error) });
    }
  }

  /** The page after the last one shown. */
  async older(): Promise<void> {
    const current = this.state;
    const runtime = this.runtime;
    if (!runtime || current.state !== 'ready' || !current.read.next || current.older === 'loading') return;
    const read = this.reads;
    this.set({ ...current, older: 'loading' });
    try {
      const page = await runtime.receipts.history({ limit: 20, before: current.read.next });
      if (read !== this.reads) return;
      const entries = [...current.read.entries, ...page.entries];
      this.set({ state: 'ready', read: { ...page, entries }, older: 'idle' });
    } catch (error) {
      if (read === this.reads) this.set({ ...current, older: PlaygateError.from(error) });
    }
  }

  private set(state: HistoryState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
