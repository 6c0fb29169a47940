// The session status's own controls (dismissing what changed, retrying after an error)
// with the keyboard alone (real key presses) and a gamepad alone.
import { expect } from '@open-wc/testing';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, mountStatus, next, until, type Mounted } from '../support/elements.js';
import { focusedName, gamepad, PAD, pressUntil, tabTo } from '../support/input.js';

async function asPip(): Promise<TestEmulator> {
  const emu = await startEmulator('child');
  await emu.link('pip', 'session-pip');
  document.cookie = 'player=pip; path=/';
  return emu;
}

/** A parent turns voice chat on; the status says so, with a Dismiss. */
async function withParentChange(): Promise<Mounted> {
  const emu = await asPip();
  const mounted = await mountStatus(emu);
  const changed = next(mounted.provider, 'playgate-session-changed');
  await emu.control('POST', '/events/parent-change', { permission: 'voice-chat', enabled: true });
  await changed;
  await until(mounted, (t) => t.includes('A parent turned on voice chat.'), 'the parent message');
  return mounted;
}

/** Reading the session fails until the faults are lifted. */
async function withError(): Promise<{ emu: TestEmulator; mounted: Mounted }> {
  const emu = await asPip();
  await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: '5xx' });
  const mounted = await mountStatus(emu);
  await until(mounted, (t) => t.includes('We could not check your account.'), 'the error state');
  await emu.control('DELETE', '/faults');
  return { emu, mounted };
}

describe('session status, keyboard only', () => {
  afterEach(cleanUp);

  it('dismisses what changed with Tab and Enter', async () => {
    const mounted = await withParentChange();
    await tabTo('Dismiss');
    await pressUntil('Enter', () => !mounted.text().includes('A parent turned on'), 'the message to go');
  });

  it('retries after an error with Tab and Enter', async () => {
    const { mounted } = await withError();
    await tabTo('Try again');
    await pressUntil('Enter', () => mounted.text().includes('Child account'), 'recovery');
  });
});

describe('session status, gamepad only', () => {
  afterEach(cleanUp);

  it('dismisses what changed with the D-pad and A', async () => {
    const mounted = await withParentChange();
    const pad = gamepad();
    pad.moveTo('Dismiss');
    pad.press(PAD.A);
    await until(mounted, (t) => !t.includes('A parent turned on'), 'the message to go');
    expect(focusedName(), 'focus is not lost with the message').to.not.equal('');
  });

  it('retries after an error with the D-pad and A', async () => {
    const { mounted } = await withError();
    const pad = gamepad();
    pad.moveTo('Try again');
    pad.press(PAD.A);
    await until(mounted, (t) => t.includes('Child account'), 'recovery');
  });
});
