/// <reference types="node" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@redis/client';
import { serveEmulator, type RunningEmulator } from '../../src/emulator/node.js';
import { redisHub } from '../../src/server/index.js';
import { startRedis, type TestRedis } from './support/redis.js';
import { openStream } from './support/sse.js';
import { startProxy, WEBHOOK_SECRET } from './support/stack.js';
import { signedWebhook } from './support/webhook.js';

describe('two proxy instances on one Redis', () => {
  let redis: TestRedis;
  let emulator: RunningEmulator;
  const clients: Array<{ close(): Promise<unknown> }> = [];
  const closers: Array<() => Promise<void>> = [];
  let a: Awaited<ReturnType<typeof startProxy>>;
  let b: Awaited<ReturnType<typeof startProxy>>;

  async function hub() {
    const client = createClient({ url: redis.url });
    await client.connect();
    clients.push(client);
    const made = redisHub(client, { prefix: `test-${String(process.pid)}` });
    closers.push(() => made.close());
    return made;
  }

  before(async () => {
    redis = await startRedis();
    emulator = await serveEmulator({ port: 0, scenario: 'child', config: { webhookSecret: WEBHOOK_SECRET } });
    a = await startProxy(emulator, await hub());
    b = await startProxy(emulator, await hub());
  });

  after(async () => {
    for (const close of closers) await close();
    for (const client of clients) await client.close();
    await a.close();
    await b.close();
    await emulator.close();
    redis.stop();
  });

  const player = { cookie: 'player=pip' };

  it('shares who owns which session: linked on A, enforced and served on B', async () => {
    await a.proxy.hub.players.setSession('pip', 'session-pip');
    const onB = await fetch(`${b.url}/api/kid/session/get`, { headers: player });
    assert.equal(onB.status, 200);
    assert.equal(((await onB.json()) as { session: { sessionId: string } }).session.sessionId, 'session-pip');
    await a.proxy.hub.players.setSession('sam', 'session-sam');
    const other = await fetch(`${b.url}/api/kid/session/get?sessionId=session-pip`, { headers: { cookie: 'player=sam' } });
    assert.equal(other.status, 403);
  });

  it("relays a webhook received by A to the player's stream on B, and acknowledges its replay on B without relaying it", async () => {
    await a.proxy.hub.players.setSession('pip', 'session-pip');
    const stream = await openStream(`${b.url}/api/kid/events`, player);
    try {
      const signed = signedWebhook(WEBHOOK_SECRET, { eventType: 'Session.ChangePermissions', data: { id: 'session-pip', productId: 'prod-blockgame' } });
      const accepted = await fetch(`${a.url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
      assert.deepEqual(await accepted.json(), { result: 'accepted' });
      const event = await stream.next(1000);
      assert.deepEqual(JSON.parse(event.data), { type: 'session-changed', sessionId: 'session-pip' });

      const replay = await fetch(`${b.url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
      assert.equal(replay.status, 200);
      assert.deepEqual(await replay.json(), { result: 'duplicate' });
      await assert.rejects(stream.next(300), /no event in time/);
    } finally {
      stream.close();
    }
  });

  it('resumes a stream on the other instance from the shared event log', async () => {
    await a.proxy.hub.players.setSession('pip', 'session-pip');
    const first = await openStream(`${a.url}/api/kid/events`, player);
    const revoke = signedWebhook(WEBHOOK_SECRET, { eventType: 'Session.Delete', data: { id: 'session-pip', productId: 'prod-blockgame' } });
    await fetch(`${b.url}/api/kid/webhooks`, { method: 'POST', headers: revoke.headers, body: revoke.body });
    const deleted = await first.next(1000);
    first.close();
    assert.equal(deleted.event, 'session-deleted');
    await a.proxy.hub.players.setSession('pip', 'session-pip');
    const change = signedWebhook(WEBHOOK_SECRET, { eventType: 'Challenge.StateChange', data: { id: 'ch-unknown', productId: 'prod-blockgame', status: 'PASS' } });
    await fetch(`${a.url}/api/kid/webhooks`, { method: 'POST', headers: change.headers, body: change.body });
    await a.proxy.hub.players.addChallenge('pip', 'ch-known');
    const known = signedWebhook(WEBHOOK_SECRET, { eventType: 'Challenge.StateChange', data: { id: 'ch-known', productId: 'prod-blockgame', status: 'FAIL' } });
    await fetch(`${a.url}/api/kid/webhooks`, { method: 'POST', headers: known.headers, body: known.body });
    const resumed = await openStream(`${b.url}/api/kid/events`, { ...player, 'Last-Event-ID': deleted.id ?? '' });
    try {
      const missed = await resumed.next(1000);
      assert.deepEqual(JSON.parse(missed.data), { type: 'challenge-changed', challengeId: 'ch-known', status: 'FAIL' });
    } finally {
      resumed.close();
    }
  });

  it('counts one rate limit for a player across both instances', async () => {
    // Two more instances on the same Redis with a tight limit: 10 calls, then (almost) no refill.
    const rateLimit = { capacity: 10, perSecond: 0.001 };
    const c = await startProxy(emulator, await hub(), { rateLimit });
    const d = await startProxy(emulator, await hub(), { rateLimit });
    try {
      const call = (url: string) => fetch(`${url}/api/kid/session/get`, { headers: { cookie: 'player=flooder' } });
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(i % 2 ? c.url : d.url)));
      const limited = answers.filter((answer) => answer.status === 429);
      assert.equal(limited.length, 2, 'ten calls in all, not ten per instance');
      assert.ok(Number(limited[0]?.headers.get('Retry-After')) >= 1);
      await Promise.all(answers.map((answer) => answer.text()));
    } finally {
      await c.close();
      await d.close();
    }
  });
});
