import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.js';
import { readJson } from '../http.js';
import type { EmuElementsSession, EmuUser } from './state.js';

type Status = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

/** Elements' error body (wire.md B.5). */
export function elementsError(c: Context, status: Status, code: string, message: string, validationFailureMessages?: string[]) {
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  return c.json({ code, message, ...(validationFailureMessages ? { validationFailureMessages } : {}) }, status);
}

interface Caller {
  session: EmuElementsSession;
  user: EmuUser;
  profileId?: string;
}

/**
 * Reads either header form. `Elements-SessionSecret: <secret> [u<user>] [p<profile>]`
 * (or its old alias) may act as one of the user's profiles.
 */
function credentials(c: Context): { secret: string; userOverride?: string; profileOverride?: string } | 'malformed' | undefined {
  const bearer = /^bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (bearer?.[1]) return { secret: bearer[1] };
  const header = c.req.header('elements-sessionsecret') ?? c.req.header('socialengine-sessionsecret');
  if (!header) return undefined;
  const [secret, ...overrides] = header.trim().split(/\s+/);
  const result: { secret: string; userOverride?: string; profileOverride?: string } = { secret: secret ?? '' };
  for (const token of overrides) {
    if (token.startsWith('u') && token.length > 1) result.userOverride = token.slice(1);
    else if (token.startsWith('p') && token.length > 1) result.profileOverride = token.slice(1);
    else return 'malformed';
  }
  return result;
}

/** Namazu Elements' API under `/elements/api/rest/`. */
export function elementsRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const { elements } = ctx;

  const authenticate = (c: Context): Caller | Response => {
    const given = credentials(c);
    // A malformed header is an exception the filter does not map: 500 UNKNOWN (wire.md B.5).
    if (given === 'malformed') return elementsError(c, 500, 'UNKNOWN', 'Malformed session header');
    if (!given) return elementsError(c, 401, 'UNAUTHORIZED', 'Authentication required.');
    const session = elements.sessions.get(given.secret);
    const user = session ? elements.users.get(session.userId) : undefined;
    if (!session || !user || session.revoked || session.passwordVersion !== user.passwordVersion) {
      return elementsError(c, 403, 'FORBIDDEN', 'Session not valid.');
    }
    if (session.expiry <= ctx.clock.now()) return elementsError(c, 401, 'UNAUTHORIZED', 'Session expired.');
    if (given.userOverride !== undefined && given.userOverride !== user.id) return elementsError(c, 403, 'FORBIDDEN', 'User override not allowed.');
    if (given.profileOverride !== undefined && !user.profiles.some((p) => p.id === given.profileOverride)) {
      return elementsError(c, 403, 'FORBIDDEN', 'Profile does not belong to the user.');
    }
    // Sliding expiry: every authenticated call pushes it out again.
    session.expiry = ctx.clock.now() + ctx.config.elementsSessionTimeoutMs;
    const profileId = given.profileOverride ?? session.profileId;
    return { session, user, ...(profileId ? { profileId } : {}) };
  };

  app.post('/session', async (c) => {
    const body = await readJson(c);
    const missing = ['userId', 'password'].filter((field) => typeof body[field] !== 'string' || body[field] === '');
    if (missing.length) return elementsError(c, 400, 'INVALID_DATA', 'Invalid request.', missing.map((f) => `${f}: must not be blank`));
    const user = elements.findUser(body.userId as string);
    if (!user || user.password !== body.password) return elementsError(c, 403, 'FORBIDDEN', 'Invalid credentials.');
    const profileId = typeof body.profileId === 'string' ? body.profileId : undefined;
    if (profileId && !user.profiles.some((p) => p.id === profileId)) return elementsError(c, 400, 'INVALID_PARAMETER', 'Profile does not belong to the user.');
    const session = elements.createSession(user, profileId);
    return c.json({ sessionSecret: session.secret, session: elements.sessionWire(session) });
  });

  app.delete('/session/:secret', (c) => {
    const session = elements.sessions.get(c.req.param('secret'));
    if (!session || session.revoked) return elementsError(c, 404, 'NOT_FOUND', 'Session not found.');
    session.revoked = true;
    return c.body(null, 204);
  });

  app.get('/profile/current', (c) => {
    const caller = authenticate(c);
    if (caller instanceof Response) return caller;
    const profile = caller.user.profiles.find((p) => p.id === caller.profileId);
    if (!profile) return elementsError(c, 404, 'NOT_FOUND', 'This session has no profile.');
    return c.json(elements.profileWire(caller.user, profile));
  });

  return app;
}
