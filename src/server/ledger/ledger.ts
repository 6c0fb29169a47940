// The ledger's one small interface and what its three stores share: the record's shape,
// the check every record passes before it is kept, the cursor, and retention.
import { LedgerEntrySchema, type LedgerEntry, type Receipt, type ServerObservation } from '../../model/receipt.js';

/** One kept record: a line of a player's history, with the player it belongs to. */
export interface LedgerRecord extends LedgerEntry {
  /** The player's id as the game's sign-in knows it (what `resolvePlayer` answers). */
  player: string;
}

/** A page of a player's history, newest first. */
export interface LedgerPage {
  entries: LedgerEntry[];
  /** Pass as `before` for the page after this one; absent on the last page. */
  next?: string;
}

export interface HistoryQuery {
  /** How many entries at most (1 to 100). */
  limit: number;
  /** A page's `next`: entries older than the last one it held. */
  before?: string;
}

/**
 * Append-only records of what a player agreed to and what the server saw. Playgate never
 * updates a record, and deletes only what retention lets go of.
 */
export interface Ledger {
  /** Keeps a record; false (and nothing kept) when the player already has one with its id. */
  append(record: LedgerRecord): Promise<boolean>;
  /** The player's records, newest first (by `recordedAt`, then by arrival). */
  history(player: string, query: HistoryQuery): Promise<LedgerPage>;
  /** Every kept record of the player as JSON Lines, oldest first: for support and regulators. */
  export(player: string): Promise<string>;
  /** Deletes the records older than the retention (none without one); answers how many. */
  prune(): Promise<number>;
}

export interface LedgerOptions {
  /**
   * How long records are kept, in days. Older ones are no longer returned and are deleted
   * by `prune()` (which `append` also runs, at most once an hour). Default: kept forever.
   */
  retentionDays?: number;
  /** The clock retention reads; `Date.now` by default. */
  now?: () => number;
}

/** The most entries one history page holds. */
export const MAX_HISTORY_LIMIT = 100;

/** A `before` that no page of this ledger gave out. */
export class LedgerCursorError extends Error {
  constructor() {
    super('not a history cursor');
  }
}

/** A record as kept: checked by the shared schema (unknown fields dropped), its time in milliseconds. */
export interface CheckedRecord {
  record: LedgerRecord;
  ms: number;
  kind: Receipt['kind'] | 'observation';
}

/** Only a record the history's own schema accepts is kept: nothing unexpected gets in. */
export function checkRecord(record: LedgerRecord): CheckedRecord {
  if (typeof record.player !== 'string' || record.player === '' || record.player.length > 200) throw new TypeError('a ledger record needs its player');
  const entry = LedgerEntrySchema.parse(record);
  const ms = Date.parse(entry.recordedAt);
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError('recordedAt must be an ISO 8601 time');
  if (entry.receipt && !wellFormedReceipt(entry.receipt)) throw new TypeError('the receipt is not well formed');
  if ((entry.receipt === undefined) === (entry.observation === undefined)) throw new TypeError('a ledger record holds a receipt or an observation');
  if ((entry.source === 'client') !== (entry.receipt !== undefined)) throw new TypeError('client records hold receipts; server records observations');
  return { record: { ...entry, player: record.player, recordedAt: new Date(ms).toISOString() }, ms, kind: entry.receipt?.kind ?? 'observation' };
}

/** A history entry: the record without its player (the caller is that player). */
export function toEntry(record: LedgerRecord): LedgerEntry {
  const { player: _player, ...entry } = record;
  return entry;
}

/** The opaque cursor: where the last entry of a page sits (its time, then its arrival number). */
export function encodeCursor(ms: number, seq: number): string {
  return `${String(ms)}-${String(seq)}`;
}

export function decodeCursor(cursor: string): { ms: number; seq: number } {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(cursor);
  if (!match) throw new LedgerCursorError();
  return { ms: Number(match[1]), seq: Number(match[2]) };
}

/** History limits held within 1 to 100, whatever was asked. */
export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 1), MAX_HISTORY_LIMIT) : 20;
}

/** Retention's clock: the oldest time still kept (0 without a retention), and a throttle for pruning on append. */
export function retention(options: LedgerOptions, prune: () => Promise<number>) {
  const now = options.now ?? Date.now;
  const days = options.retentionDays;
  let lastPrune = Number.NEGATIVE_INFINITY;
  return {
    cutoff: () => (days === undefined ? 0 : Math.max(0, now() - days * 86_400_000)),
    /** Prunes at most once an hour per instance; a failure leaves it to the next one (the append itself stands). */
    async maybePrune(): Promise<void> {
      if (days === undefined || now() - lastPrune < 3_600_000) return;
      lastPrune = now();
      await prune().catch(() => 0);
    },
  };
}

/** The record an observation of the server's becomes, at the server's time. */
export function serverRecord(player: string, id: string, observation: ServerObservation, now = Date.now()): LedgerRecord {
  return { id, player, recordedAt: new Date(now).toISOString(), source: 'server', observation };
}

/** A fresh record id, where nothing deterministic names the event (WebCrypto: Node and browsers). */
export function newRecordId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * What the shared schema leaves out (its checks would weigh on every widget's first load):
 * a hex digest, short strings, a sane round.
 */
export function wellFormedReceipt(receipt: Receipt): boolean {
  const strings = (value: unknown): boolean => (typeof value === 'string' ? value.length <= 500 : Array.isArray(value) ? value.every(strings) : value && typeof value === 'object' ? Object.values(value).every(strings) : true);
  if (!strings(receipt)) return false;
  if (receipt.kind === 'decision') return true;
  return (receipt.contentSha256 === undefined || /^[0-9a-f]{64}$/.test(receipt.contentSha256)) && Number.isInteger(receipt.round) && receipt.round >= 1 && receipt.round <= 100;
}
