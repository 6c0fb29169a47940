import { expect } from '@open-wc/testing';
import { CodeRenewal, type CodeRenewalOptions } from '../../src/flows/code-renewal.js';
import { ManualTimers } from '../../src/flows/timers.js';
import { PlaygateError } from '../../src/model/error.js';
import type { Challenge, OneTimeCode } from '../../src/model/permissions.js';
import { Deferred, reply, settle, type Reply, T0 } from './support.js';

const MINUTE = 60_000;

const challenge = (challengeId = 'ch1', expiresIn = MINUTE): Challenge => ({
  challengeId,
  type: 'CHALLENGE_SESSION_UPGRADE',
  purpose: 'parent',
  oneTimePassword: '111111',
  url: `https://family.example/${challengeId}/111111`,
  otpExpiresAt: T0 + expiresIn,
});

type Change = Parameters<CodeRenewalOptions['update']>[0];

function setup() {
  const timers = new ManualTimers(T0);
  const page = { visible: true, shown: challenge() as Challenge | undefined };
  const calls: Array<{ challengeId: string; at: number }> = [];
  const replies: Array<Reply<OneTimeCode>> = [];
  const updates: Change[] = [];
  let issued = 0;
  // Unscripted: a fresh code good for a minute by this clock (222222, 222223, …).
  const freshCode = (): OneTimeCode => {
    const otp = String(222_222 + issued++);
    return { oneTimePassword: otp, url: `https://family.example/ch1/${otp}`, expiresAt: timers.now() + MINUTE };
  };
  const renewal = new CodeRenewal({
    port: {
      refreshOneTimeCode(challengeId) {
        calls.push({ challengeId, at: timers.now() - T0 });
        return reply(replies.shift() ?? freshCode());
      },
    },
    timers,
    isVisible: () => page.visible,
    current: () => page.shown,
    // Like the element: a renewed challenge is the one shown from then on.
    update: (change) => {
      updates.push(change);
      if (change.challenge) page.shown = change.challenge;
    },
  });
  const renewedAt = () => calls.map((call) => call.at);
  return { timers, page, calls, replies, updates, renewal, renewedAt };
}

