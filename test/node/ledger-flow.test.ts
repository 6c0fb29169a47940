/// <reference types="node" />
// Issue 24's acceptance: a player's flow through the real emulator, the proxy and its
// webhook receiver leaves the expected records, once each, readable by that player only,
// with no secret in any of them. Run against PostgreSQL, Redis and memory.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@redis/client';
import { createEmulator } from '../../src/emulator/index.js';
import { HistoryPageSchema, RECEIPT_VERSION, type ConsentReceipt, type HistoryPage } from '../../src/model/receipt.js';
import { createKidProxy, createWebhookReceiver, memoryHub, memoryLedger, postgresLedger, redisLedger, type Ledger } from '../../src/server/index.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { startRedis, type TestRedis } from './support/redis.js';

const ORIGIN = 'http://game.test';
const SECRET = 'ledger-flow-webhook-secret-canary';
/** The game's own sign-in: bearer tokens, which must never reach a record. */
const TOKENS: Record<string, string> = { 'token-pip-canary-0f3a': 'pip', 'token-sam-canary-9b1c': 'sam' };
const tokenOf = (player: string) => Object.keys(TOKENS).find((token) => TOKENS[token] === player) ?? '';
const PARENT_EMAIL = 'parent-canary@family.test';

function consent(id: string, extra: Partial<ConsentReceipt>): ConsentReceipt {
  const now = new Date().toISOString();
  return {
    version: RECEIPT_VERSION,
    kind: 'consent',
    consentReceiptId: id,
    collectionMethod: 'playgate-consent-prompt',
    vendor: 'nodecraft',
    scope: 'game',
    consentType: 'legal',
    state: 'missing',
    documents: [{ pageId: 'page-terms', pageContentId: 'content-terms-3', title: 'Terms of Service' }],
    contentSha256: 'c'.repeat(64),
    language: 'en',
    shownAt: now,
    readToEndAt: now,
    consentTimestamp: now,
    confirmedAt: now,
    round: 1,
    piiPrincipalId: 'pip',
    ...extra,
  };
}

