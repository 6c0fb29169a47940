/// <reference types="node" />
// The game server's piece when something around it fails: Redis restarting under two
// instances, a client that stops reading, k-ID that does not answer, a relay that fails.
import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@redis/client';
import { serveEmulator, type RunningEmulator } from '../../src/emulator/node.js';
import { memoryHub, redisHub, type Hub } from '../../src/server/index.js';
import type { RedisLike, RedisSubscriber } from '../../src/server/redis-hub.js';
import { startRedis, type TestRedis } from './support/redis.js';
import { openStream } from './support/sse.js';
import { startProxy, WEBHOOK_SECRET } from './support/stack.js';
import { signedWebhook } from './support/webhook.js';

const player = { cookie: 'player=pip' };

async function postWebhook(url: string, event: unknown): Promise<Response> {
  const signed = signedWebhook(WEBHOOK_SECRET, event);
  return fetch(`${url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
}

async function waitUntil(done: () => boolean, ms = 3000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const changed = (id: string) => ({ eventType: 'Session.ChangePermissions', data: { id, productId: 'prod-blockgame' } });

describe('server faults', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await serveEmulator({ port: 0, scenario: 'child', config: { webhookSecret: WEBHOOK_SECRET } });
  });
  after(async () => {
    await emulator.close();
  });

  it('survives a Redis restart: instances reconnect by themselves and a live stream hears what came before and after, once each', async () => {
    const redis: TestRedis = await startRedis({ persist: true });
    const clients = [createClient({ url: redis.url }), createClient({ url: redis.url })];
    const hubs: Array<Hub & { close(): Promise<void> }> = [];
    for (const client of clients) {
      client.on('error', () => undefined);
      await client.connect();
      hubs.push(redisHub(client, { prefix: `faults-${String(process.pid)}` }));
    }
    const [hubA, hubB] = hubs as unknown as [Hub, Hub];
    const a = await startProxy(emulator, hubA);
    const b = await startProxy(emulator, hubB);
    await hubA.players.setSession('pip', 'session-pip');
    const stream = await openStream(`${b.url}/api/kid/events`, player);
    try {
      assert.equal((await postWebhook(a.url, changed('session-pip'))).status, 200);
      const first = await stream.next(2000);
      await redis.restart();
      // The same stream, no reconnect by the client: B's subscriber came back and caught up.
      await hubA.players.setSession('pip', 'session-pip-2');
      assert.equal((await postWebhook(a.url, changed('session-pip-2'))).status, 200);
      const second = await stream.next(5000);
      assert.deepEqual([first.data, second.data].map((data) => (JSON.parse(data) as { sessionId: string }).sessionId), ['session-pip', 'session-pip-2']);
      await assert.rejects(stream.next(500), /no event in time/, 'nothing twice');
      // A stream that resumes on A from the first event's id gets the second, kept across the restart.
      const resumed = await openStream(`${a.url}/api/kid/events`, { ...player, 'Last-Event-ID': first.id ?? '' });
      assert.equal((await resumed.next(2000)).id, second.id);
      resumed.close();
    } finally {
      stream.close();
      await a.close();
      await b.close();
      for (const hub of hubs) await hub.close();
      for (const client of clients) await client.close();
      redis.stop();
    }
  });

  it('catches each subscription up in order after its subscriber reconnects, with what came live meanwhile held behind', async () => {
    const redis = await startRedis();
    const client = createClient({ url: redis.url });
    await client.connect();
    const real = client.duplicate();
    let online = true;
    const on: Record<string, Array<() => void>> = {};
    // The hub's pub/sub connection, with the outage and the reconnect in the test's hands.
    const subscriber: RedisSubscriber = {
      connect: () => real.connect(),
      on(event, listener) {
        (on[event] ??= []).push(listener);
        return subscriber;
      },
      subscribe: (channel, listener) =>
        real.subscribe(channel, (message) => {
          if (online) listener(message);
        }),
      unsubscribe: (channel) => real.unsubscribe(channel),
      close: () => real.close(),
    };
    const like: RedisLike = {
      get: (k) => client.get(k),
      set: (k, v, o) => client.set(k, v, o),
      del: (k) => client.del(k),
      publish: (c, m) => client.publish(c, m),
      xAdd: (k, id, m, o) => client.xAdd(k, id, m, o as never),
      xRange: (k, a, b) => client.xRange(k, a, b),
      xRevRange: (k, a, b, o) => client.xRevRange(k, a, b, o),
      eval: (script, o) => client.eval(script, o),
      duplicate: () => subscriber,
    };
    const hub = redisHub(like, { prefix: `catch-up-${String(process.pid)}` });
    const heard: Record<string, string[]> = { a: [], b: [] };
    const stops = await Promise.all(['a', 'b'].map((who) => hub.events.subscribe(who, (stored) => heard[who]?.push(stored.event.type === 'session-changed' ? stored.event.sessionId : ''))));
    try {
      const publish = (who: string, sessionId: string) => hub.events.publish(who, { type: 'session-changed', sessionId });
      await publish('a', 'a0');
      await publish('b', 'b0');
      online = false;
      for (const listener of on.reconnecting ?? []) listener();
      await publish('a', 'a1');
      await publish('b', 'b1');
      // Resubscribed: a live message comes before the client says it is ready.
      online = true;
      await publish('b', 'b2');
      for (const listener of on.ready ?? []) listener();
      await waitUntil(() => heard.a?.includes('a1') === true && heard.b?.includes('b2') === true);
      assert.deepEqual(heard, { a: ['a0', 'a1'], b: ['b0', 'b1', 'b2'] });
    } finally {
      for (const stop of stops) stop();
      await hub.close();
      await client.close();
      redis.stop();
    }
  });

  it('drops a client that stops reading, after a bounded buffer, without slowing another player', async () => {
    const hub = memoryHub();
    const proxy = await startProxy(emulator, hub, { events: { maxBufferedBytes: 16 * 1024 } });
    const fast = await openStream(`${proxy.url}/api/kid/events`, { cookie: 'player=sam' });
    let received = 0;
    // Set from the socket's events, which the compiler cannot see.
    const slowStream = { ended: false };
    let slow: IncomingMessage | undefined;
    await new Promise<void>((resolve) => {
      const request = get(`${proxy.url}/api/kid/events`, { headers: { Accept: 'text/event-stream', cookie: 'player=slow' } }, (response) => {
        slow = response;
        response.once('data', () => {
          // Reads its first bytes, then no more.
          response.pause();
          resolve();
        });
        response.on('close', () => {
          slowStream.ended = true;
        });
        response.on('error', () => undefined);
      });
      request.on('error', () => undefined);
    });
    try {
      const big = 'x'.repeat(10_000);
      // 10 MB for the slow player, well past any socket buffer, a tick apart as webhooks come.
      const published = 1000 * big.length;
      for (let i = 0; i < 1000; i++) {
        await hub.events.publish('slow', { type: 'session-changed', sessionId: `${big}${String(i)}` });
        await new Promise((resolve) => setImmediate(resolve));
      }
      const started = Date.now();
      await hub.events.publish('sam', { type: 'session-changed', sessionId: 'session-sam' });
      assert.equal((JSON.parse((await fast.next(1000)).data) as { sessionId: string }).sessionId, 'session-sam');
      assert.ok(Date.now() - started < 1000, 'the other player was served at once');
      // Reading again, the slow client finds its stream cut short: what was queued for it went.
      slow?.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      slow?.resume();
      await waitUntil(() => slowStream.ended, 5000, 'the slow stream to be dropped');
      assert.ok(received < published / 2, `it was dropped early (${String(received)} of ${String(published)} bytes read)`);
    } finally {
      fast.close();
      await proxy.close();
    }
  });

  it('answers 504 when k-ID does not answer in time, and the player is served again once it does', async () => {
    let hang = true;
    const upstream: typeof fetch = (input, init) =>
      hang
        ? new Promise((_, reject) => {
            init?.signal?.addEventListener('abort', () => {
              reject(new DOMException('aborted', 'AbortError'));
            });
          })
        : fetch(input, init);
    const hub = memoryHub();
    await hub.players.setSession('pip', 'session-pip');
    const proxy = await startProxy(emulator, hub, { upstreamTimeoutMs: 300, fetch: upstream });
    const stream = await openStream(`${proxy.url}/api/kid/events`, player);
    try {
      const started = Date.now();
      const timedOut = await fetch(`${proxy.url}/api/kid/session/get`, { headers: player });
      assert.equal(timedOut.status, 504);
      assert.deepEqual(await timedOut.json(), { error: 'UPSTREAM_TIMEOUT', errorMsg: 'k-ID did not answer in time' });
      assert.ok(Date.now() - started < 3000);
      await hub.events.publish('pip', { type: 'session-changed', sessionId: 'session-pip' });
      assert.equal((JSON.parse((await stream.next(1000)).data) as { sessionId: string }).sessionId, 'session-pip', 'the stream is unaffected');
      hang = false;
      assert.equal((await fetch(`${proxy.url}/api/kid/session/get`, { headers: player })).status, 200);
    } finally {
      stream.close();
      await proxy.close();
    }
  });

  it("answers 503 when a webhook cannot be relayed, and takes k-ID's retry of it", async () => {
    const hub = memoryHub();
    const publish = hub.events.publish.bind(hub.events);
    let failures = 1;
    hub.events.publish = (who, event) => (failures-- > 0 ? Promise.reject(new Error('store away')) : publish(who, event));
    await hub.players.setSession('pip', 'session-pip');
    const proxy = await startProxy(emulator, hub);
    const stream = await openStream(`${proxy.url}/api/kid/events`, player);
    try {
      const failed = await postWebhook(proxy.url, changed('session-pip'));
      assert.equal(failed.status, 503);
      assert.equal(failed.headers.get('Retry-After'), '5');
      // k-ID's retry: the same event, signed again a second later.
      const signed = signedWebhook(WEBHOOK_SECRET, changed('session-pip'), Math.floor(Date.now() / 1000) + 1);
      const retried = await fetch(`${proxy.url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
      assert.deepEqual(await retried.json(), { result: 'accepted' });
      assert.equal((JSON.parse((await stream.next(1000)).data) as { sessionId: string }).sessionId, 'session-pip');
      // A revoke whose relay fails keeps the player's session linked, so the retry still finds the player.
      failures = 1;
      const revoke = { eventType: 'Session.Delete', data: { id: 'session-pip', productId: 'prod-blockgame' } };
      assert.equal((await postWebhook(proxy.url, revoke)).status, 503);
      const again = signedWebhook(WEBHOOK_SECRET, revoke, Math.floor(Date.now() / 1000) + 1);
      await fetch(`${proxy.url}/api/kid/webhooks`, { method: 'POST', headers: again.headers, body: again.body });
      assert.equal((await stream.next(1000)).event, 'session-deleted');
      assert.equal(await hub.players.sessionOf('pip'), undefined, 'forgotten once told');
    } finally {
      stream.close();
      await proxy.close();
    }
  });
});
