import { unwrapSession } from '../backends/kid/mapping.js';
import { KidSessionBody } from '../backends/kid/wire.js';
import { BodyTooLarge, readBody } from './body.js';
import { memoryHub, type Hub, type RateLimits } from './hub.js';
import { RateLimiter } from './rate-limit.js';
import type { JurisdictionResolver } from './jurisdiction.js';
import { permissionGuard, type SessionRead } from './permission-guard.js';
import { kidError, MAX_LONG_POLL_SECONDS, ROUTES, type Body, type CallContext, type Route } from './kid-routes.js';
import { eventStream, type EventStreamOptions } from './sse.js';
import type { WebhookReceiver } from './webhook-receiver.js';
import { serverRecord, type Ledger } from './ledger/ledger.js';
import { OBSERVERS } from './ledger/observe.js';
import { ledgerRoute } from './ledger/routes.js';

export interface KidProxyOptions {
  /** k-ID's API key. It stays here: it is added upstream and never sent to a browser. */
  apiKey: string;
  /** k-ID's API root, e.g. `https://game-api.k-id.com/api/v1`, or the emulator's. */
  baseUrl: string;
  /**
   * The game's own authentication: who is asking, or undefined when nobody signed in.
   * Everything a player may touch is checked against this id.
   */
  resolvePlayer(request: Request): string | undefined | Promise<string | undefined>;
  /**
   * Decides the jurisdiction on `age-gate/*` and `age-verification/*`, overwriting what the
   * page sent (k-ID: resolve it on the server). `jurisdictionFrom()` is k-ID's order: a
   * trusted CDN header, then the widget's time zone. Without it, the page's value is passed on.
   */
  resolveJurisdiction?: JurisdictionResolver;
  /** Where the widget reaches the proxy. Default `/api/kid`. */
  basePath?: string;
  /** Shared state; in memory by default, `redisHub()` for several instances. */
  hub?: Hub;
  /** Also answers `POST <basePath>/webhooks`. */
  webhooks?: WebhookReceiver;
  /** Calls per player: a burst of `capacity`, then `perSecond`. Default 60 and 2. */
  rateLimit?: { capacity: number; perSecond: number };
  /** Reaches k-ID; the global fetch by default. */
  fetch?: typeof fetch;
  /**
   * How long k-ID may take before the widget hears 504 (a long poll gets its own hold on
   * top). Default 10 s, the widget's own default timeout.
   */
  upstreamTimeoutMs?: number;
  /** How long `checkPermission` trusts a session it read, when no webhook says it changed. Default 60 s. */
  permissionMaxAgeMs?: number;
  /** The largest request body read (the widget's are a few hundred bytes). Default 64 KiB. */
  maxBodyBytes?: number;
  events?: EventStreamOptions;
  /**
   * Open event streams this instance holds: per player (several tabs) and in all. Beyond
   * them a new stream gets 503 with `Retry-After`, and the widget polls meanwhile. Default 8 and 10,000.
   */
  streams?: { perPlayer?: number; perInstance?: number };
  /**
   * Keeps proof: the receipts the widget posts (`POST <basePath>/receipts`), what k-ID
   * answered to upgrades, age checks and verifications, and serves the player's own
   * `GET <basePath>/history`. Without it, those two paths are 404.
   */
  ledger?: Ledger;
}

export interface KidProxy {
  readonly basePath: string;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly hub: Hub;
  /**
   * For the game's own privileged routes: undefined when the request's player has
   * `permission` on in their k-ID session, else the refusal to send (401 without a sign-in
   * or a session, 403 without the permission, 503 when k-ID cannot be asked). See
   * `requirePermission`.
   */
  readonly checkPermission: (request: Request, permission: string) => Promise<Response | undefined>;
}

/** Response headers worth passing on; never upstream cookies or auth. */
const PASSED_HEADERS = ['content-type', 'retry-after', 'etag'];

/**
 * The game-side k-ID proxy: the widget calls it with the game's own sign-in (cookies or a
 * bearer), and it calls k-ID with the API key, for that player's session and challenges only.
 */
