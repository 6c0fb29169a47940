import { expect } from '@open-wc/testing';
import { AgeVerificationFlow, type VerificationEvent, type VerificationState } from '../../src/flows/age-verification.js';
import { SessionStore } from '../../src/flows/session-store.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { ManualTimers } from '../../src/flows/timers.js';
import type { AgeVerificationStatus, Session } from '../../src/model/permissions.js';
import type { PermissionsPort } from '../../src/model/ports.js';
import { fakePort, s1 } from './permission-support.js';
import { settle, SESSION_KEY, T0 } from './support.js';

// An unverified adult's own age check (wire.md A.7), with no DOM: made only when the player
// starts it, the same one shown again after a close, decided by the status read, then one
// session read.

const unverified: Session = { ...s1, ageStatus: 'LEGAL_ADULT', ageVerification: 'unverified', jurisdiction: 'US-CA' };
const verified: Session = { ...unverified, etag: 'e2', ageVerification: 'verified', permissions: s1.permissions.map((p) => ({ ...p, enabled: p.managedBy !== 'PROHIBITED' })) };

async function setup(withChecks = true) {
  const timers = new ManualTimers(T0);
  const storage = memoryStorage();
  storage.set(SESSION_KEY, 's1');
  const fake = fakePort(timers);
  fake.sessions.set('s1', unverified);
  const started: Array<{ sessionId?: string; jurisdiction?: string }> = [];
  const statuses: AgeVerificationStatus[] = [];
  const asked: string[] = [];
  const port: PermissionsPort = withChecks
    ? {
        ...fake.port,
        startAgeVerification(request) {
          started.push(request);
          return Promise.resolve({ verificationId: `v${String(started.length)}`, url: `https://verify.example.test/${String(started.length)}` });
        },
        getAgeVerificationStatus(id) {
          asked.push(`${id}@${String(timers.now() - T0)}`);
          return Promise.resolve(statuses.shift() ?? 'PENDING');
        },
      }
    : fake.port;
  const store = new SessionStore({ permissions: port, storage, timers });
  await store.refresh();
  const flow = new AgeVerificationFlow({ port, store, timers, isVisible: () => true });
  const states: VerificationState[] = [];
  const events: VerificationEvent[] = [];
  flow.subscribe((state, event) => {
    states.push(state);
    if (event) events.push(event);
  });
  return { timers, fake, store, flow, started, statuses, asked, events, states };
}

describe('AgeVerificationFlow', () => {
  it('makes a check only when the player starts one, for their session, and shows the same one again after a close', async () => {
    const t = await setup();
    await t.timers.advance(60_000);
    expect(t.started, 'nothing made ahead').to.deep.equal([]);
    await t.flow.start();
    expect(t.started).to.deep.equal([{ sessionId: 's1', jurisdiction: 'US-CA' }]);
    expect(t.flow.state).to.deep.equal({ state: 'open', url: 'https://verify.example.test/1' });
    expect(t.events).to.deep.equal([{ type: 'started' }]);
    await t.flow.start();
    t.flow.close();
    expect(t.flow.state.state).to.equal('closed');
    await t.flow.start();
    expect(t.flow.state).to.deep.equal({ state: 'open', url: 'https://verify.example.test/1' });
    expect(t.started, 'still one').to.have.length(1);
  });

  it('asks every 3 to 5 s while open, at once when woken, and on a pass closes and reads the session once', async () => {
    const t = await setup();
    await t.flow.start();
    await t.timers.advance(10_000);
    expect(t.asked).to.deep.equal(['v1@3000', 'v1@7500']);
    // The check's page said it is done (a hint): asked within the 3 s floor, not at the next turn.
    t.statuses.push('PASS');
    t.fake.sessions.set('s1', verified);
    const reads = t.fake.calls.getSession.length;
    t.flow.wake();
    await t.timers.advance(500);
    await settle();
    expect(t.asked.at(-1)).to.equal('v1@10500');
    expect(t.flow.state).to.deep.equal({ state: 'verified' });
    expect(t.events).to.deep.equal([{ type: 'started' }, { type: 'verified', verificationId: 'v1' }]);
    expect(t.fake.calls.getSession.length - reads, 'one session read').to.equal(1);
    const kid = t.store.snapshot.kid;
    expect(kid.state === 'active' && kid.session.ageVerification).to.equal('verified');
    await t.timers.advance(60_000);
    expect(t.asked, 'no more asking').to.have.length(3);
  });

  it('says a failed check, and a new one is made only when the player tries again', async () => {
    const t = await setup();
    await t.flow.start();
    t.statuses.push('FAIL');
    await t.timers.advance(3000);
    await settle();
    expect(t.flow.state).to.deep.equal({ state: 'failed' });
    expect(t.events.map((e) => e.type)).to.deep.equal(['started', 'failed']);
    expect(t.started).to.have.length(1);
    await t.flow.retry();
    expect(t.started).to.have.length(2);
    expect(t.flow.state).to.deep.equal({ state: 'open', url: 'https://verify.example.test/2' });
  });

  it('is not offered by a backend without age checks', async () => {
    const t = await setup(false);
    expect(t.flow.available).to.equal(false);
    await t.flow.start();
    expect(t.flow.state).to.deep.equal({ state: 'idle' });
  });
});
