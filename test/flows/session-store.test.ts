import { expect } from '@open-wc/testing';
import { SessionStore, type KidStatus, type StoreEvent } from '../../src/flows/session-store.js';
import { SessionWatch } from '../../src/flows/session-watch.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { ManualTimers } from '../../src/flows/timers.js';
import { PlaygateError } from '../../src/model/error.js';
import type { Session, SessionRead } from '../../src/model/permissions.js';
import type { CallOptions, PermissionsPort } from '../../src/model/ports.js';
import { Deferred, reply, settle, type Reply, T0, SESSION_KEY } from './support.js';


const s1: Session = {
  sessionId: 's1',
  status: 'ACTIVE',
  etag: 'e1',
  ageStatus: 'DIGITAL_MINOR',
  permissions: [
    { name: 'voice-chat', enabled: false, managedBy: 'GUARDIAN' },
    { name: 'text-chat-private', enabled: false, managedBy: 'GUARDIAN' },
  ],
};

const turnOn = (session: Session, name: string, etag: string): Session => ({
  ...session,
  etag,
  permissions: session.permissions.map((p) => (p.name === name ? { ...p, enabled: true } : p)),
});

const deleted = () => new PlaygateError({ kind: 'session_deleted', message: 'gone', status: 404 });

function setup(storedId: string | undefined = 's1') {
  const timers = new ManualTimers(T0);
  const storage = memoryStorage();
  if (storedId) storage.set(SESSION_KEY, storedId);
  const calls: Array<{ sessionId: string; etag: string | undefined; at: number }> = [];
  const replies: Array<Reply<SessionRead>> = [];
  // The store only reads sessions; any other call would fail loudly as "not a function".
  const port = {
    getSession(sessionId: string, options?: CallOptions & { etag?: string }): Promise<SessionRead> {
      calls.push({ sessionId, etag: options?.etag, at: timers.now() - T0 });
      // Unscripted: like k-ID, unchanged for a matching etag, else this id's session.
      return reply(replies.shift() ?? (options?.etag ? { changed: false } : { changed: true, session: { ...s1, sessionId } }));
    },
  } as PermissionsPort;
  const store = new SessionStore({ permissions: port, storage, timers });
  const states: KidStatus[] = [];
  const events: StoreEvent[] = [];
  store.subscribe((snapshot, event) => {
    states.push(snapshot.kid);
    if (event) events.push(event);
  });
  return { timers, storage, calls, replies, store, states, events };
}

