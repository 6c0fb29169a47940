import type { HttpClient } from '../../http/client.js';
import type { CallOptions, LedgerPort } from '../../model/ports.js';
import type { HistoryPage, Receipt } from '../../model/receipt.js';

/**
 * The ledger of playgate's server piece, at the k-ID proxy's own address and with its
 * sign-in: `POST receipts` keeps one, `GET history` reads the player's own.
 */
export class GameServerLedger implements LedgerPort {
  constructor(private readonly http: HttpClient) {}

  async report(receipt: Receipt, options?: CallOptions): Promise<void> {
    await this.http.request({ ...options, method: 'POST', path: 'receipts', body: receipt });
  }

  async history(query: { limit?: number; before?: string }, options?: CallOptions): Promise<HistoryPage> {
    // The schemas come with the one view that reads history, not with every k-ID page.
    const { HistoryPageSchema } = await import('../../model/receipt.js');
    return this.http.json({ ...options, path: 'history', query: { limit: query.limit, before: query.before }, schema: HistoryPageSchema });
  }
}
