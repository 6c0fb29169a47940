// The game server's own check before a privileged route: client gating is only UX (k-ID's
// trust-boundary guide). The player's session is read through the proxy's k-ID client and
// kept, until the player's event log (fed by the webhooks, shared by every instance) shows
// a change, or `maxAgeMs` passes (an age-up sends no webhook).
import type { Hub } from './hub.js';
import { kidError } from './kid-routes.js';

/** What a read of k-ID's `/session/get` gave: the session's permissions, unchanged, none, or no answer. */
export type SessionRead =
  | { kind: 'session'; etag?: string; permissions: ReadonlyArray<{ name: string; enabled: boolean }> }
  | { kind: 'unchanged' }
  | { kind: 'gone' }
  | { kind: 'unavailable' };

export interface PermissionGuardOptions {
  hub: Hub;
  resolvePlayer(request: Request): string | undefined | Promise<string | undefined>;
  readSession(sessionId: string, etag: string | undefined): Promise<SessionRead>;
  /** How long a read is trusted without a webhook. Default 60 s. */
  maxAgeMs?: number;
  /** Players whose session is kept in this instance. Default 10,000. */
  maxPlayers?: number;
  now?: () => number;
}

interface Kept {
  sessionId: string;
  etag?: string;
  enabled: ReadonlySet<string>;
  /** The newest event of the player's log when this was read. */
  lastEventId: string;
  readAt: number;
}

/** An id before any event: `since` answers the whole kept log. */
const FIRST_EVENT = '0-0';

export function permissionGuard(options: PermissionGuardOptions) {
  const { hub, maxAgeMs = 60_000, maxPlayers = 10_000, now = Date.now } = options;
  const kept = new Map<string, Kept>();

  function keep(player: string, entry: Kept): void {
    kept.delete(player);
    kept.set(player, entry);
    // The oldest read goes first: memory stays bounded whoever calls.
    if (kept.size > maxPlayers) kept.delete(kept.keys().next().value as string);
  }

  /** The permissions the player's session has on, read again only when something may have changed. */
  async function enabledFor(player: string): Promise<ReadonlySet<string> | 'no-session' | 'unavailable'> {
    const sessionId = await hub.players.sessionOf(player);
    if (!sessionId) {
      kept.delete(player);
      return 'no-session';
    }
    const before = kept.get(player)?.sessionId === sessionId ? kept.get(player) : undefined;
    // Read before the session, so a webhook that lands in between is seen next time.
    const news = await hub.events.since(player, before?.lastEventId ?? FIRST_EVENT);
    const lastEventId = news.at(-1)?.id ?? before?.lastEventId ?? FIRST_EVENT;
    if (before && news.length === 0 && now() - before.readAt < maxAgeMs) return before.enabled;
    const read = await options.readSession(sessionId, before?.etag);
    if (read.kind === 'unavailable') return 'unavailable';
    if (read.kind === 'gone') {
      kept.delete(player);
      return 'no-session';
    }
    const enabled = read.kind === 'unchanged' && before ? before.enabled : new Set(read.kind === 'session' ? read.permissions.filter((p) => p.enabled).map((p) => p.name) : []);
    keep(player, { sessionId, ...(read.kind === 'session' && read.etag ? { etag: read.etag } : before?.etag ? { etag: before.etag } : {}), enabled, lastEventId, readAt: now() });
    return enabled;
  }

  /**
   * Undefined when the request's player has `permission` on; otherwise the refusal to send:
   * 401 without a sign-in or a k-ID session, 403 without the permission (a name the session
   * does not list is off), 503 when k-ID cannot be asked (never a guess).
   */
  return async function checkPermission(request: Request, permission: string): Promise<Response | undefined> {
    const player = await options.resolvePlayer(request);
    if (!player) return kidError(401, 'UNAUTHORIZED', 'Sign in to the game first');
    // The hub's store away (Redis restarting): refused for now, never let through.
    const enabled = await enabledFor(player).catch(() => 'unavailable' as const);
    if (enabled === 'no-session') return kidError(401, 'NO_SESSION', 'This player has no k-ID session');
    if (enabled === 'unavailable') return kidError(503, 'UNAVAILABLE', 'Permissions cannot be checked right now', { 'Retry-After': '5' });
    return enabled.has(permission) ? undefined : Response.json({ error: 'PERMISSION_REQUIRED', errorMsg: `This needs the ${permission} permission`, permission }, { status: 403 });
  };
}

/** What `requirePermission` guards: the proxy, or anything with its check. */
export interface PermissionChecker {
  checkPermission(request: Request, permission: string): Promise<Response | undefined>;
}

/**
 * A Fetch API handler that runs `handler` only for a player whose k-ID session has
 * `permission` on, and answers 401 or 403 (k-ID's error shape) otherwise.
 */
export function requirePermission(guard: PermissionChecker, permission: string, handler: (request: Request) => Response | Promise<Response>) {
  return async (request: Request): Promise<Response> => (await guard.checkPermission(request, permission)) ?? handler(request);
}