describe('SessionStore', () => {
  it('reads without an etag first, then with it; an unchanged answer keeps the session quietly', async () => {
    const t = setup();
    await t.store.refresh();
    expect(t.calls).to.deep.equal([{ sessionId: 's1', etag: undefined, at: 0 }]);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: s1 });
    const before = t.store.snapshot;
    const told = t.states.length;
    t.replies.push({ changed: false });
    await t.store.refresh();
    expect(t.calls.map((call) => call.etag)).to.deep.equal([undefined, 'e1']);
    // Nothing was set: the same snapshot, no listener called, no event.
    expect(t.store.snapshot).to.equal(before);
    expect(t.states).to.have.length(told);
    expect(t.events).to.deep.equal([]);
  });

  it('emits session-changed with the diff; a noted approval reads as an approval, once', async () => {
    const t = setup();
    await t.store.refresh();
    t.store.noteApproved(['voice-chat']);
    const on = turnOn(s1, 'voice-chat', 'e2');
    t.replies.push({ changed: true, session: on });
    await t.store.refresh();
    expect(t.events).to.deep.equal([
      {
        type: 'session-changed',
        diff: { cause: 'approval', changes: [{ kind: 'enabled', permission: 'voice-chat', enabled: true, managedBy: 'GUARDIAN' }], before: s1, after: on },
      },
    ]);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: on });
    expect(t.store.snapshot.changes).to.have.length(1);
    // The approval is used up: a parent turning it off and on again is the parent's doing.
    t.replies.push({ changed: true, session: { ...s1, etag: 'e3' } }, { changed: true, session: turnOn(s1, 'voice-chat', 'e4') });
    await t.store.refresh();
    await t.store.refresh();
    expect(t.events.map((event) => (event.type === 'session-changed' ? event.diff.cause : event.type))).to.deep.equal(['approval', 'parent', 'parent']);
    expect(t.store.snapshot.changes).to.have.length(3);
    expect(t.calls.map((call) => call.etag)).to.deep.equal([undefined, 'e1', 'e2', 'e3']);
  });

  it('shares one getSession among concurrent refreshes', async () => {
    const t = setup();
    const answer = new Deferred<SessionRead>();
    t.replies.push(answer);
    const a = t.store.refresh();
    const b = t.store.refresh();
    const c = t.store.refreshIfOlderThan(60_000);
    expect(t.calls).to.have.length(1);
    expect(b).to.equal(a);
    expect(c).to.equal(a);
    answer.resolve({ changed: true, session: s1 });
    await Promise.all([a, b, c]);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: s1 });
    // Once answered, the next refresh is a read of its own.
    await t.store.refresh();
    expect(t.calls).to.have.length(2);
  });

  it('revokes a known session that reads as deleted: event, changes cleared, stored id removed', async () => {
    const t = setup();
    await t.store.refresh();
    t.replies.push({ changed: true, session: turnOn(s1, 'voice-chat', 'e2') });
    await t.store.refresh();
    expect(t.store.snapshot.changes).to.have.length(1);
    t.replies.push(deleted());
    await t.store.refresh();
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'revoked', sessionId: 's1' });
    expect(t.store.snapshot.changes).to.deep.equal([]);
    expect(t.events.map((event) => event.type)).to.deep.equal(['session-changed', 'session-revoked']);
    expect(t.events[1]).to.deep.equal({ type: 'session-revoked', sessionId: 's1' });
    expect(t.storage.get(SESSION_KEY)).to.equal(undefined);
  });

  it('takes a just-created session that reads as deleted for no session, not a revoke', async () => {
    const t = setup(undefined);
    t.replies.push(deleted());
    await t.store.adoptSession('s9', { justCreated: true });
    expect(t.calls.map((call) => call.sessionId)).to.deep.equal(['s9']);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'no-session' });
    expect(t.events).to.deep.equal([]);
    expect(t.storage.get(SESSION_KEY)).to.equal(undefined);

    // Adopted without the mark, the same answer is a revoke.
    const u = setup(undefined);
    u.replies.push(deleted());
    await u.store.adoptSession('s9');
    expect(u.store.snapshot.kid).to.deep.equal({ state: 'revoked', sessionId: 's9' });
    expect(u.events).to.deep.equal([{ type: 'session-revoked', sessionId: 's9' }]);
  });

  it('keeps a session received just after it was made through a read that still says it is missing', async () => {
    const t = setup(undefined);
    const s9 = { ...s1, sessionId: 's9' };
    t.store.receive(s9, { justCreated: true });
    t.replies.push(deleted());
    await t.store.refresh();
    expect(t.store.snapshot.kid, 'not revoked while it propagates').to.deep.equal({ state: 'active', session: s9 });
    expect(t.events).to.deep.equal([]);
    // Once it has read as there, a missing answer is a revoke again.
    await t.store.refresh();
    t.replies.push(deleted());
    await t.store.refresh();
    expect(t.events).to.deep.equal([{ type: 'session-revoked', sessionId: 's9' }]);
  });

  it('adopts a new id and ignores a late answer about the old one', async () => {
    const t = setup();
    const old = new Deferred<SessionRead>();
    t.replies.push(old);
    void t.store.refresh();
    const adopting = t.store.adoptSession('s2');
    expect(t.storage.get(SESSION_KEY)).to.equal('s2');
    old.resolve({ changed: true, session: s1 });
    await adopting;
    expect(t.calls.map((call) => call.sessionId)).to.deep.equal(['s1', 's2']);
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: { ...s1, sessionId: 's2' } });
    expect(t.states.filter((kid) => kid.state === 'active' && kid.session.sessionId === 's1')).to.deep.equal([]);
    expect(t.storage.get(SESSION_KEY)).to.equal('s2');

    // A late failure about the old id revokes nothing either.
    const u = setup();
    const oldFails = new Deferred<SessionRead>();
    u.replies.push(oldFails);
    void u.store.refresh();
    const again = u.store.adoptSession('s3');
    oldFails.reject(deleted());
    await again;
    expect(u.calls.map((call) => call.sessionId)).to.deep.equal(['s1', 's3']);
    expect(u.events).to.deep.equal([]);
    expect(u.store.snapshot.kid).to.deep.equal({ state: 'active', session: { ...s1, sessionId: 's3' } });
    expect(u.storage.get(SESSION_KEY)).to.equal('s3');
  });

  it('keeps the last good session through other errors, and its etag for the next read', async () => {
    const t = setup();
    await t.store.refresh();
    const down = new PlaygateError({ kind: 'server', message: '503', status: 503 });
    t.replies.push(down, new TypeError('Failed to fetch'), { changed: false });
    await t.store.refresh();
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'error', error: down, session: s1 });
    expect(t.storage.get(SESSION_KEY)).to.equal('s1');
    await t.store.refresh();
    const kid = t.store.snapshot.kid;
    expect(kid.state === 'error' ? [kid.error.kind, kid.session] : kid.state).to.deep.equal(['network', s1]);
    await t.store.refresh();
    expect(t.store.snapshot.kid).to.deep.equal({ state: 'active', session: s1 });
    expect(t.calls.map((call) => call.etag)).to.deep.equal([undefined, 'e1', 'e1', 'e1']);
    expect(t.events).to.deep.equal([]);
  });

  it('refreshIfOlderThan skips the read when one was answered within the window', async () => {
    const t = setup();
    await t.store.refresh();
    await t.timers.advance(10_000);
    await t.store.refreshIfOlderThan(15_000);
    expect(t.calls.map((call) => call.at)).to.deep.equal([0]);
    await t.timers.advance(5000);
    await t.store.refreshIfOlderThan(15_000);
    expect(t.calls.map((call) => call.at)).to.deep.equal([0, 15_000]);
    // A failed last read is never fresh.
    t.replies.push(new PlaygateError({ kind: 'timeout', message: 'slow' }));
    await t.store.refresh();
    await t.store.refreshIfOlderThan(60_000);
    expect(t.calls.map((call) => call.at)).to.deep.equal([0, 15_000, 15_000, 15_000]);
  });
});

