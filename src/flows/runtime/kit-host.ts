import type { ReceiptLog } from '../receipts/receipt-log.js';
import type { SessionStore } from '../session-store.js';
import type { SessionWatch } from '../session-watch.js';
import type { RuntimeEvent } from './events.js';
import type { KitOptions } from './kits.js';
import type { PageSignals } from './page.js';
import type { RuntimeConfig } from './ports.js';

/** What a runtime lends the flows a kit brings. */
export interface KitHost {
  config: RuntimeConfig;
  page: PageSignals;
  store: SessionStore;
  watch: SessionWatch;
  /** Where receipts and decision records go: this device, and the game server's ledger. */
  receipts: ReceiptLog;
  emit(event: RuntimeEvent): void;
  /** The adapter's options for a port's URL and secret. */
  options(url: string, secret?: () => string | undefined): KitOptions;
}
