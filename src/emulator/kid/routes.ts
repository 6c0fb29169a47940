import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.js';
import { readJson } from '../http.js';
import {
  ageFromDateOfBirth,
  ageStatusFor,
  JURISDICTION_PATTERN,
  jurisdictionRules,
  PRODUCT,
  permissionDefinition,
} from '../world.js';
import type { EmuChallenge, EmuSession } from './state.js';
import { verificationRoutes } from './verification.js';

/** k-ID's error body (wire.md A.1). */
export function kidError(c: Context, status: 400 | 401 | 404 | 429 | 500 | 503, error: string, errorMsg: string) {
  return c.json({ error, errorMsg }, status);
}

const LONG_POLL_MAX_S = 30;

/** k-ID's API under `/kid/api/v1/`. */
export function kidRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const { kid } = ctx;

  app.use('*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${ctx.config.kidApiKey}`) {
      return c.json({ error: 'UNAUTHORIZED', errorMsg: 'Missing or invalid API key' }, 401);
    }
    await next();
  });

  app.get('/age-gate/get-requirements', (c) => {
    const jurisdiction = c.req.query('jurisdiction') ?? '';
    if (!JURISDICTION_PATTERN.test(jurisdiction)) return kidError(c, 400, 'INVALID_JURISDICTION', 'jurisdiction is required, e.g. US-CA');
    const rules = jurisdictionRules(jurisdiction);
    return c.json({ shouldDisplay: true, ageAssuranceRequired: false, ...rules, approvedAgeCollectionMethods: ['date-of-birth', 'age'] });
  });

  app.post('/age-gate/check', async (c) => {
    const body = await readJson(c);
    const jurisdiction = typeof body.jurisdiction === 'string' ? body.jurisdiction : '';
    if (!JURISDICTION_PATTERN.test(jurisdiction)) return kidError(c, 400, 'INVALID_JURISDICTION', 'jurisdiction is required, e.g. US-CA');
    if (body.age !== undefined && body.dateOfBirth !== undefined) return kidError(c, 400, 'INVALID_REQUEST', 'Provide either age or dateOfBirth, not both');
    const dateOfBirth = typeof body.dateOfBirth === 'string' ? body.dateOfBirth : undefined;
    const age = typeof body.age === 'number' ? body.age : dateOfBirth ? ageFromDateOfBirth(dateOfBirth, ctx.clock.now()) : undefined;
    if (age === undefined || !Number.isInteger(age) || age < 0) return kidError(c, 400, 'INVALID_REQUEST', 'A valid age or dateOfBirth (YYYY-MM-DD) is required');
    if (age < PRODUCT.minimumAge) return c.json({ status: 'PROHIBITED' });
    if (ageStatusFor(age, jurisdiction) === 'DIGITAL_MINOR') {
      // Only where a PASS names no session: then asking again is how the game finds it.
      const consented = ctx.config.omitSessionIdOnPass ? kid.consentedSession(jurisdiction, age, dateOfBirth) : undefined;
      if (consented) return c.json({ status: 'PASS', session: kid.toWire(consented) });
      const challenge = kid.createChallenge('CHALLENGE_PARENTAL_CONSENT', { kind: 'age-gate', jurisdiction, age, ...(dateOfBirth ? { dateOfBirth } : {}) });
      // Limited access while the parent decides: the reduced permissions, with no session id yet.
      const limited = ctx.config.limitedAccess ? { session: { permissions: kid.limitedPermissions(age, jurisdiction) } } : {};
      return c.json({ status: 'CHALLENGE', challenge: challengeWire(ctx, c, challenge), ...limited });
    }
    const session = kid.createSession({ age, jurisdiction, ...(dateOfBirth ? { dateOfBirth } : {}) });
    return c.json({ status: 'PASS', session: kid.toWire(session) });
  });

  app.get('/session/get', (c) => {
    const session = kid.live(c.req.query('sessionId'));
    // A deleted session is 400 NOT_FOUND, "as if it never existed" (wire.md A.1).
    if (!session) return kidError(c, 400, 'NOT_FOUND', 'Session not found');
    if (c.req.query('etag') === kid.etag(session)) return c.body(null, 304);
    return c.json({ session: kid.toWire(session), status: 'PASS' });
  });

  app.post('/session/upgrade', async (c) => {
    const body = await readJson(c);
    const session = kid.live(typeof body.sessionId === 'string' ? body.sessionId : undefined);
    if (!session) return kidError(c, 400, 'NOT_FOUND', 'Session not found');
    const names = Array.isArray(body.requestedPermissions)
      ? body.requestedPermissions.map((p: unknown) => (p as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === 'string')
      : [];
    if (names.length === 0) return kidError(c, 400, 'INVALID_REQUEST', 'requestedPermissions must name at least one permission');
    return upgrade(ctx, c, session, names);
  });

  app.get('/challenge/get', (c) => {
    const challenge = kid.challenges.get(c.req.query('challengeId') ?? '');
    if (!challenge) return kidError(c, 400, 'NOT_FOUND', 'Challenge not found');
    return c.json(challengeWire(ctx, c, challenge));
  });

  app.get('/challenge/get-status', async (c) => {
    const challenge = kid.challenges.get(c.req.query('challengeId') ?? '');
    if (!challenge) return kidError(c, 400, 'NOT_FOUND', 'Challenge not found');
    const limited = pollLimit(ctx, c, challenge);
    if (limited) return limited;
    const timeout = Number(c.req.query('timeout') ?? 0);
    if (timeout > 0 && !settled(challenge)) {
      const before = challenge.state;
      await kid.waitForChange(challenge.challengeId, Math.min(timeout, LONG_POLL_MAX_S) * 1000, c.req.raw.signal);
      if (challenge.state === before) return c.json({ status: 'POLL_TIMEOUT' });
    }
    return c.json(statusWire(ctx, challenge));
  });

  // The legacy long poll of the Unreal sample: answers on a decision or at the timeout.
  app.get('/challenge/await', async (c) => {
    if (!ctx.config.legacyAwait) return kidError(c, 404, 'NOT_FOUND', 'No such endpoint');
    const challenge = kid.challenges.get(c.req.query('challengeId') ?? '');
    if (!challenge) return kidError(c, 400, 'NOT_FOUND', 'Challenge not found');
    const limited = pollLimit(ctx, c, challenge);
    if (limited) return limited;
    const timeout = Math.min(Number(c.req.query('timeout') ?? LONG_POLL_MAX_S) || LONG_POLL_MAX_S, LONG_POLL_MAX_S);
    const deadline = Date.now() + timeout * 1000;
    while (!settled(challenge) && Date.now() < deadline) {
      await kid.waitForChange(challenge.challengeId, deadline - Date.now(), c.req.raw.signal);
      if (c.req.raw.signal.aborted) break;
    }
    return c.json(settled(challenge) ? statusWire(ctx, challenge) : { status: 'POLL_TIMEOUT' });
  });

  app.post('/challenge/send-email', async (c) => {
    const body = await readJson(c);
    const challenge = kid.challenges.get(typeof body.challengeId === 'string' ? body.challengeId : '');
    if (!challenge) return kidError(c, 400, 'NOT_FOUND', 'Challenge not found');
    const given = typeof body.email === 'string' && body.email.trim() !== '' ? body.email.trim() : undefined;
    if (given !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(given)) return kidError(c, 400, 'INVALID_EMAIL', 'That is not an email address');
    const to = given ?? kid.emailOnFile;
    if (!to) return kidError(c, 400, 'INVALID_EMAIL', 'No email address was given and none is on file');
    kid.outbox.push({ to, challengeId: challenge.challengeId, link: `${ctx.publicBase(c)}/parent?c=${challenge.challengeId}&t=${challenge.emailToken}`, at: ctx.clock.now() });
    return c.body(null, 200);
  });

  app.post('/challenge/generate-otp', async (c) => {
    const body = await readJson(c);
    const challenge = kid.challenges.get(typeof body.challengeId === 'string' ? body.challengeId : '');
    if (!challenge) return kidError(c, 400, 'NOT_FOUND', 'Challenge not found');
    kid.refreshOtp(challenge);
    return c.json({ otp: challenge.otp, expiresAt: new Date(challenge.otpExpiresAt).toISOString(), url: parentUrl(ctx, c, challenge) });
  });

  verificationRoutes(ctx, app);
  return app;
}

