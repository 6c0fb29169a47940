/// <reference types="node" />
// k-ID's duties for the game's server (wire.md A.7): enforce permissions on its own routes,
// decide the jurisdiction, and take each webhook once, over real HTTP against the emulator.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { jurisdictionFrom, requirePermission } from '../../src/server/index.js';
import { nodeListener, requirePermissionMiddleware } from '../../src/server/node.js';
import { openStream } from './support/sse.js';
import { listen, startStack, type Stack, WEBHOOK_SECRET } from './support/stack.js';
import { signedWebhook } from './support/webhook.js';

const json = (value: unknown) => JSON.stringify(value);

describe('requirePermission on a game route', () => {
  let stack: Stack;
  let game: ReturnType<typeof createServer>;
  let gameUrl: string;
  const sessionReads = async () => ((await (await fetch(`${stack.emulator.url}/_emulator/requests`)).json()) as Array<{ path: string }>).filter((r) => r.path.startsWith('/api/v1/session/get')).length;

  before(async () => {
    stack = await startStack('child');
    // Pip's session has public chat on and voice chat off (needs a parent).
    await stack.proxy.hub.players.setSession('pip', 'session-pip');
    const chat = requirePermission(stack.proxy, 'text-chat-public', () => new Response('posted'));
    const voice = requirePermission(stack.proxy, 'voice-chat', () => new Response('talking'));
    const middleware = requirePermissionMiddleware(stack.proxy, 'text-chat-public');
    const fetchHandler = nodeListener((request) => (new URL(request.url).pathname === '/chat' ? chat(request) : voice(request)));
    game = createServer((req, res) => {
      if (req.url === '/express-chat') middleware(req, res, () => res.end('posted by express'));
      else fetchHandler(req, res);
    });
    gameUrl = await listen(game);
  });

  after(async () => {
    game.closeAllConnections();
    game.close();
    await once(game, 'close');
    await stack.close();
  });

  const post = (path: string, player?: string) => fetch(`${gameUrl}${path}`, { method: 'POST', headers: player ? { cookie: `player=${player}` } : {}, body: 'hello' });

  it('answers 401 without a sign-in and 401 without a k-ID session, in k-ID\'s error shape', async () => {
    const anonymous = await post('/chat');
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: string }).error, 'UNAUTHORIZED');
    const sessionless = await post('/chat', 'nobody');
    assert.equal(sessionless.status, 401);
    assert.equal(((await sessionless.json()) as { error: string }).error, 'NO_SESSION');
  });

  it('answers 403 without the permission and runs the route with it, from Fetch API and Express-style alike', async () => {
    const refused = await post('/voice', 'pip');
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { error: 'PERMISSION_REQUIRED', errorMsg: 'This needs the voice-chat permission', permission: 'voice-chat' });
    const allowed = await post('/chat', 'pip');
    assert.equal(allowed.status, 200);
    assert.equal(await allowed.text(), 'posted');
    const viaExpress = await post('/express-chat', 'pip');
    assert.equal(await viaExpress.text(), 'posted by express');
    assert.equal((await post('/express-chat')).status, 401);
  });

  it('keeps the session it read: more checks, no more k-ID reads', async () => {
    await post('/chat', 'pip');
    const before = await sessionReads();
    for (let i = 0; i < 5; i++) assert.equal((await post('/chat', 'pip')).status, 200);
    assert.equal(await sessionReads(), before);
  });

  it("flips 200 to 403 as soon as the parent's change arrives by webhook, with no cache to wait out", async () => {
    assert.equal((await post('/chat', 'pip')).status, 200);
    await stack.control('/events/parent-change', { sessionId: 'session-pip', permission: 'text-chat-public', enabled: false });
    // The emulator has delivered its webhook to the proxy (and had its 200).
    await fetch(`${stack.emulator.url}/_emulator/webhooks`);
    assert.equal((await post('/chat', 'pip')).status, 403);
  });

  it('refuses (503, never a guess) when k-ID cannot be asked, and decides again once it can', async () => {
    // A player whose session was never read here: the guard must ask k-ID.
    const check = await stack.call('age-gate/check', { method: 'POST', player: 'sam', body: json({ jurisdiction: 'US-CA', age: 30 }) });
    assert.equal(check.status, 200);
    await stack.control('/faults', { vendor: 'kid', path: '/session/get', kind: '5xx', times: 1 });
    const away = await post('/chat', 'sam');
    assert.equal(away.status, 503);
    assert.equal(away.headers.get('retry-after'), '5');
    // A body the widget's own schema refuses decides nothing either.
    await stack.control('/faults', { vendor: 'kid', path: '/session/get', kind: 'malformed', times: 1 });
    assert.equal((await post('/chat', 'sam')).status, 503);
    // Sam's new session has public chat off (his to turn on): k-ID's answer, not the fault's.
    assert.equal((await post('/chat', 'sam')).status, 403);
  });

  it('answers 401 once a parent revoked the session (Session.Delete)', async () => {
    await stack.control('/events/revoke', { sessionId: 'session-pip' });
    await fetch(`${stack.emulator.url}/_emulator/webhooks`);
    assert.equal(((await (await post('/chat', 'pip')).json()) as { error: string }).error, 'NO_SESSION');
  });
});