/** The whole backend in-process: the emulator's k-ID, the game's proxy, webhooks into its receiver. */
function stack(ledger: Ledger) {
  const hub = memoryHub();
  const receiver = createWebhookReceiver({ secret: SECRET, hub, ledger });
  const emulator = createEmulator({ scenario: 'child', publicOrigin: ORIGIN, config: { webhookSecret: SECRET, webhookUrl: `${ORIGIN}/api/kid/webhooks`, minPollIntervalMs: 0 }, webhookFetch: (input, init) => receiver.fetch(new Request(input, init)) });
  const vendor = emulator.asFetch();
  const proxy = createKidProxy({
    apiKey: emulator.config.kidApiKey,
    baseUrl: `${ORIGIN}/kid/api/v1/`,
    fetch: vendor,
    hub,
    webhooks: receiver,
    ledger,
    resolvePlayer: (request) => TOKENS[(request.headers.get('authorization') ?? '').replace(/^Bearer /, '')],
  });
  const seen: string[] = [];
  return {
    hub,
    emulator,
    seen,
    async call(path: string, player: string | undefined, init: { method?: string; body?: unknown } = {}) {
      const headers: Record<string, string> = player ? { Authorization: `Bearer ${tokenOf(player)}` } : {};
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await proxy.fetch(new Request(`${ORIGIN}/api/kid/${path}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}) }));
      seen.push(await response.clone().text());
      return response;
    },
    async control(path: string, body: unknown = {}) {
      const response = await vendor(`${ORIGIN}/_emulator${path}`, { method: 'POST', body: JSON.stringify(body) });
      assert.ok(response.ok, path);
    },
    /** Every webhook sent so far, once each has had its answer. */
    async webhooks() {
      return (await (await vendor(`${ORIGIN}/_emulator/webhooks`)).json()) as Array<{ eventType: string; body: string; delivery?: { timestamp: string; signature: string; status?: number } }>;
    },
    replay: (body: string, timestamp: string, signature: string) =>
      proxy.fetch(new Request(`${ORIGIN}/api/kid/webhooks`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Signature-Timestamp': timestamp, 'X-Signature-Hmac-Sha256': signature } })),
  };
}

async function history(s: ReturnType<typeof stack>, player: string, query = ''): Promise<HistoryPage> {
  const response = await s.call(`history${query}`, player);
  assert.equal(response.status, 200);
  return HistoryPageSchema.parse(await response.json());
}

function flow(name: string, make: () => Ledger) {
  it(`${name}: records a player's flow in order, once each, for that player only, with no secret in it`, async () => {
    const ledger = make();
    const s = stack(ledger);
    await s.hub.players.setSession('pip', 'session-pip');
    const terms = consent(`terms-${name}`, {});
    const rules = consent(`rules-${name}`, { scope: 'server', serverId: 'server-42', consentType: 'rules', documents: [{ pageId: 'page-rules', pageContentId: 'content-rules-1' }] });

    // Ident with terms, then a server join: the widget posts both receipts.
    const first = await s.call('receipts', 'pip', { method: 'POST', body: terms });
    assert.equal(first.status, 201);
    assert.deepEqual(Object.keys((await first.json()) as object), ['id', 'recordedAt']);
    assert.equal((await s.call('receipts', 'pip', { method: 'POST', body: rules })).status, 201);

    // A GUARDIAN-managed permission: a challenge the parent approves, then a revoke.
    const upgrade = await s.call('session/upgrade', 'pip', { method: 'POST', body: { requestedPermissions: [{ name: 'voice-chat' }] } });
    assert.equal(upgrade.status, 200);
    const { status, challenge } = (await upgrade.json()) as { status: string; challenge: { challengeId: string; oneTimePassword: string; url: string } };
    assert.equal(status, 'CHALLENGE');
    const canaries = [challenge.oneTimePassword, challenge.url, s.emulator.config.kidApiKey, SECRET, ...Object.keys(TOKENS), PARENT_EMAIL];
    await s.control(`/challenges/${challenge.challengeId}/decide`, { approve: true, email: PARENT_EMAIL });
    await s.webhooks();
    // The widget polls too: the PASS is kept once, however often it is read.
    for (let i = 0; i < 3; i++) assert.equal((await s.call(`challenge/get-status?challengeId=${challenge.challengeId}`, 'pip')).status, 200);
    await s.control('/events/revoke', {});
    const hooks = await s.webhooks();
    assert.deepEqual(hooks.map((h) => [h.eventType, h.delivery?.status]), [['Challenge.StateChange', 200], ['Session.Delete', 200]]);

    const page = await history(s, 'pip');
    const events = page.entries.map((e) => (e.source === 'client' ? `receipt ${e.receipt?.kind === 'consent' ? e.receipt.consentType : ''}` : `${e.observation?.event ?? ''} ${e.observation?.status ?? ''}`.trim()));
    assert.deepEqual(events, ['Session.Delete', 'challenge/get-status PASS', 'Challenge.StateChange PASS', 'session/upgrade CHALLENGE', 'receipt rules', 'receipt legal']);
    assert.deepEqual(page.entries[3]?.observation, { event: 'session/upgrade', status: 'CHALLENGE', challengeId: challenge.challengeId, sessionId: 'session-pip', permissions: ['voice-chat'] });
    assert.deepEqual(page.entries[2]?.observation, { event: 'Challenge.StateChange', status: 'PASS', challengeId: challenge.challengeId, sessionId: 'session-pip' });
    assert.deepEqual(page.entries[0]?.observation, { event: 'Session.Delete', sessionId: 'session-pip' });
    assert.deepEqual(page.entries.at(-1)?.receipt, terms);
    assert.equal(page.next, undefined);

    // A replayed webhook (the very same signed request) and a re-posted receipt add nothing.
    for (const hook of hooks) {
      const replay = await s.replay(hook.body, hook.delivery?.timestamp ?? '', hook.delivery?.signature ?? '');
      assert.equal(replay.status, 200);
    }
    // Even an instance whose hub never saw it (it relays it again): the record's id is the signature.
    const other = memoryHub();
    await other.players.addChallenge('pip', challenge.challengeId);
    const [approval] = hooks;
    const elsewhere = await createWebhookReceiver({ secret: SECRET, hub: other, ledger }).fetch(
      new Request(`${ORIGIN}/api/kid/webhooks`, { method: 'POST', body: approval?.body ?? '', headers: { 'X-Signature-Timestamp': approval?.delivery?.timestamp ?? '', 'X-Signature-Hmac-Sha256': approval?.delivery?.signature ?? '' } }),
    );
    assert.deepEqual(await elsewhere.json(), { result: 'accepted' });
    const again = await s.call('receipts', 'pip', { method: 'POST', body: terms });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id: `receipt:${terms.consentReceiptId}`, duplicate: true });
    assert.equal((await history(s, 'pip')).entries.length, 6);

    // Paging over HTTP: two at a time, newest first, the same six.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const next: HistoryPage = await history(s, 'pip', `?limit=2${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(next.entries.length <= 2);
      paged.push(...next.entries.map((e) => e.id));
      cursor = next.next;
    } while (cursor);
    assert.deepEqual(paged, page.entries.map((e) => e.id));

    // Sam: their own history only, whatever they name.
    assert.equal((await s.call('receipts', 'sam', { method: 'POST', body: consent('sams-own', { piiPrincipalId: 'sam' }) })).status, 201);
    const sams = await history(s, 'sam');
    assert.deepEqual(sams.entries.map((e) => e.id), ['receipt:sams-own']);
    for (const path of ['history?player=pip', 'history?playerId=pip', 'history?player=sam&player=pip', 'history/pip', `history?piiPrincipalId=pip`]) {
      const refused = await s.call(path, 'sam');
      assert.equal(refused.status, 403, path);
      assert.ok(!(await refused.text()).includes('receipt:'), path);
    }
    assert.equal((await s.call('history?player=sam', 'sam')).status, 200, 'naming oneself is harmless');
    assert.equal((await s.call('history', undefined)).status, 401);
    assert.equal((await s.call('receipts', undefined, { method: 'POST', body: terms })).status, 401);
    assert.equal((await history(s, 'pip')).entries.length, 6, "Sam's calls left Pip's history as it was");

    // The canary: no secret, token or one-time code in any record or any answer of the ledger's.
    const everything = [await ledger.export('pip'), await ledger.export('sam'), ...s.seen.filter((text) => text.includes('entries'))].join('\n');
    assert.equal((await ledger.export('pip')).trimEnd().split('\n').length, 6);
    for (const canary of canaries) assert.ok(canary.length > 5 && !everything.includes(canary), `a record holds ${canary}`);
  });

  it(`${name}: refuses what is not a receipt (400), too big (413), a bad cursor or limit (400), and other methods (405)`, async () => {
    const s = stack(make());
    const post = (body: unknown) => s.call('receipts', 'pip', { method: 'POST', body });
    assert.equal((await post({ ...consent('x', {}), contentSha256: 'not-a-hash' })).status, 400);
    assert.equal((await post({ kind: 'consent' })).status, 400);
    assert.equal((await post('not json')).status, 400);
    assert.equal((await post(consent('x'.repeat(195), {}))).status, 400, 'an id that does not fit once prefixed');
    assert.equal((await post({ ...consent('big', {}), documents: Array.from({ length: 40 }, (_, i) => ({ pageId: `p${String(i)}`, pageContentId: 'c', title: 't'.repeat(450) })) })).status, 413);
    assert.equal((await s.call('history?before=nope', 'pip')).status, 400);
    assert.equal((await s.call('history?limit=-3', 'pip')).status, 400);
    assert.equal((await s.call('history', 'pip', { method: 'POST', body: {} })).status, 405);
    assert.equal((await s.call('receipts', 'pip')).status, 405);
    assert.deepEqual((await history(s, 'pip')).entries, []);
  });
}

