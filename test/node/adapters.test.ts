/// <reference types="node" />
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createWebhookReceiver, memoryHub } from '../../src/server/index.js';
import { expressMiddleware } from '../../src/server/node.js';
import { listen } from './support/stack.js';
import { signedWebhook } from './support/webhook.js';

type Req = IncomingMessage & { body?: unknown; rawBody?: Buffer };
type Middleware = (req: Req, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A connect-style chain, as Express runs one. */
function chain(...middleware: Middleware[]) {
  return (req: Req, res: ServerResponse) => {
    const run = (index: number, error?: unknown) => {
      const next = middleware[index];
      if (error || !next) {
        res.writeHead(error ? 500 : 404).end(error ? 'error' : 'fell through');
        return;
      }
      next(req, res, (e) => {
        run(index + 1, e);
      });
    };
    run(0);
  };
}

/** A JSON body parser that keeps the raw bytes, as `express.json({ verify })` can. */
const jsonParser: Middleware = (req, _res, next) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    req.rawBody = Buffer.concat(chunks);
    req.body = req.rawBody.length ? (JSON.parse(req.rawBody.toString('utf8')) as unknown) : undefined;
    next();
  });
};

describe('Express-style middleware', () => {
  const secret = 'adapter-secret';
  const receiver = createWebhookReceiver({ secret, hub: memoryHub() });
  const handler = (request: Request) => {
    const path = new URL(request.url).pathname;
    return path === '/api/kid/webhooks' ? receiver.fetch(request) : Promise.resolve(Response.json({ path }));
  };
  const first = createServer(chain(expressMiddleware(handler, '/api/kid')));
  const afterParser = createServer(chain(jsonParser, expressMiddleware(handler, '/api/kid')));
  let firstUrl = '';
  let afterParserUrl = '';

  before(async () => {
    firstUrl = await listen(first);
    afterParserUrl = await listen(afterParser);
  });

  after(() => {
    first.close();
    afterParser.close();
  });

  it('passes other paths to next()', async () => {
    const response = await fetch(`${firstUrl}/elsewhere`);
    assert.equal(await response.text(), 'fell through');
    assert.deepEqual(await (await fetch(`${firstUrl}/api/kid/session/get`)).json(), { path: '/api/kid/session/get' });
  });

  it('verifies a webhook mounted before any body parser', async () => {
    const signed = signedWebhook(secret, { eventType: 'Session.Delete', data: { id: 'a' } });
    const response = await fetch(`${firstUrl}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
    assert.deepEqual(await response.json(), { result: 'accepted' });
  });

  it("verifies a webhook after a body parser that kept the raw body", async () => {
    // Spaces a re-encoding would lose: the signature is over these exact bytes.
    const event = { eventType: 'Session.Delete', data: { id: 'b' } };
    const signed = signedWebhook(secret, event);
    const spaced = JSON.stringify(event, null, 2);
    const resigned = signedWebhook(secret, event);
    const { createHmac } = await import('node:crypto');
    resigned.headers['X-Signature-Hmac-Sha256'] = createHmac('sha256', secret).update(resigned.headers['X-Signature-Timestamp'] + spaced).digest('hex');
    const response = await fetch(`${afterParserUrl}/api/kid/webhooks`, { method: 'POST', headers: resigned.headers, body: spaced });
    assert.deepEqual(await response.json(), { result: 'accepted' });
    assert.ok(signed.body !== spaced);
  });
});