function upgrade(ctx: EmulatorContext, c: Context, session: EmuSession, names: string[]) {
  const { kid } = ctx;
  const definitions = names.map((name) => ({ name, definition: permissionDefinition(name) }));
  const unknown = definitions.find((d) => !d.definition);
  if (unknown) return kidError(c, 400, 'INVALID_PERMISSION', `Unknown permission: ${unknown.name}`);
  const thresholds = definitions.filter((d) => d.definition?.verifiedAgeThreshold !== undefined);
  if (thresholds.length > 0 && thresholds.length < names.length) {
    return kidError(c, 400, 'INVALID_REQUEST', 'Threshold and non-threshold permissions cannot be requested together');
  }
  const prohibited = names.find((name) => kid.managedBy(session, name) === 'PROHIBITED');
  if (prohibited) return kidError(c, 400, 'PERMISSION_PROHIBITED', `${prohibited} cannot be enabled for this player`);
  if (thresholds.length > 0) {
    const highest = Math.max(...thresholds.map((d) => d.definition?.verifiedAgeThreshold ?? 0));
    // Once an age is verified, upgrades at or below it pass without a new challenge.
    if ((session.verifiedAge ?? -1) < highest) {
      const challenge = kid.createChallenge('CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE', { kind: 'upgrade', sessionId: session.sessionId, permissions: names });
      return c.json({ status: 'CHALLENGE', challenge: challengeWire(ctx, c, challenge) });
    }
  } else if (names.some((name) => kid.managedBy(session, name) === 'GUARDIAN')) {
    const challenge = kid.createChallenge('CHALLENGE_SESSION_UPGRADE', { kind: 'upgrade', sessionId: session.sessionId, permissions: names });
    return c.json({ status: 'CHALLENGE', challenge: challengeWire(ctx, c, challenge) });
  }
  for (const name of names) session.enabled.add(name);
  kid.touch(session);
  return c.json({ status: 'PASS', session: kid.toWire(session) });
}

