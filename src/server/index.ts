/**
 * What a game's backend mounts beside the widget: the k-ID proxy (the API key stays on
 * the server), the webhook receiver, and a per-player event stream. Fetch API handlers,
 * so they run on Node, workers and edge runtimes. See docs/server.md.
 */
export { createKidProxy, type KidProxy, type KidProxyOptions } from './kid-proxy.js';
export { requirePermission, type PermissionChecker } from './permission-guard.js';
export { jurisdictionFrom, type JurisdictionFromOptions, type JurisdictionHints, type JurisdictionResolver } from './jurisdiction.js';
export { createWebhookReceiver, type WebhookReceiver, type WebhookReceiverOptions } from './webhook-receiver.js';
export { memoryHub, type Hub, type PlayerEvent, type PlayerEvents, type PlayerStore, type RateLimits, type SeenSet, type StoredEvent } from './hub.js';
export { redisHub, type RedisHubOptions, type RedisLike } from './redis-hub.js';
export { RateLimiter } from './rate-limit.js';
export {
  DEFAULT_HISTORY_LIMIT,
  LEDGER_MIGRATION,
  LedgerCursorError,
  MAX_HISTORY_LIMIT,
  MAX_RECEIPT_BYTES,
  ledgerMigration,
  memoryLedger,
  migrateLedger,
  postgresLedger,
  redisLedger,
  type HistoryQuery,
  type Ledger,
  type LedgerOptions,
  type LedgerPage,
  type LedgerRecord,
  type PgQueryable,
  type PostgresLedgerOptions,
  type RedisLedgerClient,
  type RedisLedgerOptions,
} from './ledger/index.js';
