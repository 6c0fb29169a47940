import { expect } from '@open-wc/testing';
import { z } from 'zod/mini';
import { bearerAuth, cookieAuth, headerAuth, HttpClient, joinUrl } from '../../src/http/index.js';
import { isPlaygateError, PlaygateError } from '../../src/model/error.js';
import { json, raw, script, type Wire } from '../support/wire.js';
import { failure } from '../support/failure.js';
import { nextTask } from '../support/tick.js';

const Thing = z.object({ items: z.array(z.object({ name: z.string(), size: z.number() })) });
const thing = { items: [{ name: 'a', size: 1 }] };

function client(wire: Wire, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({ baseUrl: wire.baseUrl, name: 'test', retry: { baseDelayMs: 5 }, ...extra });
}

describe('http client', () => {
  describe('URLs and headers', () => {
    it('joins a base URL and a path whatever their slashes', () => {
      expect(joinUrl('https://a.test/api/v1', '/session/get')).to.equal('https://a.test/api/v1/session/get');
      expect(joinUrl('https://a.test/api/v1/', 'session/get')).to.equal('https://a.test/api/v1/session/get');
      expect(joinUrl('https://a.test/x', 'p', { q: 'a b&c', skip: undefined, n: 2 })).to.equal('https://a.test/x/p?q=a+b%26c&n=2');
    });

    it('resolves a relative base URL against the page', () => {
      expect(joinUrl('/api/kid/', 'session/get')).to.equal(new URL('/api/kid/session/get', location.href).toString());
    });

    it('sends Accept on every call and a JSON body with its Content-Type', async () => {
      const wire = await script(json(200, thing));
      await client(wire).json({ method: 'POST', path: 'things', body: { a: 1 }, schema: Thing });
      const seen = await wire.only();
      expect(seen.method).to.equal('POST');
      expect(seen.headers['accept']).to.equal('application/json');
      expect(seen.headers['content-type']).to.equal('application/json');
      expect(JSON.parse(seen.body)).to.deep.equal({ a: 1 });
    });

    it('adds a bearer token read at call time', async () => {
      let token = 'first';
      const wire = await script(json(200, thing), json(200, thing));
      const http = client(wire, { auth: bearerAuth(() => token) });
      await http.json({ path: 'a', schema: Thing });
      token = 'second';
      await http.json({ path: 'a', schema: Thing });
      const [one, two] = await wire.requests();
      expect(one!.headers['authorization']).to.equal('Bearer first');
      expect(two!.headers['authorization']).to.equal('Bearer second');
    });

    it('adds a custom token header, and nothing when there is no token', async () => {
      const tokens: Array<string | undefined> = [undefined, 't'];
      const wire = await script(json(200, thing), json(200, thing));
      const http = client(wire, { auth: headerAuth('x-token', () => tokens.shift()) });
      await http.json({ path: 'a', schema: Thing });
      await http.json({ path: 'a', schema: Thing });
      const [one, two] = await wire.requests();
      expect(one!.headers).not.to.have.property('x-token');
      expect(two!.headers['x-token']).to.equal('t');
    });

    it('sends the page cookies plus an optional bearer with cookie auth', async () => {
      document.cookie = 'game_session=abc; path=/';
      const wire = await script(json(200, thing));
      await client(wire, { auth: cookieAuth(() => 'extra') }).json({ path: 'a', schema: Thing });
      const seen = await wire.only();
      expect(seen.headers['cookie']).to.contain('game_session=abc');
      expect(seen.headers['authorization']).to.equal('Bearer extra');
      document.cookie = 'game_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    });

    it('uses an injected fetch', async () => {
      const wire = await script(json(200, thing));
      const urls: string[] = [];
      const spy: typeof fetch = (input, init) => {
        urls.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      };
      await client(wire, { fetch: spy }).json({ path: 'a', schema: Thing });
      expect(urls).to.deep.equal([`${wire.baseUrl}a`]);
    });
  });

  describe('bodies and schemas', () => {
    it('returns a body that matches its schema', async () => {
      const wire = await script(json(200, { ...thing, extra: 'ignored' }));
      expect(await client(wire).json({ path: 'a', schema: Thing })).to.deep.equal(thing);
    });

    it('turns truncated JSON into invalid_response', async () => {
      const wire = await script(raw(200, '{"items":[{"name":"a"', 'application/json'));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.equal('(body)');
    });

    it('turns an HTML 200 into invalid_response', async () => {
      const wire = await script(raw(200, '<!doctype html><p>Welcome to the captive portal', 'text/html'));
      expect((await failure(client(wire).json({ path: 'a', schema: Thing }))).kind).to.equal('invalid_response');
    });

    it('names the path where a body fails its schema', async () => {
      const wire = await script(json(200, { items: [{ name: 'a', size: 1 }, { name: 'b', size: 'big' }] }));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.equal('items[1].size');
      expect(error.message).to.contain('items[1].size');
    });

    it('ignores the body of a call with no schema', async () => {
      const wire = await script({ status: 200 });
      const result = await client(wire).request({ method: 'POST', path: 'a', body: {} });
      expect(result.status).to.equal(200);
    });
  });

  describe('conditional reads', () => {
    it('sends the etag and reports 304 as not modified', async () => {
      const wire = await script({ status: 304 });
      const result = await client(wire).request({ path: 'a', schema: Thing, etag: 'v7', etagParam: 'etag' });
      expect(result.notModified).to.equal(true);
      const seen = await wire.only();
      expect(seen.headers['if-none-match']).to.equal('v7');
      expect(seen.query['etag']).to.equal('v7');
    });

    it('rejects a 304 where a body was required', async () => {
      const wire = await script({ status: 304 });
      expect((await failure(client(wire).json({ path: 'a', schema: Thing }))).kind).to.equal('invalid_response');
    });
  });

  describe('rate limits and retries', () => {
    it('waits out a short Retry-After on a GET, then succeeds', async () => {
      const wire = await script(json(429, {}, { 'Retry-After': '1' }), json(200, thing));
      expect(await client(wire).json({ path: 'a', schema: Thing })).to.deep.equal(thing);
      const [first, second] = await wire.requests();
      expect(second!.at - first!.at).to.be.at.least(950);
    });

    it('gives up at once on a Retry-After longer than the bound', async () => {
      const wire = await script(json(429, {}, { 'Retry-After': '120' }));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfter).to.equal(120);
      expect(await wire.requests()).to.have.length(1);
    });

    it('reads Retry-After given as an HTTP date', async () => {
      const when = new Date(Date.now() + 60_000).toUTCString();
      const wire = await script(json(429, {}, { 'Retry-After': when }));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing }));
      expect(error.retryAfter).to.be.within(58, 61);
    });

    it('waits out Retry-After on a 503', async () => {
      const wire = await script(json(503, {}, { 'Retry-After': '0' }), json(200, thing));
      expect(await client(wire).json({ path: 'a', schema: Thing })).to.deep.equal(thing);
      expect(await wire.requests()).to.have.length(2);
    });

    it('never repeats a POST by itself, even on 429 or 5xx', async () => {
      for (const response of [json(429, {}, { 'Retry-After': '0' }), json(500, {}), json(503, {})]) {
        const wire = await script(response, json(200, thing));
        const error = await failure(client(wire).json({ method: 'POST', path: 'a', body: {}, schema: Thing }));
        expect(error.retryable).to.equal(true);
        expect(await wire.requests()).to.have.length(1);
      }
    });

    it('retries a GET at most twice on 5xx, then reports a server error', async () => {
      const wire = await script(json(500, {}), raw(502, '<html>Bad gateway</html>', 'text/html'), json(500, {}), json(200, thing));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('server');
      expect(error.status).to.equal(500);
      expect(await wire.requests()).to.have.length(3);
    });

    it('recovers when a retried GET succeeds', async () => {
      const wire = await script(json(502, {}), json(200, thing));
      expect(await client(wire).json({ path: 'a', schema: Thing })).to.deep.equal(thing);
    });

    it('does not retry a 4xx', async () => {
      const wire = await script(json(400, {}), json(200, thing));
      expect((await failure(client(wire).json({ path: 'a', schema: Thing }))).kind).to.equal('bad_request');
      expect(await wire.requests()).to.have.length(1);
    });

    it('reports a network error after retrying a GET', async () => {
      const http = new HttpClient({ baseUrl: 'http://127.0.0.1:9/', retry: { baseDelayMs: 5 } });
      const error = await failure(http.json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('network');
      expect(error.retryable).to.equal(true);
    });
  });

  describe('timeouts and aborts', () => {
    it('times out a call that takes too long', async () => {
      const wire = await script({ ...json(200, thing), delayMs: 5000 });
      const error = await failure(client(wire, { timeoutMs: 150 }).json({ path: 'a', schema: Thing }));
      expect(error.kind).to.equal('timeout');
      expect(error.retryable).to.equal(true);
    });

    it('lets one call set its own timeout', async () => {
      const wire = await script({ ...json(200, thing), delayMs: 5000 });
      const error = await failure(client(wire).json({ path: 'a', schema: Thing, timeoutMs: 100 }));
      expect(error.kind).to.equal('timeout');
    });

    it('stops when the caller aborts, and says so', async () => {
      const wire = await script({ ...json(200, thing), delayMs: 5000 });
      const controller = new AbortController();
      const call = client(wire).json({ path: 'a', schema: Thing, signal: controller.signal });
      controller.abort();
      const error = await failure(call);
      expect(error.kind).to.equal('aborted');
      expect(error.retryable).to.equal(false);
    });

    it('does not start a call whose signal is already aborted', async () => {
      const wire = await script(json(200, thing));
      const error = await failure(client(wire).json({ path: 'a', schema: Thing, signal: AbortSignal.abort() }));
      expect(error.kind).to.equal('aborted');
      expect(await wire.requests()).to.have.length(0);
    });

    it('aborts a retry back-off, not just a request', async () => {
      const wire = await script(json(429, {}, { 'Retry-After': '5' }), json(200, thing));
      const controller = new AbortController();
      const call = client(wire).json({ path: 'a', schema: Thing, signal: controller.signal });
      while ((await wire.requests()).length === 0) {
        await nextTask();
      }
      controller.abort();
      expect((await failure(call)).kind).to.equal('aborted');
      expect(await wire.requests()).to.have.length(1);
    });
  });

  describe('errors', () => {
    it('classifies statuses when the backend says nothing more', async () => {
      const cases: Array<[number, string]> = [[400, 'bad_request'], [401, 'unauthorized'], [403, 'unauthorized'], [404, 'not_found'], [409, 'conflict'], [422, 'bad_request']];
      for (const [status, kind] of cases) {
        const wire = await script(raw(status, 'nope'));
        const error = await failure(client(wire).json({ method: 'POST', path: 'a', body: {}, schema: Thing }));
        expect(error.kind, `status ${status}`).to.equal(kind);
        expect(error.status).to.equal(status);
      }
    });

    it('hands the error body to the backend decoder', async () => {
      const wire = await script(json(400, { reason: 'SPECIAL' }));
      const http = client(wire, {
        decodeError: (response, generic) => ({ ...generic, kind: 'prohibited', vendorCode: (response.body as { reason: string }).reason }),
      });
      const error = await failure(http.json({ path: 'a', schema: Thing }));
      expect(isPlaygateError(error, 'prohibited')).to.equal(true);
      expect(error.vendorCode).to.equal('SPECIAL');
    });

    it('serialises to a plain object without its cause', () => {
      const error = new PlaygateError({ kind: 'server', message: 'x', status: 500, cause: new Error('secret detail') });
      expect(JSON.parse(JSON.stringify(error))).to.deep.equal({ name: 'PlaygateError', kind: 'server', message: 'x', status: 500 });
    });
  });
});
