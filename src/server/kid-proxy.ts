import { BodyTooLarge, readBody } from './body.js';
import { memoryHub, type Hub, type RateLimits } from './hub.js';
import { RateLimiter } from './rate-limit.js';
import { eventStream, type EventStreamOptions } from './sse.js';
import type { WebhookReceiver } from './webhook-receiver.js';

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
  /** The largest request body read (the widget's are a few hundred bytes). Default 64 KiB. */
  maxBodyBytes?: number;
  events?: EventStreamOptions;
  /**
   * Open event streams this instance holds: per player (several tabs) and in all. Beyond
   * them a new stream gets 503 with `Retry-After`, and the widget polls meanwhile. Default 8 and 10,000.
   */
  streams?: { perPlayer?: number; perInstance?: number };
}

export interface KidProxy {
  readonly basePath: string;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly hub: Hub;
}

type Body = Record<string, unknown>;

interface Route {
  method: 'GET' | 'POST';
  /** Query parameters passed on; everything else is dropped. */
  query?: readonly string[];
  /** Ownership check and rewrite, before forwarding. Answers a Response to refuse. */
  check?(ctx: CallContext): Promise<Response | undefined>;
  /** What to remember from k-ID's answer. */
  learn?(ctx: CallContext, answer: Body): Promise<void>;
}

interface CallContext {
  player: string;
  query: URLSearchParams;
  body: Body;
  hub: Hub;
  /** The browser's request ending (a long poll let go) ends the call upstream too. */
  signal: AbortSignal;
}

/** A long poll is held at most this long, whatever the browser asks. */
const MAX_LONG_POLL_SECONDS = 30;

/** k-ID's error shape, so the widget's adapter reads the proxy's refusals like k-ID's. */
function kidError(status: number, error: string, errorMsg: string, headers?: Record<string, string>): Response {
  return Response.json({ error, errorMsg }, { status, ...(headers ? { headers } : {}) });
}

const notYours = () => kidError(403, 'FORBIDDEN', 'That belongs to another player');

async function ownChallenge(ctx: CallContext, challengeId: unknown): Promise<Response | undefined> {
  if (typeof challengeId !== 'string' || challengeId === '') return kidError(400, 'INVALID_REQUEST', 'challengeId is required');
  return (await ctx.hub.players.playerOfChallenge(challengeId)) === ctx.player ? undefined : notYours();
}

/**
 * The session a call names must be the player's; a call that names none gets theirs. A
 * player with no session (none yet, or revoked) hears k-ID's own NOT_FOUND, whatever id
 * the browser remembered: that tells nothing about anyone else's session.
 */
async function ownSession(ctx: CallContext, named: unknown, set: (id: string) => void): Promise<Response | undefined> {
  const mine = await ctx.hub.players.sessionOf(ctx.player);
  if (!mine) return kidError(400, 'NOT_FOUND', 'This player has no session');
  if (named === undefined || named === '') {
    set(mine);
    return undefined;
  }
  return named === mine ? undefined : notYours();
}

async function learnChallenge(ctx: CallContext, answer: Body): Promise<void> {
  const challenge = answer.challenge as { challengeId?: unknown } | undefined;
  if (typeof challenge?.challengeId === 'string') await ctx.hub.players.addChallenge(ctx.player, challenge.challengeId);
}

async function learnSession(ctx: CallContext, answer: Body): Promise<void> {
  const session = (answer.session ?? answer) as { sessionId?: unknown };
  if (typeof session.sessionId === 'string') await ctx.hub.players.setSession(ctx.player, session.sessionId);
}

/** Only what the widget needs. Anything else is 404. */
const ROUTES: Record<string, Route> = {
  'age-gate/get-requirements': { method: 'GET', query: ['jurisdiction'] },
  'age-gate/check': {
    method: 'POST',
    async learn(ctx, answer) {
      await learnChallenge(ctx, answer);
      if (answer.status === 'PASS') await learnSession(ctx, answer);
    },
  },
  'session/get': {
    method: 'GET',
    query: ['sessionId', 'etag'],
    check: (ctx) => ownSession(ctx, ctx.query.get('sessionId') ?? undefined, (id) => {
      ctx.query.set('sessionId', id);
    }),
  },
  'session/upgrade': {
    method: 'POST',
    check: (ctx) => ownSession(ctx, ctx.body.sessionId, (id) => {
      ctx.body.sessionId = id;
    }),
    learn: learnChallenge,
  },
  'challenge/get': { method: 'GET', query: ['challengeId'], check: (ctx) => ownChallenge(ctx, ctx.query.get('challengeId')) },
  'challenge/get-status': {
    method: 'GET',
    query: ['challengeId', 'timeout'],
    check: (ctx) => ownChallenge(ctx, ctx.query.get('challengeId')),
    async learn(ctx, answer) {
      // A PASS may carry a new session (first consent, or consent again after a revoke).
      if (answer.status === 'PASS' && typeof answer.sessionId === 'string') await ctx.hub.players.setSession(ctx.player, answer.sessionId);
    },
  },
  // The legacy long poll, passed on where k-ID still has it; the widget falls back to get-status.
  'challenge/await': {
    method: 'GET',
    query: ['challengeId', 'timeout'],
    check: (ctx) => {
      const asked = Number(ctx.query.get('timeout') ?? MAX_LONG_POLL_SECONDS);
      ctx.query.set('timeout', String(Number.isFinite(asked) ? Math.min(Math.max(Math.round(asked), 1), MAX_LONG_POLL_SECONDS) : MAX_LONG_POLL_SECONDS));
      return ownChallenge(ctx, ctx.query.get('challengeId'));
    },
    async learn(ctx, answer) {
      if (answer.status === 'PASS' && typeof answer.sessionId === 'string') await ctx.hub.players.setSession(ctx.player, answer.sessionId);
    },
  },
  'challenge/send-email': { method: 'POST', check: (ctx) => ownChallenge(ctx, ctx.body.challengeId) },
  'challenge/generate-otp': { method: 'POST', check: (ctx) => ownChallenge(ctx, ctx.body.challengeId) },
};

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
    if (reply.ok && route.learn && text) {
      try {
        await route.learn(ctx, JSON.parse(text) as Body);
      } catch {
        // Not JSON: the widget's own schema check reports it.
      }
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

  return {
    basePath,
    hub,
    async fetch(request) {
      try {
        return await handle(request);
      } catch {
        // The hub's store is away (Redis restarting): a clear, retryable answer, not a 500 with its message.
        return kidError(503, 'UNAVAILABLE', 'Try again in a moment', { 'Retry-After': '5' });
      }
    },
  };

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
    const refused = await route.check?.(ctx);
    return refused ?? (await forward(path, route, ctx));
  }
}
