import { expect } from '@open-wc/testing';
import { pendingChallenge, type PendingChallenge } from '../../src/flows/pending-challenge.js';
import { PlaygateError } from '../../src/model/error.js';
import type { Session } from '../../src/model/permissions.js';
import { challenge, notFound, s1, setupRequests, turnOn } from './permission-support.js';
import { settle } from './support.js';

describe('PermissionRequests', () => {
  it('a PLAYER-managed feature: one upgrade, PASS, granted at once', async () => {
    const t = setupRequests();
    const on = turnOn(s1, ['text-chat'], 'e2');
    t.fake.upgrades.push({ status: 'PASS', session: on });
    await t.requests.request(['text-chat']);
    expect(t.fake.calls.upgrade).to.deep.equal([{ sessionId: 's1', names: ['text-chat'] }]);
    expect(t.requests.state).to.deep.equal({ state: 'granted', permissions: ['text-chat'] });
    expect(t.events).to.deep.equal([{ type: 'granted', permissions: ['text-chat'], by: 'player' }]);
    // The upgrade's session is taken as read: no second getSession, no challenge.
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: on });
    expect(t.fake.calls.getSession).to.deep.equal(['s1']);
    expect(t.fake.calls.status).to.deep.equal([]);
    expect(pendingChallenge.read(t.storage)).to.equal(undefined);
  });

  it('a GUARDIAN feature: waits for the parent (polling only while attached), PASS grants with the session read again', async () => {
    const t = setupRequests();
    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch1') });
    await t.requests.request(['voice-chat']);
    const pending: PendingChallenge = { kind: 'upgrade', challengeId: 'ch1', permissions: ['voice-chat'] };
    expect(t.requests.state).to.deep.equal({ state: 'waiting', pending, challenge: challenge('ch1'), progress: 'PENDING', email: 'idle' });
    expect(t.events).to.deep.equal([{ type: 'challenge-created', pending, challenge: challenge('ch1') }]);
    expect(pendingChallenge.read(t.storage)).to.deep.equal(pending);
    // Nothing on the page shows it: nobody asks.
    await t.timers.advance(60_000);
    expect(t.fake.calls.status).to.deep.equal([]);
    const detach = t.requests.attach({});
    await t.timers.advance(0);
    expect(t.fake.calls.status).to.deep.equal(['ch1@60000']);
    detach();
    await t.timers.advance(60_000);
    expect(t.fake.calls.status).to.deep.equal(['ch1@60000']);
    // Shown again; the parent has said yes meanwhile.
    t.fake.sessions.set('s1', turnOn(s1, ['voice-chat'], 'e2'));
    t.fake.statuses.push({ status: 'PASS', sessionId: 's1' });
    t.requests.attach({});
    await t.timers.advance(0);
    await settle();
    expect(t.fake.calls.status).to.deep.equal(['ch1@60000', 'ch1@120000']);
    expect(t.requests.state).to.deep.equal({ state: 'granted', permissions: ['voice-chat'] });
    expect(t.events.map((e) => e.type)).to.deep.equal(['challenge-created', 'challenge-resolved', 'granted']);
    expect(t.events[1]).to.deep.equal({ type: 'challenge-resolved', pending, status: 'PASS' });
    expect(t.fake.calls.getSession).to.deep.equal(['s1', 's1']);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: turnOn(s1, ['voice-chat'], 'e2') });
    expect(pendingChallenge.read(t.storage)).to.equal(undefined);
    await t.timers.advance(600_000);
    expect(t.fake.calls.status).to.have.length(2);
  });

  it('a parent says no: denied, reason parent, nothing read again', async () => {
    const t = setupRequests();
    t.requests.attach({});
    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch1') });
    t.fake.statuses.push({ status: 'PENDING' }, { status: 'FAIL' });
    await t.requests.request(['voice-chat']);
    await t.timers.advance(12_500);
    const pending: PendingChallenge = { kind: 'upgrade', challengeId: 'ch1', permissions: ['voice-chat'] };
    expect(t.fake.calls.status).to.deep.equal(['ch1@5000', 'ch1@12500']);
    expect(t.requests.state).to.deep.equal({ state: 'denied', pending });
    expect(t.events.at(-1)).to.deep.equal({ type: 'denied', permissions: ['voice-chat'], reason: 'parent', by: 'parent', challengeId: 'ch1' });
    expect(t.fake.calls.getSession).to.deep.equal(['s1']);
    expect(pendingChallenge.read(t.storage)).to.equal(undefined);
  });

  it('PROHIBITED only: denied without an upgrade; mixed with another, only the other is asked for', async () => {
    const t = setupRequests();
    await t.requests.request(['gambling']);
    expect(t.events).to.deep.equal([{ type: 'denied', permissions: ['gambling'], reason: 'prohibited', by: 'vendor-default' }]);
    expect(t.requests.state).to.deep.equal({ state: 'idle' });
    expect(t.fake.calls.upgrade).to.deep.equal([]);

    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch2') });
    await t.requests.request(['gambling', 'voice-chat']);
    expect(t.fake.calls.upgrade).to.deep.equal([{ sessionId: 's1', names: ['voice-chat'] }]);
    expect(t.requests.state.state).to.equal('waiting');
  });

  it('hands the port the features as the session holds them (thresholds too), and shows its refusal of a mix', async () => {
    const t = setupRequests();
    // The k-ID adapter refuses a mix itself (test/backends/kid.test.ts); here the port says no.
    t.fake.upgrades.push(new PlaygateError({ kind: 'bad_request', message: 'Ask for age-checked features alone' }));
    await t.requests.request(['voice-chat', 'mature-content', 'not-in-session']);
    const state = t.requests.state;
    expect(state.state === 'failed' && [state.error.kind, state.permissions]).to.deep.equal(['bad_request', ['voice-chat', 'mature-content', 'not-in-session']]);
    expect(t.fake.calls.asked).to.deep.equal([s1.permissions.filter((p) => p.name === 'voice-chat' || p.name === 'mature-content')]);

    t.requests.dismiss();
    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch3', 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE', 'age-check') });
    await t.requests.request(['mature-content']);
    expect(t.fake.calls.upgrade.at(-1)).to.deep.equal({ sessionId: 's1', names: ['mature-content'] });
    expect(t.requests.state).to.deep.include({ state: 'waiting', pending: { kind: 'upgrade', challengeId: 'ch3', permissions: ['mature-content'], ageCheck: true } });
  });

  it('resumes a stored challenge after a reload; one k-ID no longer knows is cleared', async () => {
    const pending: PendingChallenge = { kind: 'upgrade', challengeId: 'ch9', permissions: ['voice-chat'] };
    const t = setupRequests({ pending });
    t.fake.challenges.push(challenge('ch9'));
    t.fake.statuses.push({ status: 'PENDING' }, { status: 'PASS' });
    t.requests.attach({});
    t.requests.attach({}); // a second element does not resume it again
    expect(t.requests.state).to.deep.equal({ state: 'requesting', permissions: ['voice-chat'] });
    await settle();
    expect(t.fake.calls.getChallenge).to.deep.equal(['ch9']);
    expect(t.requests.state).to.deep.include({ state: 'waiting', pending, challenge: challenge('ch9') });
    // Resumed, not created: no challenge-created event.
    expect(t.events).to.deep.equal([]);
    t.fake.sessions.set('s1', turnOn(s1, ['voice-chat'], 'e2'));
    await t.timers.advance(7500);
    await settle();
    expect(t.fake.calls.status).to.deep.equal(['ch9@0', 'ch9@7500']);
    expect(t.requests.state).to.deep.equal({ state: 'granted', permissions: ['voice-chat'] });
    expect(t.events.map((e) => e.type)).to.deep.equal(['challenge-resolved', 'granted']);

    const u = setupRequests({ pending });
    u.fake.challenges.push(notFound());
    u.requests.attach({});
    await settle();
    expect(u.fake.calls.getChallenge).to.deep.equal(['ch9']);
    expect(u.requests.state).to.deep.equal({ state: 'idle' });
    expect(pendingChallenge.read(u.storage)).to.equal(undefined);
    await u.timers.advance(600_000);
    expect(u.fake.calls.status).to.deep.equal([]);
  });

  it('first consent: age gate, a parent challenge, and a PASS with no session id asks the port for the session the age leads to', async () => {
    const t = setupRequests({ sessionId: undefined });
    t.requests.attach({});
    await t.requests.startAgeGate('US-CA');
    expect(t.fake.calls.ageGate).to.deep.equal(['US-CA']);
    expect(t.requests.state).to.deep.equal({ state: 'age-gate', jurisdiction: 'US-CA', requirements: t.fake.requirements, checking: false });
    t.fake.ageChecks.push({ status: 'CHALLENGE', challenge: challenge('cc1', 'CHALLENGE_PARENTAL_CONSENT') });
    await t.requests.checkAge({ age: 10 });
    const pending: PendingChallenge = { kind: 'consent', challengeId: 'cc1', jurisdiction: 'US-CA', age: { age: 10 } };
    expect(t.requests.state).to.deep.include({ state: 'waiting', pending });
    expect(pendingChallenge.read(t.storage)).to.deep.equal(pending);
    const s5: Session = { ...s1, sessionId: 's5', etag: 'e5' };
    t.fake.sessions.set('s5', s5);
    t.fake.statuses.push({ status: 'PASS' });
    t.fake.consented.push(s5);
    await t.timers.advance(5000);
    await settle();
    // The same age as the player gave, and no session id: the adapter asks its vendor again (test/backends/kid.test.ts).
    expect(t.fake.calls.consented).to.deep.equal([{ asked: { age: 10, jurisdiction: 'US-CA' } }]);
    expect(t.fake.calls.checkAge).to.deep.equal([{ age: 10, jurisdiction: 'US-CA' }]);
    expect(t.requests.state).to.deep.equal({ state: 'granted', permissions: [] });
    expect(t.store.sessionId).to.equal('s5');
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: s5 });
    expect(t.fake.calls.getSession, 'the session came with the answer').to.deep.equal([]);
    expect(t.events.map((e) => e.type)).to.deep.equal(['challenge-created', 'challenge-resolved', 'granted']);
  });

  it('the element the player used presents; when it leaves, the first one does again', async () => {
    const t = setupRequests();
    const a = {};
    const b = {};
    t.requests.attach(a);
    const detachB = t.requests.attach(b);
    expect(t.requests.audience.presenter).to.equal(a);
    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch1') });
    await t.requests.request(['voice-chat'], { origin: b });
    expect(t.requests.audience.presenter).to.equal(b);
    const told = t.states.length;
    detachB();
    expect(t.requests.audience.presenter).to.equal(a);
    // The state is told again so `a` takes over drawing the conversation.
    expect(t.states).to.have.length(told + 1);
    expect(t.states.at(-1)).to.equal(t.requests.state);
    expect(t.requests.audience.size).to.equal(1);
  });
});
