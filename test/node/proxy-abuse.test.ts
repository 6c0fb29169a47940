/// <reference types="node" />
// Abuse of the game's k-ID proxy: oversized bodies, path traversal around the mount
// path, header and query injection, and one player flooding it. Each gets the right
// refusal, k-ID (a recording stand-in) never sees what it should not, and other players
// are unaffected.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createKidProxy, createWebhookReceiver, memoryHub, type Hub } from '../../src/server/index.js';
import { startStack } from './support/stack.js';

const API_KEY = 'proxy-abuse-api-key';
const UPSTREAM = 'https://kid.test/api/v1/';

interface Seen {
  url: URL;
  headers: Headers;
  body: string;
}

function setUp(options: { rateLimit?: { capacity: number; perSecond: number } } = {}) {
  const seen: Seen[] = [];
  const hub: Hub = memoryHub();
  const upstream: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: new URL(request.url), headers: request.headers, body: await request.text() });
    // k-ID answering with headers a browser must never get from the proxy.
    return Response.json(
      { session: { sessionId: 'session-pip', permissions: [] }, status: 'PASS' },
      { headers: { 'Set-Cookie': 'kid=1; HttpOnly', 'Access-Control-Allow-Origin': '*', Location: 'https://evil.example/', ETag: '"7"' } },
    );
  };
  const proxy = createKidProxy({
    apiKey: API_KEY,
    baseUrl: UPSTREAM,
    fetch: upstream,
    hub,
    webhooks: createWebhookReceiver({ secret: 'webhook-secret', hub }),
    resolvePlayer: (request) => /(?:^|;\s*)player=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1],
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const call = (path: string, init: RequestInit & { player?: string } = {}) => {
    const { player = 'pip', ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('cookie', `player=${player}`);
    return proxy.fetch(new Request(`https://game.example${path}`, { ...rest, headers }));
  };
  return { seen, hub, proxy, call };
}

const ALLOWED = new Set(['age-gate/get-requirements', 'age-gate/check', 'session/get', 'session/upgrade', 'challenge/get', 'challenge/get-status', 'challenge/await', 'challenge/send-email', 'challenge/generate-otp'].map((path) => `/api/v1/${path}`));

describe('k-ID proxy under abuse', () => {
  let stack: ReturnType<typeof setUp>;

  beforeEach(async () => {
    stack = setUp();
    await stack.hub.players.setSession('pip', 'session-pip');
    await stack.hub.players.setSession('sam', 'session-sam');
  });

  it('refuses an oversized body with 413, declared or streamed, before k-ID sees it', async () => {
    const big = JSON.stringify({ sessionId: 'session-pip', permissions: ['voice-chat'], pad: 'x'.repeat(1_000_000) });
    const declared = await stack.call('/api/kid/session/upgrade', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json', 'Content-Length': String(big.length) } });
    assert.equal(declared.status, 413);
    // A chunked body has no Content-Length: it is cut off as it streams.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)));
        controller.close();
      },
    });
    const streamed = await stack.call('/api/kid/session/upgrade', { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    const webhook = await stack.call('/api/kid/webhooks', { method: 'POST', body: big, headers: { 'X-Signature-Timestamp': '1', 'X-Signature-Hmac-Sha256': 'ab' } });
    assert.equal(webhook.status, 413);
    assert.deepEqual(stack.seen, []);
    // A normal one still goes through.
    const normal = await stack.call('/api/kid/session/upgrade', { method: 'POST', body: JSON.stringify({ sessionId: 'session-pip', permissions: ['voice-chat'] }) });
    assert.equal(normal.status, 200);
  });

  it('over real HTTP too: a chunked 2 MB body gets 413 from a Node server, which streams it rather than buffering it first', async () => {
    const served = await startStack('child');
    try {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 512; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)));
          controller.close();
        },
      });
      const response = await fetch(`${served.url}/api/kid/session/upgrade`, { method: 'POST', body, duplex: 'half', headers: { cookie: 'player=pip', 'Content-Type': 'application/json' } } as RequestInit);
      assert.equal(response.status, 413);
    } finally {
      await served.close();
    }
  });

  it('never lets a path reach k-ID outside the allow-list, however it is spelled', async () => {
    const attempts = [
      '/api/kid/../kid/api/v1/session/get',
      '/api/kid/%2e%2e/%2e%2e/admin',
      '/api/kid/session/get/../../../etc/passwd',
      '/api/kid/session%2fget',
      '/api/kid/session/get%00',
      '/api/kid/..%2f..%2fsession/get',
      '/api/kid/SESSION/GET',
      '/api/kid/session/get/',
      '/api/kid//evil.example/session/get',
      '/api/kid/%5c..%5csession/get',
      '/api/kid/age-gate/check/..%2f..%2fsession%2fupgrade',
      '/api/kid/session/get;jsessionid=1',
      '/api/kidnapped/session/get',
      '/api/kid',
      '/api/kid/../webhooks',
      '/api/kid/product/get',
      '/api/kid/session/delete',
    ];
    for (const path of attempts) {
      const response = await stack.call(path);
      // What the URL parser makes of it: only a spelling that lands exactly on an allowed route is served.
      const landed = new URL(path, 'https://game.example').pathname;
      const served = ALLOWED.has(landed.replace(/^\/api\/kid\//, '/api/v1/'));
      if (served) assert.notEqual(response.status, 404, `${path} is ${landed}`);
      else assert.ok(response.status === 404 || response.status === 405, `${path} (${landed}): ${String(response.status)}`);
    }
    for (const { url } of stack.seen) {
      assert.equal(url.origin, 'https://kid.test', url.href);
      assert.ok(ALLOWED.has(url.pathname), `k-ID saw ${url.pathname}`);
    }
  });

  it("passes no browser header or stray query on to k-ID, and no k-ID header but the three it needs back", async () => {
    const response = await stack.call('/api/kid/session/get?sessionId=session-pip&etag=%227%22%0d%0aX-Evil:%201&debug=1&apiKey=x', {
      headers: { Authorization: 'Bearer forged', 'X-Forwarded-For': '10.0.0.1', 'X-Forwarded-Host': 'evil.example', Origin: 'https://evil.example', 'X-Evil': '1' },
    });
    assert.equal(response.status, 200);
    const [forwarded] = stack.seen;
    assert.ok(forwarded);
    assert.deepEqual([...forwarded.headers.keys()].sort(), ['accept', 'authorization']);
    assert.equal(forwarded.headers.get('authorization'), `Bearer ${API_KEY}`);
    assert.deepEqual([...forwarded.url.searchParams.keys()].sort(), ['etag', 'sessionId']);
    assert.equal(forwarded.url.searchParams.get('etag'), '"7"\r\nX-Evil: 1', 'kept as a value, never a header');
    assert.deepEqual([...response.headers.keys()].sort(), ['content-type', 'etag']);
  });

  it('keeps a body from naming another player, or polluting anything', async () => {
    const other = await stack.call('/api/kid/session/upgrade', { method: 'POST', body: JSON.stringify({ sessionId: 'session-sam', permissions: ['voice-chat'] }) });
    assert.equal(other.status, 403);
    const polluted = await stack.call('/api/kid/session/upgrade', { method: 'POST', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"permissions":["voice-chat"]}' });
    assert.equal(polluted.status, 200);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    for (const body of ['[]', 'null', '"text"', '{"a":', '\u0000']) {
      const refused = await stack.call('/api/kid/session/upgrade', { method: 'POST', body });
      assert.equal(refused.status, 400, body);
    }
  });

  it('answers a flood from one player with 429 and Retry-After, while another player is served', async () => {
    const flood = setUp({ rateLimit: { capacity: 20, perSecond: 1 } });
    await flood.hub.players.setSession('greedy', 'session-greedy');
    await flood.hub.players.setSession('patient', 'session-patient');
    const statuses = await Promise.all(Array.from({ length: 500 }, () => flood.call('/api/kid/session/get', { player: 'greedy' })));
    const limited = statuses.filter((response) => response.status === 429);
    assert.equal(statuses.filter((response) => response.status === 200).length, 20);
    assert.equal(limited.length, 480);
    assert.ok(Number(limited[0]?.headers.get('Retry-After')) >= 1);
    assert.equal(flood.seen.length, 20, 'k-ID saw only the burst');
    const patient = await flood.call('/api/kid/session/get', { player: 'patient' });
    assert.equal(patient.status, 200);
  });
});