describe('CodeRenewal', () => {
  it('renews the code when it runs out, and the new one when it does', async () => {
    const t = setup();
    t.renewal.schedule(t.page.shown!);
    await t.timers.advance(MINUTE - 1);
    expect(t.calls).to.deep.equal([]);
    await t.timers.advance(1);
    expect(t.calls).to.deep.equal([{ challengeId: 'ch1', at: MINUTE }]);
    expect(t.updates).to.deep.equal([
      {
        challenge: { ...challenge(), oneTimePassword: '222222', url: 'https://family.example/ch1/222222', otpExpiresAt: T0 + 2 * MINUTE },
        error: undefined,
      },
    ]);
    await t.timers.advance(MINUTE - 1);
    expect(t.renewedAt()).to.deep.equal([MINUTE]);
    await t.timers.advance(1);
    expect(t.renewedAt()).to.deep.equal([MINUTE, 2 * MINUTE]);
    expect(t.page.shown?.oneTimePassword).to.equal('222223');
  });

  it('does not renew while hidden; renews once visible again', async () => {
    const t = setup();
    t.renewal.schedule(t.page.shown!);
    // Visible with a good code: nothing is stale, so nothing to renew.
    t.renewal.visibilityChanged();
    await settle();
    expect(t.calls).to.deep.equal([]);
    t.page.visible = false;
    await t.timers.advance(10 * MINUTE);
    t.renewal.visibilityChanged();
    await settle();
    expect(t.calls).to.deep.equal([]);
    expect(t.updates).to.deep.equal([]);
    t.page.visible = true;
    t.renewal.visibilityChanged();
    await settle();
    expect(t.renewedAt()).to.deep.equal([10 * MINUTE]);
    expect(t.page.shown?.otpExpiresAt).to.equal(T0 + 11 * MINUTE);
    // Renewed: no longer stale.
    t.renewal.visibilityChanged();
    await settle();
    expect(t.calls).to.have.length(1);
  });

  it('reports a failure and tries again 30 s later', async () => {
    const t = setup();
    const down = new PlaygateError({ kind: 'server', message: '503', status: 503 });
    t.replies.push(down, new TypeError('Failed to fetch'));
    t.renewal.schedule(t.page.shown!);
    await t.timers.advance(MINUTE);
    expect(t.updates).to.deep.equal([{ error: down }]);
    await t.timers.advance(29_999);
    expect(t.renewedAt()).to.deep.equal([MINUTE]);
    await t.timers.advance(1);
    expect(t.renewedAt()).to.deep.equal([MINUTE, MINUTE + 30_000]);
    // Anything thrown reaches update as a PlaygateError.
    expect(t.updates.map((change) => change.error?.kind)).to.deep.equal(['server', 'network']);
    expect(t.updates[1]!.challenge).to.equal(undefined);
    await t.timers.advance(30_000);
    expect(t.renewedAt()).to.deep.equal([MINUTE, MINUTE + 30_000, MINUTE + 60_000]);
    expect(t.updates[2]).to.deep.include({ error: undefined });
    expect(t.page.shown?.oneTimePassword).to.equal('222222');
  });

  it('distrusts the clock and stops when two new codes in a row are already expired', async () => {
    const t = setup();
    // The server's clock runs half a minute behind this one.
    t.replies.push({ oneTimePassword: '222222', expiresAt: T0 + 30_000 }, { oneTimePassword: '333333', expiresAt: T0 + 35_000 });
    t.renewal.schedule(t.page.shown!);
    await t.timers.advance(MINUTE);
    expect(t.updates.filter((change) => change.clockTrusted === false)).to.have.length(1);
    // One expired code might be chance: it tries again, not sooner than 5 s.
    await t.timers.advance(4_999);
    expect(t.renewedAt()).to.deep.equal([MINUTE]);
    await t.timers.advance(1);
    expect(t.renewedAt()).to.deep.equal([MINUTE, MINUTE + 5000]);
    expect(t.updates.filter((change) => change.clockTrusted === false)).to.have.length(2);
    expect(t.updates.at(-1)).to.deep.equal({ clockTrusted: false });
    await t.timers.advance(60 * MINUTE);
    expect(t.calls).to.have.length(2);
    expect(t.timers.pending).to.equal(0);
    // The last code stays on screen for typing in.
    expect(t.page.shown?.oneTimePassword).to.equal('333333');
  });

  it('counts expired codes in a row only: a good one in between keeps it going', async () => {
    const t = setup();
    const behind = (otp: string, at: number): OneTimeCode => ({ oneTimePassword: otp, expiresAt: T0 + at - 30_000 });
    t.replies.push(behind('222222', MINUTE), { oneTimePassword: '333333', expiresAt: T0 + 125_000 }, behind('444444', 125_000));
    t.renewal.schedule(t.page.shown!);
    await t.timers.advance(5 * MINUTE);
    expect(t.renewedAt()).to.deep.equal([MINUTE, 65_000, 125_000, 130_000, 190_000, 250_000]);
    expect(t.updates.filter((change) => change.clockTrusted === false)).to.have.length(2);
  });

  it('drops a renewal that answers after the challenge on screen changed', async () => {
    const t = setup();
    const late = new Deferred<OneTimeCode>();
    t.replies.push(late);
    t.renewal.schedule(t.page.shown!);
    await t.timers.advance(MINUTE);
    expect(t.calls).to.have.length(1);
    // One renewal at a time.
    void t.renewal.renew();
    expect(t.calls).to.have.length(1);
    const other = challenge('ch2', 3 * MINUTE);
    t.page.shown = other;
    late.resolve({ oneTimePassword: '999999', expiresAt: T0 + 5 * MINUTE });
    await settle();
    expect(t.updates).to.deep.equal([]);
    expect(t.page.shown).to.equal(other);
    expect(t.timers.pending).to.equal(0);

    // Nor is anything renewed or shown once the wait is over.
    const u = setup();
    u.renewal.schedule(u.page.shown!);
    u.page.shown = undefined;
    await u.timers.advance(10 * MINUTE);
    expect(u.calls).to.deep.equal([]);
    expect(u.updates).to.deep.equal([]);
  });
});
