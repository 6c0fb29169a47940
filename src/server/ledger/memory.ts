import { checkRecord, clampLimit, decodeCursor, encodeCursor, retention, toEntry, type Ledger, type LedgerOptions, type LedgerRecord } from './ledger.js';

interface Kept {
  record: LedgerRecord;
  ms: number;
  seq: number;
}

/** Newest first: by time, then by arrival. */
const newestFirst = (a: Kept, b: Kept) => b.ms - a.ms || b.seq - a.seq;

/**
 * One process' memory: for development, the demo and tests. Gone at a restart, so a
 * game keeps its proof in `postgresLedger()` (or `redisLedger()`) instead.
 */
export function memoryLedger(options: LedgerOptions = {}): Ledger {
  const players = new Map<string, Map<string, Kept>>();
  let seq = 0;
  const kept = retention(options, prune);

  function live(player: string): Kept[] {
    const cutoff = kept.cutoff();
    return [...(players.get(player)?.values() ?? [])].filter((item) => item.ms >= cutoff);
  }

  // Returns a Promise: the same contract as the stores that are remote.
  // eslint-disable-next-line @typescript-eslint/require-await
  async function prune(): Promise<number> {
    const cutoff = kept.cutoff();
    let deleted = 0;
    for (const [player, records] of players) {
      for (const [id, item] of records) {
        if (item.ms < cutoff) {
          records.delete(id);
          deleted += 1;
        }
      }
      if (records.size === 0) players.delete(player);
    }
    return deleted;
  }

  return {
    async append(record) {
      const checked = checkRecord(record);
      await kept.maybePrune();
      const records = players.get(checked.record.player) ?? new Map<string, Kept>();
      players.set(checked.record.player, records);
      if (records.has(checked.record.id)) return false;
      seq += 1;
      records.set(checked.record.id, { record: checked.record, ms: checked.ms, seq });
      return true;
    },
    // eslint-disable-next-line @typescript-eslint/require-await
    async history(player, query) {
      const limit = clampLimit(query.limit);
      const from = query.before === undefined ? undefined : decodeCursor(query.before);
      const older = live(player)
        .sort(newestFirst)
        .filter((item) => !from || item.ms < from.ms || (item.ms === from.ms && item.seq < from.seq));
      const page = older.slice(0, limit);
      const last = page.at(-1);
      return { entries: page.map((item) => toEntry(item.record)), ...(older.length > limit && last ? { next: encodeCursor(last.ms, last.seq) } : {}) };
    },
    // eslint-disable-next-line @typescript-eslint/require-await
    async export(player) {
      return live(player)
        .sort((a, b) => newestFirst(b, a))
        .map((item) => `${JSON.stringify(item.record)}\n`)
        .join('');
    },
    prune,
  };
}
