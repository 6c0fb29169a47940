import { expect } from '@open-wc/testing';
import { ChallengeWait, type ChallengePush, type ChallengeWaitOptions } from '../../src/flows/challenge-wait.js';
import { ManualTimers } from '../../src/flows/timers.js';
import { PlaygateError, type PlaygateErrorKind } from '../../src/model/error.js';
import type { ChallengeResult } from '../../src/model/permissions.js';
import type { CallOptions, PermissionsPort } from '../../src/model/ports.js';
import { Deferred, reply, settle, type Reply, T0 } from './support.js';

const fail = (kind: PlaygateErrorKind, retryAfter?: number) => new PlaygateError({ kind, message: kind, retryAfter });

interface Call {
  method: 'status' | 'await';
  id: string;
  /** Milliseconds since the test began. */
  at: number;
  seconds?: number;
  options: CallOptions | undefined;
}

/** The two calls the wait makes, recorded; replies are taken from the queues in order. */
function fakePort(timers: ManualTimers, longPoll: boolean) {
  const calls: Call[] = [];
  const status: Array<Reply<ChallengeResult>> = [];
  const held: Array<Reply<ChallengeResult>> = [];
  // Like a real long poll: POLL_TIMEOUT when its time is up, `aborted` when its signal is.
  const hold = (seconds: number, signal: AbortSignal | undefined) =>
    new Promise<ChallengeResult>((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        resolve({ status: 'POLL_TIMEOUT' });
      }, seconds * 1000);
      signal?.addEventListener('abort', () => {
        timers.clearTimeout(timer);
        reject(fail('aborted'));
      });
    });
  const getChallengeStatus = (id: string, options?: CallOptions): Promise<ChallengeResult> => {
    calls.push({ method: 'status', id, at: timers.now() - T0, options });
    return reply(status.shift() ?? { status: 'PENDING' });
  };
  const awaitChallenge = (id: string, seconds: number, options?: CallOptions): Promise<ChallengeResult> => {
    calls.push({ method: 'await', id, at: timers.now() - T0, seconds, options });
    const next = held.shift();
    return next ? reply(next) : hold(seconds, options?.signal);
  };
  const port: Pick<PermissionsPort, 'getChallengeStatus' | 'awaitChallenge'> = longPoll ? { getChallengeStatus, awaitChallenge } : { getChallengeStatus };
  return { calls, status, held, port };
}

