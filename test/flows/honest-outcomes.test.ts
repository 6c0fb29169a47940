import { expect } from '@open-wc/testing';
import type { Session } from '../../src/model/permissions.js';
import { challenge, s1, setupRequests, turnOn } from './permission-support.js';
import { settle } from './support.js';

// k-ID's honest outcomes (wire.md A.7): a yes is a grant only for what the session then
// shows on; what stays off is locked, and said by cause.

const turnOff = (session: Session, names: readonly string[], etag: string): Session => ({
  ...session,
  etag,
  permissions: session.permissions.map((p) => (names.includes(p.name) ? { ...p, enabled: false } : p)),
});

describe('PermissionRequests: honest outcomes', () => {
  it("a PASS whose session still shows the feature off is locked ('turned-off'), never granted", async () => {
    const t = setupRequests();
    t.fake.upgrades.push({ status: 'PASS', session: turnOff(s1, ['text-chat'], 'e2') });
    await t.requests.request(['text-chat']);
    expect(t.requests.state).to.deep.equal({ state: 'locked', permissions: ['text-chat'], reason: 'turned-off' });
    expect(t.events).to.deep.equal([{ type: 'denied', permissions: ['text-chat'], reason: 'turned-off', by: 'parent' }]);
  });

  it("a parent's PASS that leaves the feature off: challenge resolved, then locked, with no grant", async () => {
    const t = setupRequests();
    t.requests.attach({});
    t.fake.upgrades.push({ status: 'CHALLENGE', challenge: challenge('ch1') });
    await t.requests.request(['voice-chat']);
    // The parent said yes, then turned it off again in their settings: the session read after shows it off.
    t.fake.sessions.set('s1', { ...s1, etag: 'e2' });
    t.fake.statuses.push({ status: 'PASS', sessionId: 's1' });
    await t.timers.advance(5_000);
    await settle();
    expect(t.requests.state).to.deep.equal({ state: 'locked', permissions: ['voice-chat'], reason: 'turned-off' });
    expect(t.events.map((e) => e.type)).to.deep.equal(['challenge-created', 'challenge-resolved', 'denied']);
  });

  it("a threshold feature left off after a PASS is 'not-available' (below its age), and what did turn on is granted", async () => {
    const t = setupRequests();
    const answer = turnOn(s1, ['text-chat'], 'e2');
    t.fake.upgrades.push({ status: 'PASS', session: answer });
    await t.requests.request(['text-chat', 'mature-content']);
    expect(t.requests.state).to.deep.equal({ state: 'locked', permissions: ['mature-content'], reason: 'not-available' });
    expect(t.events).to.deep.equal([
      { type: 'granted', permissions: ['text-chat'], by: 'player' },
      { type: 'denied', permissions: ['mature-content'], reason: 'not-available', by: 'vendor-default' },
    ]);
  });
});
