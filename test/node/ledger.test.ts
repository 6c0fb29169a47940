/// <reference types="node" />
// One contract for the three ledgers, run against memory, a real Redis and a real
// PostgreSQL: idempotent appends, newest-first paging, JSON Lines export, retention.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@redis/client';
import { RECEIPT_VERSION, type ConsentReceipt } from '../../src/model/receipt.js';
import { LEDGER_MIGRATION, LedgerCursorError, memoryLedger, postgresLedger, redisLedger, type Ledger, type LedgerOptions, type LedgerRecord } from '../../src/server/index.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { startRedis, type TestRedis } from './support/redis.js';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T12:00:00.000Z');
let players = 0;
/** A player of its own for each test: the stores are shared within a file. */
const newPlayer = () => `player-${String(++players)}-${String(process.pid)}`;

function receipt(id: string): ConsentReceipt {
  return {
    version: RECEIPT_VERSION,
    kind: 'consent',
    consentReceiptId: id,
    collectionMethod: 'playgate-consent-prompt',
    vendor: 'nodecraft',
    scope: 'game',
    consentType: 'legal',
    state: 'missing',
    documents: [{ pageId: 'terms', pageContentId: 'terms-v3', title: 'Terms' }],
    contentSha256: 'a'.repeat(64),
    language: 'en',
    shownAt: '2025-03-01T11:59:00.000Z',
    consentTimestamp: '2025-03-01T11:59:30.000Z',
    round: 1,
  };
}

const clientRecord = (player: string, id: string, ms: number): LedgerRecord => ({ id, player, recordedAt: new Date(ms).toISOString(), source: 'client', receipt: receipt(id) });
const serverRecord = (player: string, id: string, ms: number): LedgerRecord => ({
  id,
  player,
  recordedAt: new Date(ms).toISOString(),
  source: 'server',
  observation: { event: 'Challenge.StateChange', status: 'PASS', challengeId: id },
});

interface Store {
  name: string;
  make(options?: LedgerOptions): Ledger;
}

function contract(store: () => Store): void {
  it('appends once per id and player: a second append of the same id is false and adds nothing', async () => {
    const ledger = store().make();
    const [pip, sam] = [newPlayer(), newPlayer()];
    assert.equal(await ledger.append(clientRecord(pip, 'r-1', T0)), true);
    assert.equal(await ledger.append(clientRecord(pip, 'r-1', T0 + 5)), false);
    assert.equal(await ledger.append(clientRecord(sam, 'r-1', T0)), true, 'another player may hold the same id');
    // Concurrent appends of one id: exactly one wins.
    const raced = await Promise.all(Array.from({ length: 6 }, () => ledger.append(serverRecord(pip, 'raced', T0 + 1))));
    assert.equal(raced.filter(Boolean).length, 1);
    const page = await ledger.history(pip, { limit: 10 });
    assert.deepEqual(page.entries.map((e) => e.id), ['raced', 'r-1']);
    assert.equal(page.entries[1]?.recordedAt, new Date(T0).toISOString(), 'the first append stands');
    assert.equal(page.next, undefined);
    assert.deepEqual(page.entries[1], { id: 'r-1', recordedAt: new Date(T0).toISOString(), source: 'client', receipt: receipt('r-1') });
  });

  it('refuses a record that does not fit the schema, and keeps nothing of it', async () => {
    const ledger = store().make();
    const pip = newPlayer();
    const bad = [
      { ...clientRecord(pip, 'x', T0), receipt: { ...receipt('x'), contentSha256: 'nope' } },
      { ...serverRecord(pip, 'y', T0), source: 'client' as const },
      { ...clientRecord(pip, 'z', T0), player: '' },
      { ...clientRecord(pip, 'w', T0), recordedAt: 'yesterday' },
    ];
    for (const record of bad) await assert.rejects(ledger.append(record));
    assert.deepEqual((await ledger.history(pip, { limit: 10 })).entries, []);
  });

  it('pages newest first (by time, then arrival) with a cursor, to the end, nothing twice', async () => {
    const ledger = store().make();
    const [pip, sam] = [newPlayer(), newPlayer()];
    const expected: string[] = [];
    // Arrival order is not time order; several share a millisecond.
    const times = [5, 1, 3, 3, 3, 9, 0, 7, 7, 2, 8, 4, 6, 6, 1, 9, 5, 2, 0, 3, 8, 7, 4, 6, 1];
    for (const [i, t] of times.entries()) {
      assert.equal(await ledger.append((i % 2 ? clientRecord : serverRecord)(pip, `e-${String(i)}`, T0 + t)), true);
      await ledger.append(serverRecord(sam, `other-${String(i)}`, T0 + t));
    }
    expected.push(
      ...times
        .map((t, i) => ({ t, i }))
        .sort((a, b) => b.t - a.t || b.i - a.i)
        .map(({ i }) => `e-${String(i)}`),
    );
    const seen: string[] = [];
    const sizes: number[] = [];
    let before: string | undefined;
    do {
      const page = await ledger.history(pip, { limit: 10, ...(before ? { before } : {}) });
      sizes.push(page.entries.length);
      seen.push(...page.entries.map((e) => e.id));
      before = page.next;
    } while (before);
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.deepEqual(seen, expected);
    assert.equal((await ledger.history(pip, { limit: 1000 })).entries.length, 25, 'a limit is held to 100');
    assert.equal((await ledger.history(pip, { limit: 25 })).next, undefined, 'an exact last page says so');
    await assert.rejects(ledger.history(pip, { limit: 10, before: 'garbage' }), LedgerCursorError);
  });

  it('exports a player as JSON Lines, oldest first, each line a whole record with its player', async () => {
    const ledger = store().make();
    const [pip, sam] = [newPlayer(), newPlayer()];
    await ledger.append(serverRecord(pip, 'late', T0 + 50));
    await ledger.append(clientRecord(pip, 'early', T0));
    await ledger.append(clientRecord(sam, 'sams', T0 + 10));
    const text = await ledger.export(pip);
    assert.ok(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as LedgerRecord);
    assert.deepEqual(lines, [clientRecord(pip, 'early', T0), serverRecord(pip, 'late', T0 + 50)]);
    assert.equal(await ledger.export(newPlayer()), '');
  });

  it('retention hides older records at once, and prune deletes them', async () => {
    let now = T0 + 100 * DAY;
    const ledger = store().make({ retentionDays: 30, now: () => now });
    const pip = newPlayer();
    await ledger.append(clientRecord(pip, 'old', T0));
    await ledger.append(clientRecord(pip, 'recent', now - DAY));
    assert.deepEqual((await ledger.history(pip, { limit: 10 })).entries.map((e) => e.id), ['recent']);
    assert.ok(!(await ledger.export(pip)).includes('"old"'));
    // Only hidden so far: a clock from back then still sees it.
    now = T0 + DAY;
    assert.deepEqual((await ledger.history(pip, { limit: 10 })).entries.map((e) => e.id), ['recent', 'old']);
    now = T0 + 100 * DAY;
    assert.ok((await ledger.prune()) >= 1);
    now = T0 + DAY;
    assert.deepEqual((await ledger.history(pip, { limit: 10 })).entries.map((e) => e.id), ['recent'], 'deleted, not hidden');
    now = T0 + 100 * DAY;
    assert.deepEqual((await ledger.history(pip, { limit: 10 })).entries.map((e) => e.id), ['recent']);
  });
}