describe('SessionWatch', () => {
  function watched(visible = true) {
    const t = setup();
    const page = { visible };
    const watch = new SessionWatch(t.store, { timers: t.timers, isVisible: () => page.visible });
    const readAt = () => t.calls.map((call) => call.at);
    return { ...t, page, watch, readAt };
  }

  it('reads at start and every 30 s while visible, never while hidden', async () => {
    const t = watched();
    t.watch.start();
    await settle();
    expect(t.readAt()).to.deep.equal([0]);
    await t.timers.advance(29_999);
    expect(t.readAt()).to.deep.equal([0]);
    await t.timers.advance(1);
    await t.timers.advance(30_000);
    expect(t.readAt()).to.deep.equal([0, 30_000, 60_000]);
    t.page.visible = false;
    t.watch.visibilityChanged();
    await t.timers.advance(600_000);
    expect(t.readAt()).to.deep.equal([0, 30_000, 60_000]);
    t.page.visible = true;
    t.watch.visibilityChanged();
    await settle();
    expect(t.readAt()).to.deep.equal([0, 30_000, 60_000, 660_000]);
    await t.timers.advance(30_000);
    expect(t.readAt()).to.deep.equal([0, 30_000, 60_000, 660_000, 690_000]);
    t.watch.stop();
    await t.timers.advance(600_000);
    expect(t.calls).to.have.length(5);

    // Hidden from the start, and hidden without being told: no reads either.
    const u = watched(false);
    u.watch.start();
    await u.timers.advance(600_000);
    expect(u.calls).to.deep.equal([]);
    const v = watched();
    v.watch.start();
    await settle();
    v.page.visible = false;
    await v.timers.advance(600_000);
    expect(v.readAt()).to.deep.equal([0]);
  });

  it('reads at once on pushed(), even right after a read, unlike focus', async () => {
    const t = watched();
    t.watch.start();
    await t.timers.advance(1000);
    t.watch.focused();
    await settle();
    expect(t.readAt()).to.deep.equal([0]);
    t.watch.pushed();
    await settle();
    expect(t.readAt()).to.deep.equal([0, 1000]);
    // The 30 s count starts again from the pushed read.
    await t.timers.advance(29_999);
    expect(t.readAt()).to.deep.equal([0, 1000]);
    await t.timers.advance(1);
    expect(t.readAt()).to.deep.equal([0, 1000, 31_000]);
  });
});
