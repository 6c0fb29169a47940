import { isPlaygateError } from '../../model/error.js';
import type { LedgerPort } from '../../model/ports.js';
import { receiptId } from '../../model/receipt-id.js';
import type { LedgerEntry, Receipt } from '../../model/receipt.js';
import type { KeyValueStorage } from '../storage.js';

/** This device's own copy, newest first, for a game with no server piece (and for a history read offline). */
const KEPT_KEY = 'receipts';
/** Receipt ids not yet reported to the game's server. */
const OUTBOX_KEY = 'receipts-outbox';
const KEPT = 50;

/** A page of the player's history, and where it was read. */
export interface HistoryRead {
  entries: LedgerEntry[];
  next?: string;
  /** `server`: the game server's ledger; `device`: the receipts this device kept. */
  from: 'server' | 'device';
}

/**
 * The receipts a player's answers produced: kept on this device, and reported to the game
 * server's ledger when there is one. A report that fails stays in the outbox and goes with
 * the next one, or when the page starts again; the server drops a repeat by its id.
 */
export class ReceiptLog {
  private flushing: Promise<void> | undefined;
  /** The server has no ledger (404): this device's copy is the history. */
  private unsupported = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly ledger: () => LedgerPort | undefined,
  ) {}

  /** Calls back when a receipt was added. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(receipt: Receipt): void {
    const id = receiptId(receipt);
    const kept = [receipt, ...this.list().filter((other) => receiptId(other) !== id)].slice(0, KEPT);
    this.storage.set(KEPT_KEY, JSON.stringify(kept));
    if (this.reporting()) {
      this.writeOutbox([...this.outbox().filter((other) => other !== id), id]);
      void this.flush();
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** This device's receipts, newest first. */
  list(): Receipt[] {
    const parsed = readJson(this.storage.get(KEPT_KEY));
    if (!Array.isArray(parsed)) return [];
    // This device's own writing, checked only for shape: zod stays out of a first load.
    return parsed.filter(isReceipt);
  }

  /** Reports what waits in the outbox; what fails stays for the next try. */
  flush(): Promise<void> {
    const ledger = this.ledger();
    if (!ledger || !this.reporting()) return Promise.resolve();
    this.flushing ??= (async () => {
      // Runs after the assignment, so a flush with nothing to send cannot leave a settled promise behind.
      await Promise.resolve();
      try {
        const kept = this.list();
        for (const id of this.outbox()) {
          const receipt = kept.find((candidate) => receiptId(candidate) === id);
          if (receipt) await ledger.report(receipt, { retries: 1 });
          this.writeOutbox(this.outbox().filter((other) => other !== id));
        }
      } catch (error) {
        // A server piece without a ledger: nothing to report to, ever.
        if (isPlaygateError(error) && (error.status === 404 || error.status === 405)) {
          this.unsupported = true;
          this.writeOutbox([]);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  /** The player's history: the server's when it keeps one, else this device's receipts. */
  async history(query: { limit?: number; before?: string } = {}): Promise<HistoryRead> {
    const ledger = this.ledger();
    if (ledger && !this.unsupported) {
      await this.flush();
      try {
        return { ...(await ledger.history(query)), from: 'server' };
      } catch (error) {
        if (!isPlaygateError(error) || (error.status !== 404 && error.status !== 405)) throw error;
        this.unsupported = true;
      }
    }
    const entries = this.list().map((receipt): LedgerEntry => ({ id: receiptId(receipt), recordedAt: receipt.kind === 'consent' ? (receipt.confirmedAt ?? receipt.consentTimestamp) : receipt.decidedAt, source: 'client', receipt }));
    return { entries, from: 'device' };
  }

  private reporting(): boolean {
    return !this.unsupported && this.ledger() !== undefined;
  }

  private outbox(): string[] {
    const parsed = readJson(this.storage.get(OUTBOX_KEY));
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  }

  private writeOutbox(ids: readonly string[]): void {
    if (ids.length) this.storage.set(OUTBOX_KEY, JSON.stringify(ids));
    else this.storage.remove(OUTBOX_KEY);
  }
}

function readJson(raw: string | null | undefined): unknown {
  try {
    return JSON.parse(raw ?? 'null');
  } catch {
    return undefined;
  }
}

function isReceipt(value: unknown): value is Receipt {
  if (!value || typeof value !== 'object') return false;
  const { kind, consentReceiptId, decisionId } = value as Record<string, unknown>;
  return (kind === 'consent' && typeof consentReceiptId === 'string') || (kind === 'decision' && typeof decisionId === 'string');
}