function settled(challenge: EmuChallenge): boolean {
  return challenge.state === 'PASS' || challenge.state === 'FAIL';
}

function statusWire(ctx: EmulatorContext, challenge: EmuChallenge) {
  return {
    status: challenge.state,
    ...(challenge.state === 'PASS' && challenge.resultSessionId && !ctx.config.omitSessionIdOnPass ? { sessionId: challenge.resultSessionId } : {}),
    ...(challenge.state === 'PASS' && challenge.approverEmail ? { approverEmail: challenge.approverEmail } : {}),
  };
}

/** Polls closer together than allowed get 429 with Retry-After. */
function pollLimit(ctx: EmulatorContext, c: Context, challenge: EmuChallenge) {
  const now = Date.now();
  const since = challenge.lastPolledAt === undefined ? Infinity : now - challenge.lastPolledAt;
  if (since < ctx.config.minPollIntervalMs) {
    c.header('Retry-After', String(Math.ceil((ctx.config.minPollIntervalMs - since) / 1000)));
    return kidError(c, 429, 'RATE_LIMITED', 'Polling too fast');
  }
  challenge.lastPolledAt = now;
  return undefined;
}

function parentUrl(ctx: EmulatorContext, c: Context, challenge: EmuChallenge): string {
  return `${ctx.publicBase(c)}/parent?otp=${challenge.otp}`;
}

function challengeWire(ctx: EmulatorContext, c: Context, challenge: EmuChallenge) {
  // Age assurance is the player's own check, in the player's frame; the rest go to a parent.
  const byAgeAssurance = challenge.type === 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE';
  return {
    challengeId: challenge.challengeId,
    type: challenge.type,
    oneTimePassword: challenge.otp,
    url: byAgeAssurance ? `${ctx.publicBase(c)}/verify?c=${challenge.challengeId}` : parentUrl(ctx, c, challenge),
    otpExpiresAt: new Date(challenge.otpExpiresAt).toISOString(),
    ...(!byAgeAssurance && ctx.config.limitedAccess ? { childLiteAccessEnabled: true } : {}),
  };
}
