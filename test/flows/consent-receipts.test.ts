// Receipts of the consent rounds, with no DOM: what each one proves, and that none is lost or doubled.
import { expect } from '@open-wc/testing';
import type { ConsentFlowEvent } from '../../src/flows/consent-flow.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { ConsentReceiptSchema, type ConsentReceipt } from '../../src/model/receipt.js';
import { doc, fail, legalMissing, player, required, serverRules, setup } from './consent-support.js';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const accepted = (events: readonly ConsentFlowEvent[]) => events.flatMap((e) => (e.type === 'accepted' ? [e.receipt] : []));
const completed = (events: readonly ConsentFlowEvent[]) => events.flatMap((e) => (e.type === 'completed' ? [...e.receipts] : []));

describe('ConsentFlow receipts', () => {
  it('records what was shown, in which words, for whom, and when it was read, accepted and taken', async () => {
    const t = setup();
    const legal = doc('legal', 'v1');
    t.fake.identify.push(required(legalMissing));
    t.fake.documents.push(legal);
    const running = t.flow.run(t.identAction, { locale: 'fr', playerId: 'player-42', heading: () => 'Conditions' });
    await t.until('reading');
    t.flow.readToEnd();
    t.flow.accept();
    expect(await running).to.equal(player);

    const [receipt] = accepted(t.events);
    expect(ConsentReceiptSchema.safeParse(receipt).success).to.equal(true);
    expect(receipt).to.include({ kind: 'consent', vendor: 'custom', scope: 'game', consentType: 'legal', state: 'missing', language: 'fr', round: 1, piiPrincipalId: 'player-42' });
    expect(receipt?.documents).to.deep.equal([{ pageId: 'legal-page', pageContentId: 'v1', title: 'Conditions' }]);
    expect(receipt?.contentSha256).to.equal(await sha256(legal.content));
    expect(receipt?.confirmedAt).to.equal(undefined);
    // Taken when the Ident it rode along with went through: the same receipt, now with that time.
    const [taken] = completed(t.events);
    expect(taken?.consentReceiptId).to.equal(receipt?.consentReceiptId);
    const times = [taken?.shownAt, taken?.readToEndAt, taken?.consentTimestamp, taken?.confirmedAt].map((time) => Date.parse(time ?? ''));
    expect(times.every(Number.isFinite)).to.equal(true);
    expect([...times].sort((a, b) => a - b)).to.deep.equal(times);
  });

  it('a server join: the server named, each round its own receipt, one character more is another digest', async () => {
    const t = setup();
    const rules = { ...doc('rules', 'r1'), content: 'Be kind.' };
    t.fake.joins.push(required(serverRules));
    t.fake.documents.push(rules);
    t.fake.signs.push({ signed: 'now', document: { ...rules, status: 'signed' } });
    const running = t.flow.run(t.joinAction);
    await t.until('reading');
    t.flow.accept();
    await running;
    const [receipt] = completed(t.events);
    expect(receipt).to.include({ scope: 'server', serverId: 'srv1', consentType: 'rules', round: 1 });
    expect(receipt?.readToEndAt).to.equal(undefined);
    expect(receipt?.contentSha256).to.equal(await sha256('Be kind.'));
    expect(receipt?.contentSha256).to.not.equal(await sha256('Be kind!'));
  });

  it('a signature that failed and was retried: one receipt, taken once', async () => {
    const t = setup();
    t.fake.joins.push(required(serverRules));
    const rules = doc('rules', 'r1');
    t.fake.documents.push(rules, rules);
    t.fake.signs.push(fail('network'), { signed: 'now', document: { ...rules, status: 'signed' } });
    const running = t.flow.run(t.joinAction);
    await t.until('reading');
    t.flow.accept();
    await t.until('error');
    t.flow.retry();
    await running;
    expect(accepted(t.events)).to.have.length(1);
    expect(completed(t.events).map((r) => r.consentReceiptId)).to.deep.equal(accepted(t.events).map((r) => r.consentReceiptId));
  });

  it('an acceptance whose signing failed survives a reload: its receipt is taken after it, with its first times', async () => {
    const storage = memoryStorage();
    const before = setup({ storage });
    before.fake.identify.push(required(legalMissing));
    before.fake.documents.push(doc('legal', 'v1'));
    before.fake.signs.push(fail('network'));
    void before.flow.run(before.identAction);
    await before.until('reading');
    before.flow.accept();
    await before.until('error');
    const [first] = accepted(before.events) as [ConsentReceipt];

    const after = setup({ storage });
    after.fake.identify.push(required(legalMissing));
    after.fake.documents.push(doc('legal', 'v1'));
    await after.flow.run(after.identAction);
    expect(accepted(after.events)).to.deep.equal([]);
    const [taken] = completed(after.events);
    expect(taken).to.deep.include({ consentReceiptId: first.consentReceiptId, shownAt: first.shownAt, consentTimestamp: first.consentTimestamp });
    expect(taken?.confirmedAt).to.be.a('string');
    // Nothing is left waiting once it was taken.
    expect(storage.get('consent-receipts')).to.equal(undefined);
  });

  it('a declined document leaves no receipt', async () => {
    const t = setup();
    t.fake.identify.push(required(legalMissing));
    t.fake.documents.push(doc('legal', 'v1'));
    const running = t.flow.run(t.identAction);
    await t.until('reading');
    t.flow.decline();
    await running.catch(() => undefined);
    expect(accepted(t.events)).to.deep.equal([]);
    expect(t.storage.get('consent-receipts')).to.equal(undefined);
  });
});
