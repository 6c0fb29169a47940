import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.js';
import { ageUp, parentChange, revoke } from '../events.js';
import { readJson } from '../http.js';
import { SCENARIOS } from '../scenarios.js';

function problem(c: Context, message: string, status: 400 | 404 = 400) {
  return c.json({ error: message }, status);
}

/** The control API under `/_emulator/` (docs/emulator.md). */
export function controlRoutes(getCtx: () => EmulatorContext): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const ctx = getCtx();
    const { webhookSecret: _secret, ...config } = ctx.config;
    return c.json({ scenario: ctx.scenario, scenarios: Object.keys(SCENARIOS), config, faults: ctx.faults.list, now: ctx.clock.now() });
  });

  app.get('/scenarios', (c) =>
    c.json(Object.entries(SCENARIOS).map(([name, s]) => ({ name, title: s.title, description: s.description }))),
  );

  app.get('/scenario', (c) => c.json(getCtx().scenario));

  // Loading a scenario resets every vendor's state, the clock and the faults.
  const load = async (c: Context) => {
    const body = await readJson(c);
    const name = typeof body.name === 'string' ? body.name : typeof body.scenario === 'string' ? body.scenario : getCtx().scenario.name;
    const info = getCtx().reset(name);
    return info ? c.json(info) : problem(c, `No scenario named ${name}; try one of ${Object.keys(SCENARIOS).join(', ')}`, 404);
  };
  app.post('/scenario', load);
  app.post('/reset', load);

  app.post('/events/:event', async (c) => {
    const ctx = getCtx();
    const body = await readJson(c);
    const sessionId = typeof body.sessionId === 'string' ? body.sessionId : ctx.scenario.kid.sessionId ?? '';
    let failed: string | undefined;
    switch (c.req.param('event')) {
      case 'age-up':
        failed = ageUp(ctx, sessionId);
        break;
      case 'parent-change':
        if (typeof body.permission !== 'string' || typeof body.enabled !== 'boolean') return problem(c, 'permission (string) and enabled (boolean) are required');
        failed = parentChange(ctx, sessionId, body.permission, body.enabled);
        break;
      case 'revoke':
        failed = revoke(ctx, sessionId);
        break;
      case 'publish-terms':
        ctx.nodecraft.publish(body.type === 'rules' ? 'rules' : 'legal');
        break;
      default:
        return problem(c, 'Events are age-up, parent-change, revoke and publish-terms', 404);
    }
    if (failed) return problem(c, failed);
    const session = ctx.kid.sessions.get(sessionId);
    return c.json({ ok: true, ...(session ? { session: ctx.kid.toWire(session), deleted: session.deleted } : {}) });
  });

  app.get('/faults', (c) => c.json(getCtx().faults.list));
  app.post('/faults', async (c) => {
    const added = getCtx().faults.add(await readJson(c));
    return typeof added === 'string' ? problem(c, added) : c.json(added, 201);
  });
  app.delete('/faults', (c) => {
    getCtx().faults.clear();
    return c.body(null, 204);
  });

  app.post('/clock', async (c) => {
    const body = await readJson(c);
    if (typeof body.advanceMs !== 'number' || body.advanceMs < 0) return problem(c, 'advanceMs (a positive number) is required');
    return c.json({ now: getCtx().clock.advance(body.advanceMs) });
  });

  app.post('/config', async (c) => {
    const ctx = getCtx();
    const body = await readJson(c);
    if (body.webhookUrl === null) delete ctx.config.webhookUrl;
    else if (typeof body.webhookUrl === 'string') ctx.config.webhookUrl = body.webhookUrl;
    for (const key of ['minPollIntervalMs', 'otpTtlMs', 'elementsSessionTimeoutMs'] as const) {
      const value = body[key];
      if (typeof value === 'number' && value >= 0) ctx.config[key] = value;
    }
    for (const key of ['legacyAwait', 'omitSessionIdOnPass', 'passLeavesPermissionsOff', 'limitedAccess'] as const) {
      const value = body[key];
      if (typeof value === 'boolean') ctx.config[key] = value;
    }
    const { webhookSecret: _secret, ...config } = ctx.config;
    return c.json(config);
  });

  app.get('/outbox', (c) => c.json(getCtx().kid.outbox));

  app.get('/requests', (c) => c.json(getCtx().requests));
  app.delete('/requests', (c) => {
    getCtx().requests.length = 0;
    return c.body(null, 204);
  });

  app.get('/webhooks', async (c) => {
    const ctx = getCtx();
    await ctx.webhooks.settled();
    return c.json(ctx.webhooks.records);
  });

  app.get('/challenges', (c) => c.json([...getCtx().kid.challenges.values()].map(challengeView)));
  app.post('/challenges/:id/decide', async (c) => {
    const ctx = getCtx();
    const challenge = ctx.kid.challenges.get(c.req.param('id'));
    if (!challenge) return problem(c, 'No such challenge', 404);
    const body = await readJson(c);
    ctx.kid.decide(challenge, body.approve === true, typeof body.email === 'string' ? body.email : undefined);
    return c.json(challengeView(challenge));
  });

  // k-ID forgets a challenge (a test of a wait whose challenge vanished).
  app.delete('/challenges/:id', (c) => {
    const ctx = getCtx();
    return ctx.kid.challenges.delete(c.req.param('id')) ? c.body(null, 204) : problem(c, 'No such challenge', 404);
  });

  app.post('/elements/password', async (c) => {
    const ctx = getCtx();
    const body = await readJson(c);
    const user = typeof body.userId === 'string' ? ctx.elements.findUser(body.userId) : undefined;
    if (!user || typeof body.password !== 'string') return problem(c, 'userId (an existing user) and password are required');
    ctx.elements.changePassword(user, body.password);
    return c.json({ ok: true });
  });

  app.get('/nodecraft/signatures', (c) => c.json(getCtx().nodecraft.signatureLog));

  return app;
}

function challengeView(challenge: import('../kid/state.js').EmuChallenge) {
  const { emailToken: _token, ...view } = challenge;
  return view;
}
