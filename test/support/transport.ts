// The transport failures every adapter must turn into a typed PlaygateError, run against
// one read call of each adapter.
import { expect } from '@open-wc/testing';
import type { CallOptions } from '../../src/model/ports.js';
import { json, raw, script, type ScriptedResponse, type Wire } from './wire.js';
import { failure } from './failure.js';

/** Makes a read call against a peer; `ok` is a body the call accepts. */
export interface ReadCall {
  ok: unknown;
  /** A body of the right JSON but the wrong shape, and the path the error must name. */
  wrongShape: { body: unknown; path: string };
  call(wire: Wire, options: CallOptions): Promise<unknown>;
}

export function describeTransport(read: ReadCall): void {
  const run = async (options: CallOptions, ...responses: ScriptedResponse[]) => {
    const wire = await script(...responses);
    return { wire, call: read.call(wire, options) };
  };

  describe('transport', () => {
    it('waits out a short 429 Retry-After on a read, then succeeds', async () => {
      const { wire, call } = await run({}, json(429, {}, { 'Retry-After': '0' }), json(200, read.ok));
      await call;
      expect(await wire.requests()).to.have.length(2);
    });

    it('reports a long 429 as rate_limited with retryAfter', async () => {
      const { call } = await run({}, json(429, {}, { 'Retry-After': '90' }));
      const error = await failure(call);
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfter).to.equal(90);
    });

    it('times out', async () => {
      const { call } = await run({ timeoutMs: 100 }, { ...json(200, read.ok), delayMs: 5000 });
      expect((await failure(call)).kind).to.equal('timeout');
    });

    it('stops on abort', async () => {
      const controller = new AbortController();
      const { call } = await run({ signal: controller.signal }, { ...json(200, read.ok), delayMs: 5000 });
      controller.abort();
      expect((await failure(call)).kind).to.equal('aborted');
    });

    it('reports truncated JSON as invalid_response', async () => {
      const text = JSON.stringify(read.ok);
      const { call } = await run({}, raw(200, text.slice(0, Math.floor(text.length / 2)), 'application/json'));
      const error = await failure(call);
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.equal('(body)');
    });

    it('reports a wrong shape as invalid_response naming the path', async () => {
      const { call } = await run({}, json(200, read.wrongShape.body));
      const error = await failure(call);
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.equal(read.wrongShape.path);
    });

    it('reports a persistent 5xx as a retryable server error', async () => {
      const { call } = await run({}, json(500, {}), json(500, {}), json(500, {}));
      const error = await failure(call);
      expect(error.kind).to.equal('server');
      expect(error.retryable).to.equal(true);
    });
  });
}
