/// <reference types="node" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStream } from './support/sse.js';
import { startStack, type Stack, WEBHOOK_SECRET } from './support/stack.js';
import { signedWebhook } from './support/webhook.js';

const json = (value: unknown) => JSON.stringify(value);

describe('k-ID proxy', () => {
  let stack: Stack;
  let samSession: string;

  before(async () => {
    stack = await startStack('child');
    // Pip's session exists at k-ID; the game links it to Pip once (as its sign-up would).
    await stack.proxy.hub.players.setSession('pip', 'session-pip');
    // Sam gets a session through the proxy, which learns it from k-ID's answer.
    const check = await stack.call('age-gate/check', { method: 'POST', player: 'sam', body: json({ jurisdiction: 'US-CA', age: 30 }) });
    samSession = ((await check.json()) as { session: { sessionId: string } }).session.sessionId;
  });

  after(async () => {
    await stack.close();
  });

  it('refuses a request without the game sign-in', async () => {
    for (const path of ['session/get', 'age-gate/get-requirements?jurisdiction=US-CA', 'events']) {
      const response = await stack.call(path);
      assert.equal(response.status, 401, path);
      assert.deepEqual(await response.json(), { error: 'UNAUTHORIZED', errorMsg: 'Sign in to the game first' });
    }
  });

  it("reads the player's own session, named or not", async () => {
    const named = await stack.call('session/get?sessionId=session-pip', { player: 'pip' });
    assert.equal(named.status, 200);
    const unnamed = await stack.call('session/get', { player: 'pip' });
    const body = (await unnamed.json()) as { session: { sessionId: string; etag: string } };
    assert.equal(body.session.sessionId, 'session-pip');
    const unchanged = await stack.call(`session/get?etag=${body.session.etag}`, { player: 'pip' });
    assert.equal(unchanged.status, 304);
  });

  it("keeps player A out of player B's session and challenges", async () => {
    const read = await stack.call(`session/get?sessionId=${samSession}`, { player: 'pip' });
    assert.equal(read.status, 403);
    assert.deepEqual(await read.json(), { error: 'FORBIDDEN', errorMsg: 'That belongs to another player' });
    const upgrade = await stack.call('session/upgrade', { method: 'POST', player: 'pip', body: json({ sessionId: samSession, requestedPermissions: [{ name: 'voice-chat' }] }) });
    assert.equal(upgrade.status, 403);

    const asked = await stack.call('session/upgrade', { method: 'POST', player: 'pip', body: json({ requestedPermissions: [{ name: 'voice-chat' }] }) });
    const { challenge } = (await asked.json()) as { challenge: { challengeId: string } };
    for (const path of [`challenge/get-status?challengeId=${challenge.challengeId}`, `challenge/get?challengeId=${challenge.challengeId}`, `challenge/await?challengeId=${challenge.challengeId}&timeout=1`]) {
      assert.equal((await stack.call(path, { player: 'sam' })).status, 403, path);
      assert.equal((await stack.call(path, { player: 'pip' })).status, 200, path);
    }
    for (const path of ['challenge/send-email', 'challenge/generate-otp']) {
      assert.equal((await stack.call(path, { method: 'POST', player: 'sam', body: json({ challengeId: challenge.challengeId }) })).status, 403, path);
    }
  });

  it('answers 404 outside the allow-list', async () => {
    for (const path of ['widget/generate-e2e-url', 'session/update-jurisdiction', 'test/set-challenge-status', '../kid/api/v1/session/get']) {
      const response = await stack.call(path, { player: 'pip' });
      assert.equal(response.status, 404, path);
    }
  });

  it('keeps upstream errors: status and k-ID body', async () => {
    const mixed = await stack.call('session/upgrade', {
      method: 'POST',
      player: 'sam',
      body: json({ requestedPermissions: [{ name: 'voice-chat' }, { name: 'loot-boxes-paid-gameplay-impacting' }] }),
    });
    assert.equal(mixed.status, 400);
    assert.deepEqual(await mixed.json(), { error: 'INVALID_REQUEST', errorMsg: 'Threshold and non-threshold permissions cannot be requested together' });
  });

  it('limits each player on their own', async () => {
    const limited = await startStack('child');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 65; i++) statuses.push((await limited.call('age-gate/get-requirements?jurisdiction=US-CA', { player: 'greedy' })).status);
      assert.ok(statuses.includes(429), 'the burst runs out');
      const other = await limited.call('age-gate/get-requirements?jurisdiction=US-CA', { player: 'patient' });
      assert.equal(other.status, 200);
    } finally {
      await limited.close();
    }
  });

  it('never sends the API key to the browser', () => {
    assert.ok(stack.seen.length > 10);
    for (const text of stack.seen) assert.ok(!text.includes(stack.emulator.emulator.config.kidApiKey), text);
  });

  describe('webhooks', () => {
    const event = { eventType: 'Session.ChangePermissions', data: { id: 'session-pip', productId: 'prod-blockgame' } };
    const post = (signed: ReturnType<typeof signedWebhook>) => fetch(`${stack.url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });

    it('refuses a forged signature', async () => {
      const forged = signedWebhook('not-the-secret', event);
      const response = await post(forged);
      assert.equal(response.status, 401);
      const tampered = signedWebhook(WEBHOOK_SECRET, event);
      const altered = await fetch(`${stack.url}/api/kid/webhooks`, { method: 'POST', headers: tampered.headers, body: tampered.body.replace('session-pip', 'session-sam') });
      assert.equal(altered.status, 401);
    });

    it('refuses a stale timestamp', async () => {
      const stale = signedWebhook(WEBHOOK_SECRET, event, Math.floor(Date.now() / 1000) - 301);
      assert.deepEqual([(await post(stale)).status, await (await post(stale)).json()], [401, { result: 'stale' }]);
    });

    it('accepts a valid one once: a replay and a re-signed retry are acknowledged (200), not taken again', async () => {
      const fresh = { eventType: 'Challenge.StateChange', data: { id: 'no-such-challenge', productId: 'prod-blockgame', status: 'FAIL' } };
      const signed = signedWebhook(WEBHOOK_SECRET, fresh);
      assert.deepEqual(await (await post(signed)).json(), { result: 'accepted' });
      // k-ID retries what did not get a 200: an already-processed event must get one.
      const replay = await post(signed);
      assert.equal(replay.status, 200);
      assert.deepEqual(await replay.json(), { result: 'duplicate' });
      const retry = signedWebhook(WEBHOOK_SECRET, fresh, Math.floor(Date.now() / 1000) + 1);
      const again = await post(retry);
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { result: 'duplicate' });
    });
  });

  describe('the event stream', () => {
    it("carries the emulator's Session.ChangePermissions to the open stream in under a second", async () => {
      const stream = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=pip' });
      try {
        assert.equal(stream.status, 200);
        const started = Date.now();
        await stack.control('/events/parent-change', { sessionId: 'session-pip', permission: 'voice-chat', enabled: false });
        const event = await stream.next(1000);
        assert.ok(Date.now() - started < 1000);
        assert.equal(event.event, 'session-changed');
        assert.deepEqual(JSON.parse(event.data), { type: 'session-changed', sessionId: 'session-pip' });
      } finally {
        stream.close();
      }
    });

    it('resumes after a dropped connection with no event lost', async () => {
      const first = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=sam' });
      const asked = await stack.call('session/upgrade', { method: 'POST', player: 'sam', body: json({ requestedPermissions: [{ name: 'loot-boxes-paid-gameplay-impacting' }] }) });
      const { challenge } = (await asked.json()) as { challenge: { challengeId: string } };
      await fetch(`${stack.emulator.url}/parent?otp=${(await (await stack.call(`challenge/get?challengeId=${challenge.challengeId}`, { player: 'sam' })).json() as { oneTimePassword: string }).oneTimePassword}`);
      const opened = await first.next();
      assert.equal((JSON.parse(opened.data) as { status: string }).status, 'IN_PROGRESS');
      first.close();

      // While Sam is away: the age check passes, then a parent change arrives.
      await stack.control(`/challenges/${challenge.challengeId}/decide`, { approve: true });
      await stack.control('/events/parent-change', { sessionId: samSession, permission: 'voice-chat', enabled: false });
      await fetch(`${stack.emulator.url}/_emulator/webhooks`);

      const resumed = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=sam', 'Last-Event-ID': opened.id ?? '' });
      try {
        const missed = [await resumed.next(), await resumed.next()];
        assert.deepEqual(missed.map((e) => e.event), ['challenge-changed', 'session-changed']);
        assert.equal((JSON.parse(missed[0]?.data ?? '{}') as { status?: string }).status, 'PASS');
        await assert.rejects(resumed.next(300), /no event in time/, 'nothing twice');
      } finally {
        resumed.close();
      }
    });
  });
});

describe('k-ID proxy after a revoke', () => {
  it("answers NOT_FOUND for the player's old session id, as k-ID would, so the widget shows it revoked", async () => {
    const stack = await startStack('child');
    try {
      await stack.proxy.hub.players.setSession('pip', 'session-pip');
      await stack.control('/events/revoke', {});
      await fetch(`${stack.emulator.url}/_emulator/webhooks`);
      const old = await stack.call('session/get?sessionId=session-pip', { player: 'pip' });
      assert.equal(old.status, 400);
      assert.deepEqual(await old.json(), { error: 'NOT_FOUND', errorMsg: 'This player has no session' });
    } finally {
      await stack.close();
    }
  });
});
