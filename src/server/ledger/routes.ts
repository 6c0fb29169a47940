// The widget's two doors to the ledger, on the proxy: `POST <basePath>/receipts` (a receipt
// the widget made, kept as the client's report) and `GET <basePath>/history` (the signed-in
// player's own records). The proxy has already resolved the player and rate-limited them.
import { ReceiptSchema, receiptId } from '../../model/receipt.js';
import { BodyTooLarge, readBody } from '../body.js';
import { LedgerCursorError, MAX_HISTORY_LIMIT, type Ledger, wellFormedReceipt } from './ledger.js';

/** A receipt is a few hundred bytes to a few kilobytes (50 documents at most). */
export const MAX_RECEIPT_BYTES = 16 * 1024;

/** History entries per page when the widget names no limit. */
export const DEFAULT_HISTORY_LIMIT = 20;

/** Query parameters that would name a player: only the signed-in one may be named. */
const PLAYER_PARAMS = ['player', 'playerId', 'player_id', 'piiPrincipalId', 'user', 'userId', 'principal'];

/** Prefixes a client's receipt id: a player cannot pre-empt one of the server's own record ids. */
const RECEIPT_PREFIX = 'receipt:';

type Refusal = (status: number, error: string, message: string) => Response;

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Answers `receipts` and `history` (and `history/<player>`) for `player`, or undefined for
 * any other path. The ledger's own failures are thrown: the proxy answers them 503.
 */
export async function ledgerRoute(ledger: Ledger, path: string, request: Request, player: string, refuse: Refusal, now: () => number = Date.now): Promise<Response | undefined> {
  if (path === 'receipts') {
    if (request.method !== 'POST') return refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST');
    return postReceipt(ledger, request, player, refuse, now);
  }
  if (path === 'history' || path.startsWith('history/')) {
    if (request.method !== 'GET') return refuse(405, 'METHOD_NOT_ALLOWED', 'Use GET');
    // Another player's history is refused however it is asked for; naming oneself is harmless.
    const query = new URL(request.url).searchParams;
    const named = [...(path === 'history' ? [] : [decoded(path.slice('history/'.length))]), ...PLAYER_PARAMS.flatMap((name) => query.getAll(name))];
    if (named.some((name) => name !== player)) return refuse(403, 'FORBIDDEN', 'A player can read only their own history');
    return readHistory(ledger, query, player, refuse);
  }
  return undefined;
}

/** A path segment as text; a malformed one names nobody we know (and is refused as another's). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return `\u0000${segment}`;
  }
}

async function postReceipt(ledger: Ledger, request: Request, player: string, refuse: Refusal, now: () => number): Promise<Response> {
  let sent: unknown;
  try {
    sent = JSON.parse(await readBody(request, MAX_RECEIPT_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuse(413, 'PAYLOAD_TOO_LARGE', 'A receipt is at most 16 KiB');
    return refuse(400, 'INVALID_REQUEST', 'The body must be a JSON receipt');
  }
  const parsed = ReceiptSchema.safeParse(sent);
  if (!parsed.success || !wellFormedReceipt(parsed.data)) return refuse(400, 'INVALID_RECEIPT', 'The body is not a playgate receipt');
  const receipt = parsed.data;
  const id = `${RECEIPT_PREFIX}${receiptId(receipt)}`;
  if (id.length > 200) return refuse(400, 'INVALID_RECEIPT', 'The receipt id is too long');
  // The server's clock, not the client's: the receipt's own times stay inside it, as reported.
  const recordedAt = new Date(now()).toISOString();
  const added = await ledger.append({ id, player, recordedAt, source: 'client', receipt });
  return added ? Response.json({ id, recordedAt }, { status: 201, headers: NO_STORE }) : Response.json({ id, duplicate: true }, { status: 200, headers: NO_STORE });
}

async function readHistory(ledger: Ledger, query: URLSearchParams, player: string, refuse: Refusal): Promise<Response> {
  const asked = query.get('limit');
  if (asked !== null && !/^\d{1,6}$/.test(asked)) return refuse(400, 'INVALID_REQUEST', 'limit must be a whole number');
  const limit = asked === null ? DEFAULT_HISTORY_LIMIT : Math.min(Math.max(Number(asked), 1), MAX_HISTORY_LIMIT);
  const before = query.get('before') ?? undefined;
  try {
    const page = await ledger.history(player, { limit, ...(before ? { before } : {}) });
    return Response.json(page, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof LedgerCursorError) return refuse(400, 'INVALID_REQUEST', 'before is not a cursor this server gave');
    throw error;
  }
}