describe('memory ledger', () => {
  contract(() => ({ name: 'memory', make: (options) => memoryLedger(options) }));
});

describe('Redis ledger (real redis-server)', () => {
  let redis: TestRedis;
  let client: ReturnType<typeof createClient>;
  let prefixes = 0;
  before(async () => {
    redis = await startRedis();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  after(async () => {
    await client.close();
    redis.stop();
  });
  // Each ledger its own prefix: a prune of one test's ledger leaves the others alone.
  contract(() => ({ name: 'redis', make: (options) => redisLedger(client, { ...options, prefix: `t${String(++prefixes)}` }) }));
});

describe('PostgreSQL ledger (real postgres)', () => {
  let db: TestPostgres;
  let tables = 0;
  before(async () => {
    db = await startPostgres();
  });
  after(async () => {
    await db.stop();
  });

  contract(() => ({
    name: 'postgres',
    make(options) {
      // Each ledger its own table, migrated before its first use.
      const ledger = postgresLedger(db.pool, { ...options, table: `ledger_${String(++tables)}` });
      const migrated = ledger.migrate();
      const ready = <T>(call: () => Promise<T>) => migrated.then(call);
      return {
        append: (record) => ready(() => ledger.append(record)),
        history: (player, query) => ready(() => ledger.history(player, query)),
        export: (player) => ready(() => ledger.export(player)),
        prune: () => ready(() => ledger.prune()),
      };
    },
  }));

  it('migrates (twice is harmless) to one table keyed by (player, id), with the per-player index', async () => {
    await db.pool.query(LEDGER_MIGRATION);
    await db.pool.query(LEDGER_MIGRATION);
    const key = await db.pool.query(`SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'playgate_ledger'::regclass AND i.indisprimary ORDER BY a.attname`);
    assert.deepEqual(key.rows.map((r: { attname: string }) => r.attname), ['id', 'player']);
    const indexes = await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'playgate_ledger'`);
    assert.ok(indexes.rows.some((r: { indexdef: string }) => r.indexdef.includes('(player, recorded_at DESC, seq DESC)')));
    const ledger = postgresLedger(db.pool);
    const pip = newPlayer();
    assert.equal(await ledger.append(clientRecord(pip, 'r', T0)), true);
    const row = await db.pool.query(`SELECT source, kind, body->>'consentReceiptId' AS receipt FROM playgate_ledger WHERE player = $1`, [pip]);
    assert.deepEqual(row.rows, [{ source: 'client', kind: 'consent', receipt: 'r' }]);
  });

  it('never updates, and deletes only for retention', () => {
    const source = readFileSync(new URL('../../src/server/ledger/postgres.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /\bUPDATE\s/i);
    assert.deepEqual(source.match(/DELETE FROM[^`]*/g), ['DELETE FROM ${table} WHERE recorded_at < $1::timestamptz']);
  });
});
