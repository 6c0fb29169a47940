/**
 * The ledger: append-only proof of what each player agreed to (the receipts the widget
 * posts) and of what the game's server saw (proxied k-ID answers, verified webhooks).
 * One interface, three stores. See docs/server.md, "Ledger".
 */
export { MAX_HISTORY_LIMIT, LedgerCursorError, type HistoryQuery, type Ledger, type LedgerOptions, type LedgerPage, type LedgerRecord } from './ledger.js';
export { memoryLedger } from './memory.js';
export { redisLedger, type RedisLedgerClient, type RedisLedgerOptions } from './redis.js';
export { LEDGER_MIGRATION, ledgerMigration, migrateLedger, postgresLedger, type PgQueryable, type PostgresLedgerOptions } from './postgres.js';
export { DEFAULT_HISTORY_LIMIT, MAX_RECEIPT_BYTES } from './routes.js';
