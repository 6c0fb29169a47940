import { expect } from '@open-wc/testing';
import { memoryStorage } from '../../src/flows/storage.js';
import { ACCEPTED_KEY, legalMissing, legalOutdated, rulesMissing, serverRules, doc, required, fail, player, setup, rejection, readingLegal, withoutReceipts } from './consent-support.js';

describe('ConsentFlow', () => {
  it('missing document: loading, reading, accept, signing; the action runs again with it and resolves', async () => {
    const t = setup();
    const legal = doc('legal', 'v1');
    t.fake.identify.push(required(legalMissing));
    t.fake.documents.push(legal);
    const running = t.flow.run(t.identAction);
    expect(await t.until('reading')).to.deep.equal({ state: 'reading', round: 1, requirement: legalMissing, document: legal });
    expect(t.seen()).to.deep.equal(['running', 'loading', 'reading']);
    t.flow.accept();
    t.flow.accept(); // a double click is one acceptance
    expect(await running).to.equal(player);
    expect(t.seen()).to.deep.equal(['running', 'loading', 'reading', 'signing', 'running', 'done']);
    expect(withoutReceipts(t.events)).to.deep.equal([
      { type: 'required', requirement: legalMissing, round: 1 },
      { type: 'accepted', requirement: legalMissing, document: legal },
      { type: 'completed', rounds: 1 },
    ]);
    expect(t.fake.calls.identify).to.deep.equal([[], ['legal:legal-page@v1']]);
    expect(t.fake.calls.sign).to.deep.equal(['legal:legal-page@v1']);
    expect(t.fake.calls.getDocument).to.deep.equal([legalMissing]);
    // Signed by riding along: nothing is left remembered.
    expect(t.storage.get(ACCEPTED_KEY)).to.equal(undefined);
  });

  it('an outdated document, then the rules: two rounds, each read and accepted', async () => {
    const t = setup();
    t.fake.identify.push(required(legalOutdated), required(rulesMissing));
    t.fake.documents.push(doc('legal', 'v2', 'outdated'), doc('rules', 'r1'));
    const running = t.flow.run(t.identAction);
    const first = await t.until('reading', 1);
    expect(first).to.deep.include({ requirement: legalOutdated });
    expect(first).to.not.have.property('total');
    t.flow.accept();
    expect(await t.until('reading', 2)).to.deep.include({ requirement: rulesMissing, document: doc('rules', 'r1') });
    t.flow.accept();
    await running;
    expect(t.events.map((e) => e.type)).to.deep.equal(['required', 'accepted', 'required', 'accepted', 'completed']);
    expect(withoutReceipts(t.events).at(-1)).to.deep.equal({ type: 'completed', rounds: 2 });
    expect(t.fake.calls.identify).to.deep.equal([[], ['legal:legal-page@v2'], ['legal:legal-page@v2', 'rules:rules-page@r1']]);
    expect(t.fake.calls.getDocument).to.deep.equal([legalOutdated, rulesMissing]);
  });

  it('with outstanding() giving both layers: "of 2" on the states, and no document read again', async () => {
    const legal = doc('legal', 'v2', 'outdated');
    const rules = doc('rules', 'r1');
    const t = setup({ outstanding: [{ requirement: legalOutdated, document: legal }, { requirement: rulesMissing, document: rules }] });
    t.fake.identify.push(required(legalOutdated), required(rulesMissing));
    const running = t.flow.run(t.identAction);
    expect(await t.until('reading', 1)).to.deep.equal({ state: 'reading', round: 1, total: 2, requirement: legalOutdated, document: legal });
    t.flow.accept();
    expect(await t.until('reading', 2)).to.deep.equal({ state: 'reading', round: 2, total: 2, requirement: rulesMissing, document: rules });
    t.flow.accept();
    await running;
    expect(withoutReceipts(t.events).at(-1)).to.deep.equal({ type: 'completed', rounds: 2 });
    // Only round 1's first 'loading' comes before the plan was read.
    const rounds = t.states.filter((s) => s.state === 'loading' || s.state === 'reading' || s.state === 'signing');
    expect(rounds.map((s) => ('total' in s ? s.total : undefined))).to.deep.equal([undefined, 2, 2, 2, 2, 2]);
    expect(t.fake.calls.outstanding).to.equal(1);
    expect(t.fake.calls.getDocument).to.deep.equal([]);
  });

  it('gives up with consent_rounds_exceeded when the action keeps asking past maxRounds', async () => {
    const t = setup();
    const asking = required(serverRules);
    t.fake.joins.push(asking, asking, asking, asking);
    t.fake.documents.push(doc('rules', 'r1'), doc('rules', 'r2'));
    t.fake.signs.push({ signed: 'now', document: doc('rules', 'r1', 'signed') }, { signed: 'now', document: doc('rules', 'r2', 'signed') });
    const running = t.flow.run(t.joinAction, { maxRounds: 2 });
    await t.until('reading', 1);
    t.flow.accept();
    await t.until('reading', 2);
    t.flow.accept();
    const error = await rejection(running);
    expect(error.kind).to.equal('consent_rounds_exceeded');
    expect(error.requirement).to.deep.equal(serverRules);
    expect(t.flow.state).to.deep.include({ state: 'failed' });
    // The first try and one after each of the 2 rounds; no third document.
    expect(t.fake.calls.join).to.equal(3);
    expect(t.fake.calls.sign).to.deep.equal(['rules:rules-page@r1', 'rules:rules-page@r2']);
    expect(t.events.map((e) => e.type)).to.deep.equal(['required', 'accepted', 'required', 'accepted']);
  });

  it('decline: rejects consent_declined, the action is not run again', async () => {
    const t = setup();
    const { running } = await readingLegal(t);
    t.flow.decline();
    const error = await rejection(running);
    expect(error.kind).to.equal('consent_declined');
    expect(t.flow.state).to.deep.equal({ state: 'declined', requirement: legalMissing });
    expect(withoutReceipts(t.events)).to.deep.equal([
      { type: 'required', requirement: legalMissing, round: 1 },
      { type: 'declined', requirement: legalMissing },
    ]);
    expect(t.fake.calls.identify).to.have.length(1);
    expect(t.fake.calls.sign).to.deep.equal([]);
  });

  it('signs exactly once across a retry: the document is read again first, and a signed one is not signed again', async () => {
    const t = setup();
    t.fake.joins.push(required(serverRules));
    t.fake.documents.push(doc('rules', 'r1'), doc('rules', 'r1', 'signed'));
    t.fake.signs.push(fail('server'));
    const running = t.flow.run(t.joinAction);
    await t.until('reading');
    t.flow.accept();
    const error = await t.until('error');
    expect(error).to.deep.include({ step: 'sign', document: doc('rules', 'r1') });
    expect(error.state === 'error' && error.error.kind).to.equal('server');
    t.flow.retry();
    await running;
    expect(t.fake.calls.sign).to.have.length(1);
    expect(t.fake.calls.getDocument).to.deep.equal([serverRules, serverRules]);
    expect(t.fake.calls.join).to.equal(2);
    expect(t.events.map((e) => e.type)).to.deep.equal(['required', 'accepted', 'completed']);
    expect(t.storage.get(ACCEPTED_KEY)).to.equal(undefined);

    // Still unsigned on the re-read: then, and only then, a second sign().
    const u = setup();
    u.fake.joins.push(required(serverRules));
    u.fake.documents.push(doc('rules', 'r1'), doc('rules', 'r1'));
    u.fake.signs.push(fail('server'), { signed: 'now', document: doc('rules', 'r1', 'signed') });
    const again = u.flow.run(u.joinAction);
    await u.until('reading');
    u.flow.accept();
    await u.until('error');
    u.flow.retry();
    await again;
    expect(u.fake.calls.sign).to.have.length(2);
    expect(u.events.filter((e) => e.type === 'accepted')).to.have.length(1);
  });

  it('one acceptance is one accepted event, when the backend asks for the same pages again', async () => {
    const t = setup();
    const legal = doc('legal', 'v1');
    t.fake.identify.push(required(legalMissing), required(legalMissing));
    t.fake.documents.push(legal, doc('legal', 'v1'));
    const running = t.flow.run(t.identAction);
    await t.until('reading');
    t.flow.accept();
    expect(await running).to.equal(player);
    // Round 2 re-sent the remembered answer without asking the player.
    expect(t.states.filter((s) => s.state === 'reading')).to.have.length(1);
    expect(withoutReceipts(t.events.filter((e) => e.type === 'accepted'))).to.deep.equal([{ type: 'accepted', requirement: legalMissing, document: legal }]);
    expect(t.events.map((e) => e.type)).to.deep.equal(['required', 'accepted', 'required', 'completed']);
    expect(t.fake.calls.getDocument).to.have.length(2);
    expect(t.fake.calls.identify).to.have.length(3);
    expect(t.fake.calls.identify[1]).to.deep.equal(['legal:legal-page@v1']);
    // It rides along on the last try too, once: the same pages twice would sign them twice.
    expect(t.fake.calls.identify[2]).to.deep.equal(['legal:legal-page@v1']);
    expect(t.storage.get(ACCEPTED_KEY)).to.equal(undefined);
  });

  it('an acceptance whose signing failed survives a reload: signed without asking again, once', async () => {
    const storage = memoryStorage();
    const before = setup({ storage });
    before.fake.identify.push(required(legalMissing));
    before.fake.documents.push(doc('legal', 'v1'));
    before.fake.signs.push(fail('network'));
    void before.flow.run(before.identAction);
    await before.until('reading');
    before.flow.accept();
    await before.until('error');
    expect(storage.get(ACCEPTED_KEY)).to.not.equal(undefined);

    // The page reloads: a new flow and port over the same storage; the old run is abandoned.
    const after = setup({ storage });
    after.fake.identify.push(required(legalMissing));
    after.fake.documents.push(doc('legal', 'v1'));
    expect(await after.flow.run(after.identAction)).to.equal(player);
    expect(after.seen()).to.not.include('reading');
    expect(after.events.map((e) => e.type)).to.deep.equal(['required', 'completed']);
    expect(after.fake.calls.sign).to.deep.equal(['legal:legal-page@v1']);
    expect(after.fake.calls.identify).to.deep.equal([[], ['legal:legal-page@v1']]);
    expect(storage.get(ACCEPTED_KEY)).to.equal(undefined);
  });
});
