// Every step of asking for a feature with the keyboard alone (real key presses), and with
// a gamepad alone (a simulated pad read by the GamepadNavigator).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import { GamepadNavigator } from '../../src/elements/gamepad/gamepad-navigator.js';
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { startEmulator } from '../support/emulator.js';
import { cleanUp, LABELS, next } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The accessible-ish name of the focused control: its text, or what labels it. */
function focusedName(): string {
  const active = deepActive();
  if (!active) return '';
  const root = active.getRootNode() as ShadowRoot | Document;
  const labelledBy = active.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => root.getElementById(id)?.textContent.trim()).join(' ');
  if (active instanceof HTMLInputElement) return active.labels?.[0]?.textContent.trim() ?? '';
  return active.textContent.trim();
}

async function mountAs(scenario: string, player: string) {
  const emu = await startEmulator(scenario);
  if (emu.scenario.kid.sessionId) await emu.link(player, emu.scenario.kid.sessionId);
  document.cookie = `player=${player}; path=/`;
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.storage = memoryStorage();
  provider.permissionLabels = LABELS;
  provider.jurisdiction = 'US-CA';
  const element: PlaygatePermissionRequest = document.createElement('playgate-permission-request');
  provider.append(element);
  const ready = next(provider, 'playgate-ready');
  document.body.append(provider);
  await ready;
  await element.updateComplete;
  return { emu, element };
}

/** Presses Tab until the named control has focus (at most 40 times). */
async function tabTo(name: string): Promise<void> {
  for (let i = 0; i < 40 && focusedName() !== name; i++) await sendKeys({ press: 'Tab' });
  expect(focusedName(), `Tab reaches "${name}"`).to.equal(name);
}

describe('keyboard only', () => {
  afterEach(cleanUp);

  it('turns a feature on with Tab and Enter', async () => {
    const { element } = await mountAs('teen', 'rowan');
    const granted = next(element, 'playgate-permission-granted');
    await tabTo('Turn on private messages');
    await sendKeys({ press: 'Enter' });
    expect((await granted).detail.permissions).to.deep.equal(['text-chat-private']);
  });

  it('asks a parent, emails them, closes the panel and opens it again', async () => {
    const { emu, element } = await mountAs('child', 'pip');
    await tabTo('Ask a parent voice chat');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focusedName() === 'Ask a parent for voice chat', 'focus on the panel title');
    await tabTo("Parent's email (optional)");
    await sendKeys({ type: 'parent@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => (element.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot?.textContent ?? '').includes('Sent!'), 'the email sent');
    expect((await emu.control<Array<{ to: string }>>('GET', '/outbox')).map((mail) => mail.to)).to.deep.equal(['parent@example.com']);
    await tabTo('Close');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focusedName() === 'Show the code', 'focus on a way back');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focusedName() === 'Ask a parent for voice chat', 'the panel again');
  });
});

describe('gamepad only', () => {
  afterEach(cleanUp);

  function pad() {
    const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
    const gamepad = { connected: true, buttons, axes: [0, 0, 0, 0] } as unknown as Gamepad;
    const navigator = new GamepadNavigator({ getGamepads: () => [gamepad] });
    let now = 0;
    return (index: number) => {
      buttons[index]!.pressed = true;
      navigator.poll((now += 16));
      buttons[index]!.pressed = false;
      navigator.poll((now += 16));
    };
  }
  const [A, B, DOWN] = [0, 1, 13];

  it('moves to a feature with the D-pad, asks with A, and backs out of the panel with B', async () => {
    const { element } = await mountAs('child', 'pip');
    const press = pad();
    for (let i = 0; i < 20 && focusedName() !== 'Ask a parent voice chat'; i++) press(DOWN);
    expect(focusedName()).to.equal('Ask a parent voice chat');
    const created = next(element, 'playgate-challenge-created');
    press(A);
    await created;
    await waitFor(() => focusedName() === 'Ask a parent for voice chat', 'focus on the panel title');
    for (let i = 0; i < 20 && focusedName() !== 'Close'; i++) press(DOWN);
    expect(focusedName(), 'the D-pad reaches the panel buttons').to.equal('Close');
    press(A);
    await waitFor(() => focusedName() === 'Show the code', 'focus on a way back');
    let back = 0;
    const onBack = () => {
      back += 1;
    };
    document.addEventListener('playgate-gamepad-back', onBack);
    press(B);
    document.removeEventListener('playgate-gamepad-back', onBack);
    expect(back, 'B asks the game to go back').to.equal(1);
  });
});