describe('the ledger through the proxy and the webhook receiver', () => {
  let db: TestPostgres;
  let redis: TestRedis;
  let client: ReturnType<typeof createClient>;
  let made = 0;
  before(async () => {
    [db, redis] = await Promise.all([startPostgres(), startRedis()]);
    client = createClient({ url: redis.url });
    await client.connect();
  });
  after(async () => {
    await client.close();
    redis.stop();
    await db.stop();
  });

  flow('postgres', () => {
    const ledger = postgresLedger(db.pool, { table: `flow_${String(++made)}` });
    const migrated = ledger.migrate();
    return {
      append: (record) => migrated.then(() => ledger.append(record)),
      history: (player, query) => migrated.then(() => ledger.history(player, query)),
      export: (player) => migrated.then(() => ledger.export(player)),
      prune: () => migrated.then(() => ledger.prune()),
    };
  });
  flow('redis', () => redisLedger(client, { prefix: `flow${String(++made)}` }));
  flow('memory', () => memoryLedger());

  it("a failing ledger never fails the widget's call or k-ID's webhook", async () => {
    const broken: Ledger = { append: () => Promise.reject(new Error('down')), history: () => Promise.reject(new Error('down')), export: () => Promise.reject(new Error('down')), prune: () => Promise.resolve(0) };
    const s = stack(broken);
    await s.hub.players.setSession('pip', 'session-pip');
    const upgrade = await s.call('session/upgrade', 'pip', { method: 'POST', body: { requestedPermissions: [{ name: 'voice-chat' }] } });
    assert.equal(upgrade.status, 200);
    await s.control('/events/revoke', {});
    assert.deepEqual((await s.webhooks()).map((h) => h.delivery?.status), [200]);
    const unavailable = await s.call('history', 'pip');
    assert.equal(unavailable.status, 503, 'its own routes say so, and may be tried again');
    assert.ok(!(await unavailable.text()).includes('down'));
  });
});
