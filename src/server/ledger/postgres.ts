import { checkRecord, clampLimit, decodeCursor, encodeCursor, retention, type Ledger, type LedgerOptions, type LedgerRecord } from './ledger.js';

/**
 * The part of a node-postgres `Pool` (or `Client`) the ledger uses. Playgate never imports
 * `pg` itself: the game passes its own pool, already configured.
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

export interface PostgresLedgerOptions extends LedgerOptions {
  /** The table's name, optionally schema-qualified (`audit.playgate_ledger`). Default `playgate_ledger`. */
  table?: string;
}

const NAME = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

function tableName(table = 'playgate_ledger'): string {
  if (!NAME.test(table)) throw new TypeError(`not a plain SQL table name: ${table}`);
  return table;
}

/**
 * The SQL that creates the ledger's table and indexes; safe to run again. `seq` keeps the
 * arrival order of records with the same time. The primary key makes a record's id unique
 * per player (what makes appends idempotent); the first index serves a player's history,
 * the second retention's prune.
 */
export function ledgerMigration(table?: string): string {
  const name = tableName(table);
  const bare = name.replace(/^.*\./, '');
  return `CREATE TABLE IF NOT EXISTS ${name} (
  player      text        NOT NULL,
  id          text        NOT NULL,
  seq         bigint      GENERATED ALWAYS AS IDENTITY,
  recorded_at timestamptz NOT NULL,
  source      text        NOT NULL CHECK (source IN ('client', 'server')),
  kind        text        NOT NULL CHECK (kind IN ('consent', 'decision', 'observation')),
  body        jsonb       NOT NULL,
  PRIMARY KEY (player, id)
);
CREATE INDEX IF NOT EXISTS ${bare}_player_time ON ${name} (player, recorded_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS ${bare}_time ON ${name} (recorded_at);
`;
}

/** The migration for the default table, `playgate_ledger`. */
export const LEDGER_MIGRATION = ledgerMigration();

/** Runs the migration on the game's pool (or hand `LEDGER_MIGRATION` to your own migration tool). */
export async function migrateLedger(pool: PgQueryable, options: Pick<PostgresLedgerOptions, 'table'> = {}): Promise<void> {
  await pool.query(ledgerMigration(options.table));
}

interface Row {
  player: string;
  id: string;
  seq: string | number;
  ms: number | string;
  source: 'client' | 'server';
  kind: string;
  body: unknown;
}

// The time as milliseconds (a float8 node-postgres reads as a number), whatever type
// parsers or TimeZone the game's pool has.
const COLUMNS = 'player, id, seq, round(extract(epoch from recorded_at) * 1000)::float8 AS ms, source, kind, body';

function fromRow(row: Row): LedgerRecord {
  const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as LedgerRecord['receipt'] & LedgerRecord['observation'];
  return {
    id: row.id,
    player: row.player,
    recordedAt: new Date(Number(row.ms)).toISOString(),
    source: row.source,
    ...(row.kind === 'observation' ? { observation: body } : { receipt: body }),
  };
}

/**
 * Records in PostgreSQL: the production choice. One table (see `ledgerMigration`); inserts
 * with ON CONFLICT DO NOTHING, never an UPDATE; a DELETE only for retention. Run `migrateLedger`
 * (or the SQL) once before use.
 */
export function postgresLedger(pool: PgQueryable, options: PostgresLedgerOptions = {}): Ledger & { migrate(): Promise<void> } {
  const table = tableName(options.table);
  const kept = retention(options, prune);
  const since = () => new Date(kept.cutoff()).toISOString();

  async function prune(): Promise<number> {
    if (kept.cutoff() === 0) return 0;
    const result = await pool.query(`DELETE FROM ${table} WHERE recorded_at < $1::timestamptz`, [since()]);
    return result.rowCount ?? 0;
  }

  return {
    migrate: () => migrateLedger(pool, { table }),
    async append(record) {
      const checked = checkRecord(record);
      await kept.maybePrune();
      const { player, id, recordedAt, source, receipt, observation } = checked.record;
      const result = await pool.query(
        `INSERT INTO ${table} (player, id, recorded_at, source, kind, body) VALUES ($1, $2, $3::timestamptz, $4, $5, $6::jsonb) ON CONFLICT (player, id) DO NOTHING`,
        [player, id, recordedAt, source, checked.kind, JSON.stringify(receipt ?? observation)],
      );
      return (result.rowCount ?? 0) === 1;
    },
    async history(player, query) {
      const limit = clampLimit(query.limit);
      const values: unknown[] = [player, since(), limit + 1];
      let older = '';
      if (query.before !== undefined) {
        const { ms, seq } = decodeCursor(query.before);
        values.push(new Date(ms).toISOString(), seq);
        older = 'AND (recorded_at, seq) < ($4::timestamptz, $5::bigint)';
      }
      const { rows } = await pool.query(
        `SELECT ${COLUMNS} FROM ${table} WHERE player = $1 AND recorded_at >= $2::timestamptz ${older} ORDER BY recorded_at DESC, seq DESC LIMIT $3`,
        values,
      );
      const found = rows as Row[];
      const shown = found.slice(0, limit);
      const last = shown.at(-1);
      return {
        entries: shown.map((row) => {
          const { player: _player, ...entry } = fromRow(row);
          return entry;
        }),
        ...(found.length > limit && last ? { next: encodeCursor(Number(last.ms), Number(last.seq)) } : {}),
      };
    },
    async export(player) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM ${table} WHERE player = $1 AND recorded_at >= $2::timestamptz ORDER BY recorded_at, seq`, [player, since()]);
      return (rows as Row[]).map((row) => `${JSON.stringify(fromRow(row))}\n`).join('');
    },
    prune,
  };
}
