import type { RedisLike } from '../redis-hub.js';
import { checkRecord, clampLimit, decodeCursor, encodeCursor, retention, type Ledger, type LedgerOptions, type LedgerRecord } from './ledger.js';

/** The one command the Redis ledger uses: every step is a script, so each is atomic. */
export type RedisLedgerClient = Pick<RedisLike, 'eval'>;

export interface RedisLedgerOptions extends LedgerOptions {
  /** Prefixes every key, so several games can share one Redis. Default `playgate`. */
  prefix?: string;
}

// Per player (one hash tag, so a cluster keeps them on one slot): `order`, a sorted set
// whose members all score 0 and sort by name, "<ms, 15 digits>:<arrival, 15 digits>:<id>",
// so newest first is a reverse range by name and a cursor is a name prefix; `records`,
// member → JSON; `ids`, id → member (the idempotence check); `seq`, the arrival counter.
// Redis keeps the records only as long as it persists them (AOF or RDB): configure it so.

const APPEND = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 0 end
local seq = redis.call('INCR', KEYS[4])
local member = ARGV[2] .. ':' .. string.format('%015d', seq) .. ':' .. ARGV[1]
redis.call('HSET', KEYS[3], ARGV[1], member)
redis.call('HSET', KEYS[2], member, ARGV[3])
redis.call('ZADD', KEYS[1], 0, member)
redis.call('SADD', KEYS[5], ARGV[4])
return 1
`;

/** Newest first below `ARGV[1]` (exclusive) and at or above `ARGV[2]`; `ARGV[3]` at most (0: all). */
const PAGE = `
local members
if tonumber(ARGV[3]) > 0 then
  members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYLEX', 'REV', 'LIMIT', 0, tonumber(ARGV[3]))
else
  members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYLEX', 'REV')
end
local out = {}
for i, member in ipairs(members) do
  out[#out + 1] = member
  out[#out + 1] = redis.call('HGET', KEYS[2], member) or ''
end
return out
`;

/** Deletes the records below `ARGV[1]` (a time prefix), a batch at a time; answers how many. */
const PRUNE = `
local members = redis.call('ZRANGE', KEYS[1], '-', '(' .. ARGV[1], 'BYLEX', 'LIMIT', 0, 500)
for i, member in ipairs(members) do
  redis.call('ZREM', KEYS[1], member)
  redis.call('HDEL', KEYS[2], member)
  redis.call('HDEL', KEYS[3], string.sub(member, 33))
end
return #members
`;

const MEMBERS = `return redis.call('SMEMBERS', KEYS[1])`;

const pad = (n: number) => String(n).padStart(15, '0');

/**
 * Records in Redis, for instances that already share one (pass your connected node-redis
 * client, as for `redisHub`). Appends are one script: the id check and the write together.
 */
export function redisLedger(client: RedisLedgerClient, options: RedisLedgerOptions = {}): Ledger {
  const prefix = options.prefix ?? 'playgate';
  const keys = (player: string) => ['order', 'records', 'ids', 'seq'].map((part) => `${prefix}:ledger:{${player}}:${part}`);
  const playersKey = `${prefix}:ledger:players`;
  const kept = retention(options, prune);

  async function page(player: string, from: string, count: number): Promise<Array<{ member: string; record: LedgerRecord }>> {
    const [order = '', records = ''] = keys(player);
    const floor = kept.cutoff();
    const answer = (await client.eval(PAGE, { keys: [order, records], arguments: [from, floor > 0 ? `[${pad(floor)}` : '-', String(count)] })) as string[];
    const out: Array<{ member: string; record: LedgerRecord }> = [];
    for (let i = 0; i + 1 < answer.length; i += 2) {
      const member = answer[i] ?? '';
      try {
        out.push({ member, record: JSON.parse(answer[i + 1] ?? '') as LedgerRecord });
      } catch {
        // A record gone between the two reads (a prune): skipped.
      }
    }
    return out;
  }

  async function prune(): Promise<number> {
    const floor = kept.cutoff();
    if (floor === 0) return 0;
    const players = (await client.eval(MEMBERS, { keys: [playersKey], arguments: [] })) as string[];
    let deleted = 0;
    for (const player of players) {
      for (;;) {
        const batch = Number(await client.eval(PRUNE, { keys: keys(player).slice(0, 3), arguments: [pad(floor)] }));
        deleted += batch;
        if (batch < 500) break;
      }
    }
    return deleted;
  }

  return {
    async append(record) {
      const checked = checkRecord(record);
      await kept.maybePrune();
      const added = await client.eval(APPEND, {
        keys: [...keys(checked.record.player), playersKey],
        arguments: [checked.record.id, pad(checked.ms), JSON.stringify(checked.record), checked.record.player],
      });
      return Number(added) === 1;
    },
    async history(player, query) {
      const limit = clampLimit(query.limit);
      let from = '+';
      if (query.before !== undefined) {
        const { ms, seq } = decodeCursor(query.before);
        from = `(${pad(ms)}:${pad(seq)}`;
      }
      const found = await page(player, from, limit + 1);
      const shown = found.slice(0, limit);
      const last = shown.at(-1);
      const next = found.length > limit && last ? encodeCursor(Number(last.member.slice(0, 15)), Number(last.member.slice(16, 31))) : undefined;
      return { entries: shown.map(({ record: { player: _player, ...entry } }) => entry), ...(next ? { next } : {}) };
    },
    async export(player) {
      const all = await page(player, '+', 0);
      return all
        .reverse()
        .map(({ record }) => `${JSON.stringify(record)}\n`)
        .join('');
    },
    prune,
  };
}
