import { expect } from '@open-wc/testing';
import { startEmulator } from '../support/emulator.js';
import { failure } from '../support/failure.js';

describe('emulator: fault injection', () => {
  it('latency: holds the answer, so a short timeout fires', async () => {
    const emu = await startEmulator('teen');
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: 'latency', ms: 3000, times: 1 });
    const error = await failure(emu.kid().getSession(emu.scenario.kid.sessionId ?? '', { timeoutMs: 200 }));
    expect(error.kind).to.equal('timeout');
  });

  it('5xx: a read retries past one failure, a write reports it', async () => {
    const emu = await startEmulator('teen');
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: '5xx', status: 502, times: 1 });
    const read = await emu.kid().getSession(emu.scenario.kid.sessionId ?? '');
    expect(read.changed).to.equal(true);
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/upgrade', kind: '5xx' });
    const error = await failure(emu.kid().upgrade(emu.scenario.kid.sessionId ?? '', ['text-chat-private']));
    expect(error.kind).to.equal('server');
    expect(error.status).to.equal(503);
    expect(error.vendorCode).to.equal('INTERNAL_ERROR');
  });

  it('drop: the connection closes without an answer', async () => {
    const emu = await startEmulator('adult');
    await emu.control('POST', '/faults', { vendor: 'elements', path: '/session', method: 'POST', kind: 'drop' });
    const error = await failure(emu.elements().signIn({ userId: 'sam', password: 'playgate' }));
    expect(error.kind).to.equal('network');
  });

  it('malformed: a truncated body is an invalid response', async () => {
    const emu = await startEmulator('child');
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/game', kind: 'malformed' });
    const error = await failure(emu.nodecraft().getDocument({ scope: 'game', state: 'missing', type: 'legal', action: { kind: 'ident' } }));
    expect(error.kind).to.equal('invalid_response');
    expect(error.path).to.equal('(body)');
  });

  it('429: Retry-After in the vendor shape', async () => {
    const emu = await startEmulator('child');
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/ident/token', kind: '429', retryAfter: 42 });
    const error = await failure(emu.nodecraft().identify(emu.scenario.nodecraft.identRequest));
    expect(error.kind).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(42);
    expect(error.message).to.equal('Too many requests');
  });

  it('lists faults, clears them, and refuses nonsense', async () => {
    const emu = await startEmulator('child');
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: 'drop' });
    expect(await emu.control<unknown[]>('GET', '/faults')).to.have.length(1);
    await emu.control('DELETE', '/faults');
    expect(await emu.control<unknown[]>('GET', '/faults')).to.deep.equal([]);
    const bad = await fetch(`${emu.base}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ vendor: 'kid', path: '/x', kind: 'explode' }) });
    expect(bad.status).to.equal(400);
  });
});