/** A push stream whose state the test sets, and whose subscribers it can call. */
function fakePush(open: boolean) {
  const listeners = new Map<string, (result: ChallengeResult) => void>();
  const watchers = new Set<() => void>();
  const push: ChallengePush = {
    connected: () => open,
    subscribe(id, listener) {
      listeners.set(id, listener);
      return () => listeners.delete(id);
    },
    watchConnection(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
  };
  return {
    push,
    listeners,
    send: (id: string, result: ChallengeResult) => listeners.get(id)?.(result),
    flip: () => {
      for (const watcher of watchers) watcher();
    },
  };
}

function setup(opts: { longPoll?: boolean; push?: ChallengePush; options?: Pick<ChallengeWaitOptions, 'minIntervalMs' | 'maxIntervalMs'> } = {}) {
  const timers = new ManualTimers(T0);
  const fake = fakePort(timers, opts.longPoll ?? true);
  const page = { visible: true };
  const settled: ChallengeResult[] = [];
  const progress: ChallengeResult[] = [];
  const gone: PlaygateError[] = [];
  const options: ChallengeWaitOptions = { port: fake.port, timers, isVisible: () => page.visible, ...opts.options };
  if (opts.push) options.push = opts.push;
  const wait = new ChallengeWait(
    'ch1',
    options,
    (result) => settled.push(result),
    (result) => progress.push(result),
    (error) => gone.push(error),
  );
  // Calls as `method@ms`, the easiest to read in a failure.
  const asked = () => fake.calls.map((call) => `${call.method}@${call.at}`);
  return { timers, fake, page, settled, progress, gone, wait, asked };
}

describe('ChallengeWait', () => {
  it('settles on a pushed PASS without asking the port', async () => {
    const stream = fakePush(true);
    const t = setup({ push: stream.push });
    t.wait.start();
    expect(t.wait.mode).to.equal('push');
    await t.timers.advance(30_000);
    expect(t.asked()).to.deep.equal([]);
    stream.send('ch1', { status: 'PASS', sessionId: 's2' });
    expect(t.settled).to.deep.equal([{ status: 'PASS', sessionId: 's2' }]);
    expect(stream.listeners.size).to.equal(0);
    // Not even the 60 s safety read: the wait is over.
    await t.timers.advance(600_000);
    expect(t.asked()).to.deep.equal([]);
    expect(t.timers.pending).to.equal(0);
  });

  it("long-polls while push is down, and polls status when the backend has no long poll", async () => {
    const t = setup({ push: fakePush(false).push });
    t.fake.held.push(fail('unsupported'));
    t.wait.start();
    expect(t.wait.mode).to.equal('long-poll');
    await t.timers.advance(0);
    expect(t.asked()).to.deep.equal(['await@0']);
    expect(t.fake.calls[0]).to.include({ id: 'ch1', seconds: 25 });
    expect(t.fake.calls[0]!.options).to.include({ retries: 0, timeoutMs: 35_000 });
    expect(t.wait.mode).to.equal('poll');
    await t.timers.advance(4_999);
    expect(t.asked()).to.deep.equal(['await@0']);
    await t.timers.advance(1);
    expect(t.asked()).to.deep.equal(['await@0', 'status@5000']);
    expect(t.fake.calls[1]!.options).to.include({ retries: 0 });
    // The long poll is not tried again.
    await t.timers.advance(60_000);
    expect(t.fake.calls.filter((call) => call.method === 'await')).to.have.length(1);
  });

  it('polls no closer than 5 s, backing off ×1.5 up to maxIntervalMs', async () => {
    const t = setup({ longPoll: false });
    t.wait.start();
    expect(t.wait.mode).to.equal('poll');
    await t.timers.advance(130_000);
    expect(t.fake.calls.map((call) => call.at)).to.deep.equal([5000, 12_500, 23_750, 40_625, 65_937.5, 95_937.5, 125_937.5]);

    const u = setup({ longPoll: false, options: { minIntervalMs: 2000, maxIntervalMs: 8000 } });
    u.wait.start();
    await u.timers.advance(33_000);
    expect(u.fake.calls.map((call) => call.at)).to.deep.equal([2000, 5000, 9500, 16_250, 24_250, 32_250]);
  });

  it('never asks twice within minIntervalMs, however often it is nudged', async () => {
    const stream = fakePush(false);
    const t = setup({ longPoll: false, push: stream.push });
    t.wait.start(true);
    await t.timers.advance(0);
    expect(t.asked()).to.deep.equal(['status@0']);
    // Becoming visible and the stream flapping each ask "soon", not "now".
    for (let i = 0; i < 4; i++) {
      await t.timers.advance(1000);
      t.wait.visibilityChanged();
      stream.flip();
    }
    await t.timers.advance(999);
    expect(t.asked()).to.deep.equal(['status@0']);
    await t.timers.advance(1);
    expect(t.asked()).to.deep.equal(['status@0', 'status@5000']);
  });

  it('asks soon when the window gets focus back, from a fresh pace, never within minIntervalMs', async () => {
    const t = setup({ longPoll: false });
    t.wait.start();
    await t.timers.advance(41_000);
    expect(t.asked()).to.deep.equal(['status@5000', 'status@12500', 'status@23750', 'status@40625']);
    // Backed off to about 25 s (next at 65,938); the player comes back from the parent's phone,
    // and is asked for at once within the 5 s floor: 5 s after the last ask.
    await t.timers.advance(4000);
    t.wait.wake();
    await t.timers.advance(624);
    expect(t.asked()).to.have.length(4);
    await t.timers.advance(1);
    expect(t.asked().at(-1)).to.equal('status@45625');
    // Focus again at once: the floor holds, and the pace starts afresh from 5 s.
    t.wait.wake();
    await t.timers.advance(4999);
    expect(t.asked()).to.have.length(5);
    await t.timers.advance(1);
    expect(t.asked().at(-1)).to.equal('status@50625');
  });

  it("keeps a 429's Retry-After: nothing before 20 s, even when nudged", async () => {
    const t = setup({ longPoll: false });
    t.fake.status.push(fail('rate_limited', 20));
    t.wait.start();
    await t.timers.advance(5000);
    expect(t.asked()).to.deep.equal(['status@5000']);
    await t.timers.advance(5000);
    t.wait.visibilityChanged();
    await t.timers.advance(14_999);
    expect(t.asked()).to.deep.equal(['status@5000']);
    await t.timers.advance(1);
    expect(t.asked()).to.deep.equal(['status@5000', 'status@25000']);
    expect(t.progress).to.deep.equal([{ status: 'PENDING' }]);
  });

  it('asks nothing while the page is hidden, and asks again once visible', async () => {
    const t = setup();
    t.wait.start();
    await t.timers.advance(0);
    expect(t.asked()).to.deep.equal(['await@0']);
    t.page.visible = false;
    t.wait.visibilityChanged();
    // The held long poll is let go, too.
    expect(t.fake.calls[0]!.options!.signal!.aborted).to.equal(true);
    await t.timers.advance(3_600_000);
    expect(t.asked()).to.deep.equal(['await@0']);
    expect(t.timers.pending).to.equal(0);
    t.page.visible = true;
    t.wait.visibilityChanged();
    await t.timers.advance(0);
    expect(t.asked()).to.deep.equal(['await@0', 'await@3600000']);

    // Started while hidden: nothing until it shows.
    const u = setup({ longPoll: false });
    u.page.visible = false;
    u.wait.start();
    await u.timers.advance(600_000);
    expect(u.asked()).to.deep.equal([]);
    u.page.visible = true;
    u.wait.visibilityChanged();
    await u.timers.advance(0);
    expect(u.asked()).to.deep.equal(['status@600000']);

    // Hidden before the page said so: a read already planned is skipped too.
    const v = setup({ longPoll: false });
    v.wait.start();
    v.page.visible = false;
    await v.timers.advance(600_000);
    expect(v.asked()).to.deep.equal([]);
  });

  it('calls onGone and stops when the challenge is not found', async () => {
    const t = setup({ longPoll: false });
    const notFound = fail('not_found');
    t.fake.status.push({ status: 'PENDING' }, notFound);
    t.wait.start();
    await t.timers.advance(12_500);
    expect(t.asked()).to.deep.equal(['status@5000', 'status@12500']);
    expect(t.gone).to.deep.equal([notFound]);
    expect(t.settled).to.deep.equal([]);
    // Stopped, not just idle: becoming visible again does not start it.
    t.wait.visibilityChanged();
    await t.timers.advance(600_000);
    expect(t.fake.calls).to.have.length(2);
    expect(t.timers.pending).to.equal(0);
  });

  it('reports POLL_TIMEOUT and IN_PROGRESS as progress, and settles only on PASS', async () => {
    const t = setup();
    t.fake.held.push({ status: 'POLL_TIMEOUT' }, { status: 'IN_PROGRESS' }, { status: 'PASS', sessionId: 's2' });
    t.wait.start();
    await t.timers.advance(0);
    expect(t.progress).to.deep.equal([{ status: 'POLL_TIMEOUT' }]);
    await t.timers.advance(5000);
    expect(t.progress).to.deep.equal([{ status: 'POLL_TIMEOUT' }, { status: 'IN_PROGRESS' }]);
    expect(t.settled).to.deep.equal([]);
    await t.timers.advance(5000);
    expect(t.settled).to.deep.equal([{ status: 'PASS', sessionId: 's2' }]);
    expect(t.progress).to.have.length(2);
    await t.timers.advance(600_000);
    expect(t.asked()).to.deep.equal(['await@0', 'await@5000', 'await@10000']);
  });

  it('stop() ends polling and a held long poll; an answer that comes anyway is dropped', async () => {
    const t = setup({ longPoll: false });
    t.wait.start();
    await t.timers.advance(5000);
    expect(t.asked()).to.deep.equal(['status@5000']);
    t.wait.stop();
    await t.timers.advance(600_000);
    expect(t.asked()).to.deep.equal(['status@5000']);
    expect(t.timers.pending).to.equal(0);

    const u = setup();
    const late = new Deferred<ChallengeResult>();
    u.fake.held.push(late);
    u.wait.start();
    await u.timers.advance(0);
    u.wait.stop();
    expect(u.fake.calls[0]!.options!.signal!.aborted).to.equal(true);
    late.resolve({ status: 'PASS' });
    await settle();
    expect(u.settled).to.deep.equal([]);
    await u.timers.advance(600_000);
    expect(u.asked()).to.deep.equal(['await@0']);
  });
});
