import type { Hono } from 'hono';
import type { EmulatorContext } from '../context.js';
import { readJson } from '../http.js';
import { JURISDICTION_PATTERN, PRODUCT } from '../world.js';
import { kidError } from './routes.js';
import type { EmuVerification } from './state.js';

/** Age inputs k-ID takes only under `criteria` (wire.md A.7): at the top level they are a 400. */
const TOP_LEVEL_AGE_FIELDS = ['age', 'ageCategory', 'minimumAge'];

/** k-ID's `/age-verification/*`: the player proving their own age (AgeKit+ stands behind it at k-ID). */
export function verificationRoutes(ctx: EmulatorContext, app: Hono): void {
  const { kid } = ctx;

  app.post('/age-verification/perform-access-age-verification', async (c) => {
    const body = await readJson(c);
    const misplaced = TOP_LEVEL_AGE_FIELDS.find((field) => field in body);
    if (misplaced) return kidError(c, 400, 'INVALID_REQUEST', `${misplaced} belongs under criteria`);
    const jurisdiction = typeof body.jurisdiction === 'string' ? body.jurisdiction : '';
    if (!JURISDICTION_PATTERN.test(jurisdiction)) return kidError(c, 400, 'INVALID_JURISDICTION', 'jurisdiction is required, e.g. US-CA');
    const criteria = (body.criteria ?? {}) as { ageCategory?: unknown; age?: unknown; minimumAge?: unknown };
    const asked = criteria.ageCategory === 'ADULT' ? 18 : [criteria.age, criteria.minimumAge].find((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0);
    if (asked === undefined) return kidError(c, 400, 'INVALID_REQUEST', 'criteria needs ageCategory "ADULT" or an age');
    let sessionId: string | undefined;
    if (body.sessionId !== undefined) {
      const session = kid.live(typeof body.sessionId === 'string' ? body.sessionId : undefined);
      if (!session) return kidError(c, 400, 'NOT_FOUND', 'Session not found');
      sessionId = session.sessionId;
    }
    const verification: EmuVerification = { id: crypto.randomUUID(), jurisdiction, minimumAge: asked, state: 'PENDING', ...(sessionId ? { sessionId } : {}) };
    kid.verifications.set(verification.id, verification);
    const url = `${ctx.publicBase(c)}/verify?v=${verification.id}`;
    return c.json({ id: verification.id, url, shortUrl: url });
  });

  app.get('/age-verification/get-status', (c) => {
    // k-ID's parameter is `id`; `verificationId` is a 400 with an empty body there.
    if (c.req.query('id') === undefined && c.req.query('verificationId') !== undefined) return c.body(null, 400);
    const verification = kid.verifications.get(c.req.query('id') ?? '');
    if (!verification) return kidError(c, 400, 'NOT_FOUND', 'Verification not found');
    return c.json({ id: verification.id, status: verification.state, ...(verification.sessionId ? { sessionId: verification.sessionId } : {}) });
  });
}

/**
 * The player finished the check in the frame. It passes only if their real age meets what
 * was asked; a session then counts as verified, and an unverified adult's defaults lift.
 */
export function decideVerification(ctx: EmulatorContext, verification: EmuVerification, passed: boolean): void {
  if (verification.state !== 'PENDING') return;
  const session = ctx.kid.live(verification.sessionId);
  const oldEnough = session ? session.age >= verification.minimumAge : true;
  verification.state = passed && oldEnough ? 'PASS' : 'FAIL';
  if (session && verification.state === 'PASS') {
    session.verifiedAge = Math.max(session.verifiedAge ?? 0, session.age);
    if (session.ageVerification) session.ageVerification = 'verified';
    ctx.kid.touch(session);
  }
  ctx.webhooks.send({
    eventType: 'Verification.Result',
    data: { id: verification.id, productId: PRODUCT.productId, status: verification.state, ...(session ? { sessionId: session.sessionId } : {}) },
  });
}