describe('the jurisdiction, decided by the server', () => {
  it("ignores the page's jurisdiction when a resolver is set: k-ID sees the resolver's", async () => {
    const stack = await startStack('first-run', undefined, { resolveJurisdiction: jurisdictionFrom({ countryHeader: 'X-Test-Country' }) });
    try {
      const fromHeader = await stack.call('age-gate/check', { method: 'POST', player: 'sam', headers: { 'X-Test-Country': 'de' }, body: json({ jurisdiction: 'US-CA', age: 30 }) });
      assert.equal(((await fromHeader.json()) as { session: { jurisdiction: string } }).session.jurisdiction, 'DE');
      // No header: the time zone the widget reported (never passed on to k-ID).
      const fromTimeZone = await stack.call('age-gate/get-requirements?jurisdiction=US-CA&timeZone=Europe/Berlin', { player: 'sam' });
      assert.equal(((await fromTimeZone.json()) as { digitalConsentAge: number }).digitalConsentAge, 16);
      // A CDN's "unknown" is no country: the time zone decides.
      const unknown = await stack.call('age-gate/check?timeZone=Europe/Paris', { method: 'POST', player: 'rowan', headers: { 'X-Test-Country': 'XX' }, body: json({ jurisdiction: 'US-CA', age: 30 }) });
      assert.equal(((await unknown.json()) as { session: { jurisdiction: string } }).session.jurisdiction, 'FR');
    } finally {
      await stack.close();
    }
  });

  it("passes the page's jurisdiction on without a resolver (the default, as before)", async () => {
    const stack = await startStack('first-run');
    try {
      const check = await stack.call('age-gate/check?timeZone=Europe/Berlin', { method: 'POST', player: 'sam', body: json({ jurisdiction: 'US-CA', age: 30 }) });
      assert.equal(((await check.json()) as { session: { jurisdiction: string } }).session.jurisdiction, 'US-CA');
    } finally {
      await stack.close();
    }
  });
});

describe('webhooks k-ID retries, and the ones it added', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack('child');
    await stack.proxy.hub.players.setSession('pip', 'session-pip');
  });
  after(async () => {
    await stack.close();
  });
  const post = (signed: ReturnType<typeof signedWebhook>) => fetch(`${stack.url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });

  it('acknowledges a replayed valid webhook with 200 and relays it once; a forged one is still 401', async () => {
    const stream = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=pip' });
    try {
      const signed = signedWebhook(WEBHOOK_SECRET, { eventType: 'Session.ChangePermissions', data: { id: 'session-pip', productId: 'prod-blockgame' } });
      assert.equal((await post(signed)).status, 200);
      assert.deepEqual([(await post(signed)).status, (await post(signed)).status], [200, 200]);
      assert.equal((await stream.next(1000)).event, 'session-changed');
      await assert.rejects(stream.next(300), /no event in time/, 'relayed once');
      const forged = signedWebhook('not-the-secret', { eventType: 'Session.Delete', data: { id: 'session-pip' } });
      assert.equal((await post(forged)).status, 401);
    } finally {
      stream.close();
    }
  });

  it("relays Verification.Result, Verification.Revoke and ParentalConsent.Granted to the player, and acknowledges k-ID's Test event and unknown types", async () => {
    const stream = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=pip' });
    try {
      const events = [
        { eventType: 'Verification.Result', data: { id: 'verification-1', sessionId: 'session-pip', status: 'PASS' } },
        { eventType: 'Verification.Revoke', data: { id: 'verification-1', sessionId: 'session-pip' } },
        { eventType: 'ParentalConsent.Granted', data: { id: 'consent-1', sessionId: 'session-pip' } },
        { eventType: 'Test', data: { id: 'test-1' } },
        { eventType: 'Something.New', data: { id: 'x' } },
      ];
      for (const event of events) assert.equal((await post(signedWebhook(WEBHOOK_SECRET, event))).status, 200, event.eventType);
      const heard = [await stream.next(1000), await stream.next(1000), await stream.next(1000)].map((e) => JSON.parse(e.data) as unknown);
      assert.deepEqual(heard, [
        { type: 'verification-changed', verificationId: 'verification-1', status: 'PASS', sessionId: 'session-pip' },
        { type: 'verification-changed', verificationId: 'verification-1', status: 'REVOKED', sessionId: 'session-pip' },
        { type: 'session-changed', sessionId: 'session-pip' },
      ]);
    } finally {
      stream.close();
    }
  });
});

describe('limited access while a parent decides', () => {
  it("passes on the reduced state with no session id, learns none, and links the real session at the parent's PASS", async () => {
    const stack = await startStack('first-run');
    try {
      await stack.control('/config', { limitedAccess: true });
      const asked = await stack.call('age-gate/check', { method: 'POST', player: 'pip', body: json({ jurisdiction: 'US-CA', age: 9 }) });
      const answer = (await asked.json()) as { status: string; challenge: { challengeId: string; childLiteAccessEnabled?: boolean }; session?: { sessionId?: string; permissions: unknown[] } };
      assert.equal(answer.status, 'CHALLENGE');
      assert.equal(answer.challenge.childLiteAccessEnabled, true);
      assert.equal(answer.session?.sessionId, undefined, 'no session id yet');
      assert.ok((answer.session?.permissions.length ?? 0) > 0, 'the reduced permissions');
      assert.equal(await stack.proxy.hub.players.sessionOf('pip'), undefined, 'none made up');
      assert.equal((await stack.call('session/get', { player: 'pip' })).status, 400);

      await stack.control(`/challenges/${answer.challenge.challengeId}/decide`, { approve: true });
      await fetch(`${stack.emulator.url}/_emulator/webhooks`);
      const linked = await stack.proxy.hub.players.sessionOf('pip');
      assert.ok(linked, "the PASS's session");
      const read = (await (await stack.call('session/get', { player: 'pip' })).json()) as { session: { sessionId: string } };
      assert.equal(read.session.sessionId, linked);
    } finally {
      await stack.close();
    }
  });
});
