import { expect } from '@open-wc/testing';
import type { ConsentDocument } from '../../src/model/consent.js';
import { Deferred, settle } from './support.js';
import { doc, legalMissing, rejection, required, serverRules, setup, readingLegal } from './consent-support.js';

describe('ConsentFlow: reading only, and ending', () => {
  it('review shows a document until close(); not while a run is asking', async () => {
    const t = setup();
    const rules = doc('rules', 'r1', 'signed');
    t.fake.documents.push(rules);
    let closed = false;
    const reviewing = t.flow.review(serverRules).then(() => {
      closed = true;
    });
    expect(await t.until('reviewing')).to.deep.equal({ state: 'reviewing', round: 1, requirement: serverRules, document: rules });
    await settle();
    expect(closed).to.equal(false);
    t.flow.close();
    await reviewing;
    expect(closed).to.equal(true);
    expect(t.flow.state).to.deep.equal({ state: 'idle' });
    expect(t.events).to.deep.equal([]);

    const u = setup();
    u.fake.identify.push(required(legalMissing));
    u.fake.documents.push(doc('legal', 'v1'));
    const running = u.flow.run(u.identAction);
    await u.until('reading');
    expect((await rejection(u.flow.review(serverRules))).kind).to.equal('conflict');
    expect(u.fake.calls.getDocument).to.have.length(1);
    expect(u.flow.state.state).to.equal('reading');
    u.flow.decline();
    expect((await rejection(running)).kind).to.equal('consent_declined');
  });

  it('a review whose document comes after a run started does not cover it', async () => {
    const t = setup();
    const later = new Deferred<ConsentDocument>();
    t.fake.documents.push(later, doc('legal', 'v1'));
    const review = t.flow.review(serverRules);
    t.fake.identify.push(required(legalMissing));
    const running = t.flow.run(t.identAction);
    await t.until('reading');
    later.resolve(doc('rules', 'r1', 'signed'));
    expect((await rejection(review)).kind).to.equal('conflict');
    expect(t.flow.state.state, 'the run still asks').to.equal('reading');
    t.flow.decline();
    expect((await rejection(running)).kind).to.equal('consent_declined');
  });

  it('dispose() ends a run that waits for the player with aborted, instead of leaving the caller waiting', async () => {
    const t = setup();
    const { running } = await readingLegal(t);
    t.flow.dispose();
    expect((await rejection(running)).kind).to.equal('aborted');
    expect(t.fake.calls.sign, 'nothing signed').to.have.length(0);
  });
});
