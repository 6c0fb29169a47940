/// <reference types="node" />
// The emulator's k-ID webhooks, checked the way a game's backend would check them: with
// Node's own crypto, not the emulator's code.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveEmulator, type RunningEmulator } from '../../src/emulator/node.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const SECRET = 'node-test-webhook-secret';

describe('emulator webhooks', () => {
  const received: Received[] = [];
  let status = 200;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status).end();
    });
  });
  let running: RunningEmulator;

  before(async () => {
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    running = await serveEmulator({ port: 0, config: { webhookSecret: SECRET, webhookUrl: `http://127.0.0.1:${String(port)}/hooks` } });
  });

  after(async () => {
    await running.close();
    receiver.closeAllConnections();
    receiver.close();
  });

  async function control(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${running.url}/_emulator${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    assert.equal(response.ok, true, `${path} answered ${String(response.status)}`);
    return response.json();
  }

  async function settled(): Promise<Array<{ eventType: string; delivery?: { status?: number; attempts: number } }>> {
    return (await fetch(`${running.url}/_emulator/webhooks`)).json() as Promise<Array<{ eventType: string; delivery?: { status?: number; attempts: number } }>>;
  }

  it('signs Session.ChangePermissions as k-ID does: HMAC-SHA256 of timestamp + raw body', async () => {
    await control('/scenario', { name: 'child' });
    received.length = 0;
    await control('/events/parent-change', { permission: 'voice-chat', enabled: true });
    await settled();
    assert.equal(received.length, 1);
    const [hook] = received;
    assert.ok(hook);
    const timestamp = String(hook.headers['x-signature-timestamp']);
    const expected = createHmac('sha256', SECRET).update(timestamp + hook.body).digest('hex');
    assert.equal(hook.headers['x-signature-hmac-sha256'], expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
    assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 300, 'timestamp is current Unix seconds');
    assert.equal(hook.headers['x-event-type'], 'Session.ChangePermissions');
    assert.equal(hook.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(hook.body), { eventType: 'Session.ChangePermissions', data: { id: 'session-pip', productId: 'prod-blockgame' } });
    // A negative control: another secret does not verify.
    assert.notEqual(createHmac('sha256', 'wrong').update(timestamp + hook.body).digest('hex'), expected);
  });

  it('sends Session.Delete on a revoke, and Challenge.StateChange with the session on a PASS', async () => {
    await control('/scenario', { name: 'child' });
    received.length = 0;
    const upgrade = await fetch(`${running.url}/kid/api/v1/session/upgrade`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${running.emulator.config.kidApiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId: 'session-pip', requestedPermissions: [{ name: 'voice-chat' }] }),
    });
    const { challenge } = (await upgrade.json()) as { challenge: { challengeId: string } };
    await control(`/challenges/${challenge.challengeId}/decide`, { approve: true, email: 'parent@family.test' });
    await control('/events/revoke', {});
    await settled();
    const bodies = received.map((r) => JSON.parse(r.body) as { eventType: string; data: Record<string, unknown> });
    assert.deepEqual(bodies.map((b) => b.eventType), ['Challenge.StateChange', 'Session.Delete']);
    assert.deepEqual(bodies[0]?.data, { id: challenge.challengeId, productId: 'prod-blockgame', status: 'PASS', sessionId: 'session-pip', approverEmail: 'parent@family.test' });
    for (const hook of received) {
      const expected = createHmac('sha256', SECRET).update(String(hook.headers['x-signature-timestamp']) + hook.body).digest('hex');
      assert.equal(hook.headers['x-signature-hmac-sha256'], expected);
    }
  });

  it('records a refused delivery for retry', async () => {
    await control('/scenario', { name: 'child' });
    status = 500;
    try {
      await control('/events/revoke', {});
      const records = await settled();
      const last = records.at(-1);
      assert.equal(last?.eventType, 'Session.Delete');
      assert.equal(last.delivery?.status, 500);
      assert.equal(last.delivery.attempts, 1);
    } finally {
      status = 200;
    }
  });
});