export function createKidProxy(options: KidProxyOptions): KidProxy {
  const basePath = (options.basePath ?? '/api/kid').replace(/\/+$/, '');
  const hub = options.hub ?? memoryHub();
  const { capacity = 60, perSecond = 2 } = options.rateLimit ?? {};
  // Shared by every instance on the hub; a game's own hub without limits counts per instance.
  const local = new RateLimiter();
  const limits: RateLimits = hub.limits ?? { take: (key, most, rate) => Promise.resolve(local.take(key, most, rate)) };
  const upstreamBase = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const upstream = options.fetch ?? globalThis.fetch.bind(globalThis);
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 10_000;

  const { perPlayer = 8, perInstance = 10_000 } = options.streams ?? {};
  const streamsOf = new Map<string, number>();
  let streams = 0;
  /** A player's event stream, within this instance's bounds: memory stays bounded whoever connects. */
  async function openStream(player: string, request: Request): Promise<Response> {
    const mine = streamsOf.get(player) ?? 0;
    if (mine >= perPlayer || streams >= perInstance) return kidError(503, 'TOO_MANY_STREAMS', 'Too many open event streams', { 'Retry-After': '30' });
    streams += 1;
    streamsOf.set(player, mine + 1);
    const release = () => {
      streams -= 1;
      const left = (streamsOf.get(player) ?? 1) - 1;
      if (left > 0) streamsOf.set(player, left);
      else streamsOf.delete(player);
    };
    try {
      return await eventStream(hub.events, player, request, options.events, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async function forward(path: string, route: Route, ctx: CallContext): Promise<Response> {
    const url = new URL(path, upstreamBase);
    for (const name of route.query ?? []) {
      const value = ctx.query.get(name);
      if (value !== null) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${options.apiKey}` };
    if (route.method === 'POST') headers['Content-Type'] = 'application/json';
    // A long poll's own hold, as the browser asked it, within what the proxy allows.
    const held = Math.min(Math.max(Math.round(Number(url.searchParams.get('timeout')) || 0), 0), MAX_LONG_POLL_SECONDS) * 1000;
    const deadline = AbortSignal.timeout(upstreamTimeoutMs + held);
    let reply: Response;
    let text: string;
    try {
      reply = await upstream(url, { method: route.method, headers, signal: AbortSignal.any([ctx.signal, deadline]), ...(route.method === 'POST' ? { body: JSON.stringify(ctx.body) } : {}) });
      text = await reply.text();
    } catch {
      if (deadline.aborted) return kidError(504, 'UPSTREAM_TIMEOUT', 'k-ID did not answer in time', { 'Retry-After': '5' });
      return kidError(502, 'UPSTREAM_UNREACHABLE', 'k-ID could not be reached');
    }
    const observe = options.ledger ? OBSERVERS[path] : undefined;
    if (reply.ok && (route.learn || observe) && text) {
      let answer: Body | undefined;
      try {
        answer = JSON.parse(text) as Body;
        await route.learn?.(ctx, answer);
      } catch {
        // Not JSON: the widget's own schema check reports it.
      }
      if (answer && observe) await keep(ctx.player, () => observe(ctx, answer));
    }
    if (reply.status === 400 && path === 'session/get' && text.includes('"NOT_FOUND"')) await hub.players.setSession(ctx.player, undefined);
    const passed = new Headers();
    for (const name of PASSED_HEADERS) {
      const value = reply.headers.get(name);
      if (value !== null) passed.set(name, value);
    }
    // Upstream errors keep their status and k-ID body.
    return new Response(reply.status === 304 || text === '' ? null : text, { status: reply.status, headers: passed });
  }

  /** A record of what k-ID answered. The ledger failing never fails the widget's call, and logs nothing. */
  async function keep(player: string, observed: () => ReturnType<(typeof OBSERVERS)[string]>): Promise<void> {
    try {
      const found = observed();
      if (found) await options.ledger?.append(serverRecord(player, found.id, found.observation));
    } catch {
      // The proof of this call is lost; the call itself stands.
    }
  }

  /** k-ID's `/session/get` for the game's own checks, with the session's etag. */
  async function readSession(sessionId: string, etag: string | undefined): Promise<SessionRead> {
    const url = new URL('session/get', upstreamBase);
    url.searchParams.set('sessionId', sessionId);
    if (etag) url.searchParams.set('etag', etag);
    try {
      const reply = await upstream(url, { headers: { Accept: 'application/json', Authorization: `Bearer ${options.apiKey}` }, signal: AbortSignal.timeout(upstreamTimeoutMs) });
      if (reply.status === 304) return { kind: 'unchanged' };
      const text = await reply.text();
      // Deleted: 400 NOT_FOUND by the docs, 404 by the vendor's skills.
      if (reply.status === 404 || (reply.status === 400 && text.includes('"NOT_FOUND"'))) return { kind: 'gone' };
      if (!reply.ok) return { kind: 'unavailable' };
      // The widget's own schema for k-ID's session: a body it would refuse decides nothing here either.
      const parsed = KidSessionBody.safeParse(JSON.parse(text));
      if (!parsed.success) return { kind: 'unavailable' };
      const session = unwrapSession(parsed.data);
      return { kind: 'session', permissions: session.permissions, ...(session.etag ? { etag: session.etag } : {}) };
    } catch {
      return { kind: 'unavailable' };
    }
  }

  const checkPermission = permissionGuard({ hub, resolvePlayer: (request) => options.resolvePlayer(request), readSession, ...(options.permissionMaxAgeMs ? { maxAgeMs: options.permissionMaxAgeMs } : {}) });

  return {
    basePath,
    hub,
    checkPermission,
    async fetch(request) {
      try {
        return await handle(request);
      } catch {
        // The hub's store is away (Redis restarting): a clear, retryable answer, not a 500 with its message.
        return kidError(503, 'UNAVAILABLE', 'Try again in a moment', { 'Retry-After': '5' });
      }
    },
  };

  /** The server's jurisdiction in place of the page's; the widget's time zone is a hint, never passed on. */
  async function decideJurisdiction(request: Request, where: 'query' | 'body', ctx: CallContext): Promise<void> {
    const timeZone = ctx.query.get('timeZone') ?? undefined;
    ctx.query.delete('timeZone');
    if (!options.resolveJurisdiction) return;
    const sent = where === 'body' ? ctx.body.jurisdiction : ctx.query.get('jurisdiction');
    const hints = { ...(typeof sent === 'string' && sent ? { jurisdiction: sent } : {}), ...(timeZone ? { timeZone } : {}) };
    const decided = await options.resolveJurisdiction(request, hints);
    if (!decided) return;
    if (where === 'body') ctx.body.jurisdiction = decided;
    else ctx.query.set('jurisdiction', decided);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) return kidError(404, 'NOT_ALLOWED', 'Not served here');
    const path = url.pathname.slice(basePath.length + 1);
    if (path === 'webhooks' && options.webhooks) return options.webhooks.fetch(request);
    const player = await options.resolvePlayer(request);
    if (!player) return kidError(401, 'UNAUTHORIZED', 'Sign in to the game first');
    const wait = await limits.take(`kid:${player}`, capacity, perSecond);
    if (wait > 0) return kidError(429, 'RATE_LIMITED', 'Too many requests', { 'Retry-After': String(wait) });
    if (path === 'events' && request.method === 'GET') return openStream(player, request);
    const kept = options.ledger && (await ledgerRoute(options.ledger, path, request, player, kidError));
    if (kept) return kept;
    const route = ROUTES[path];
    if (!route) return kidError(404, 'NOT_ALLOWED', 'That k-ID endpoint is not available through this proxy');
    if (request.method !== route.method) return kidError(405, 'METHOD_NOT_ALLOWED', `Use ${route.method}`);
    let body: Body = {};
    if (route.method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(await readBody(request, options.maxBodyBytes));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Body;
      } catch (error) {
        if (error instanceof BodyTooLarge) return kidError(413, 'PAYLOAD_TOO_LARGE', 'The body is too large');
        return kidError(400, 'INVALID_REQUEST', 'The body must be a JSON object');
      }
    }
    const ctx: CallContext = { player, query: new URLSearchParams(url.search), body, hub, signal: request.signal };
    if (route.jurisdiction) await decideJurisdiction(request, route.jurisdiction, ctx);
    const refused = await route.check?.(ctx);
    return refused ?? (await forward(path, route, ctx));
  }
}
