// The k-ID calls the proxy passes on, each with its ownership check and what it learns
// from k-ID's answer (which player owns which session, challenge and verification).
import { verificationKey, type Hub } from './hub.js';

export type Body = Record<string, unknown>;

export interface Route {
  method: 'GET' | 'POST';
  /** Query parameters passed on; everything else is dropped. */
  query?: readonly string[];
  /** Ownership check and rewrite, before forwarding. Answers a Response to refuse. */
  check?(ctx: CallContext): Promise<Response | undefined>;
  /** What to remember from k-ID's answer. */
  learn?(ctx: CallContext, answer: Body): Promise<void>;
  /** Where the call carries a jurisdiction, which the game's resolver (when set) decides. */
  jurisdiction?: 'query' | 'body';
}

export interface CallContext {
  player: string;
  query: URLSearchParams;
  body: Body;
  hub: Hub;
  /** The browser's request ending (a long poll let go) ends the call upstream too. */
  signal: AbortSignal;
}

/** A long poll is held at most this long, whatever the browser asks. */
export const MAX_LONG_POLL_SECONDS = 30;

/** k-ID's error shape, so the widget's adapter reads the proxy's refusals like k-ID's. */
export function kidError(status: number, error: string, errorMsg: string, headers?: Record<string, string>): Response {
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
export const ROUTES: Record<string, Route> = {
  'age-gate/get-requirements': { method: 'GET', query: ['jurisdiction'], jurisdiction: 'query' },
  'age-gate/check': {
    method: 'POST',
    jurisdiction: 'body',
    async learn(ctx, answer) {
      await learnChallenge(ctx, answer);
      // Whatever session the answer carries (a PASS's; a CHALLENGE's, with limited access, if
      // k-ID gives one an id). None is made up: the challenge's PASS links the real one later.
      await learnSession(ctx, answer);
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
  // The player proving their own age. Created only when they start it (k-ID counts each one).
  'age-verification/perform-access-age-verification': {
    method: 'POST',
    jurisdiction: 'body',
    async check(ctx) {
      // With a session, the player's own; without one, a check that stands alone.
      const mine = await ctx.hub.players.sessionOf(ctx.player);
      const named = ctx.body.sessionId;
      if (named === undefined || named === '') {
        if (mine) ctx.body.sessionId = mine;
        else delete ctx.body.sessionId;
        return undefined;
      }
      return named === mine ? undefined : notYours();
    },
    async learn(ctx, answer) {
      if (typeof answer.id === 'string') await ctx.hub.players.addChallenge(ctx.player, verificationKey(answer.id));
    },
  },
  // k-ID's parameter is `id` (`verificationId` is a 400 there, and is not passed on here).
  'age-verification/get-status': {
    method: 'GET',
    query: ['id'],
    async check(ctx) {
      const id = ctx.query.get('id');
      if (!id) return kidError(400, 'INVALID_REQUEST', 'id is required');
      return (await ctx.hub.players.playerOfChallenge(verificationKey(id))) === ctx.player ? undefined : notYours();
    },
  },
};

