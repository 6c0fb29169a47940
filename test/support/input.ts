// Input as a player gives it: real key presses (through the browser's own input pipeline)
// and a simulated gamepad read by the GamepadNavigator.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { GamepadNavigator } from '../../src/elements/gamepad/gamepad-navigator.js';
import { waitFor } from './tick.js';

/** The focused element, through open shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The accessible-ish name of the focused control: its text, or what labels it. */
export function focusedName(): string {
  const active = deepActive();
  if (!active) return '';
  const root = active.getRootNode() as ShadowRoot | Document;
  const labelledBy = active.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => root.getElementById(id)?.textContent.trim()).join(' ');
  if (active instanceof HTMLInputElement || active instanceof HTMLSelectElement) {
    const label = active.labels?.[0];
    // A label that wraps its control names it by its own words, not the options'.
    return (label?.querySelector('span') ?? label)?.textContent.trim() ?? '';
  }
  return active.textContent.trim();
}

/**
 * Presses `key` on the focused control until `done` holds. WebKit's driver sometimes drops a
 * key in a busy full run (never alone): it is pressed again, at most twice more, and only
 * while focus is still on the same control, so nothing else is pressed by mistake.
 */
export async function pressUntil(key: string, done: () => boolean, what: string): Promise<void> {
  const target = deepActive();
  for (let attempt = 0; attempt < 3 && !done() && deepActive() === target; attempt++) {
    await sendKeys({ press: key });
    await waitFor(done, what, 5000).catch(() => undefined);
  }
  expect(done(), what).to.equal(true);
}

/** Presses Tab until the named control has focus (at most 40 times). */
export async function tabTo(name: string): Promise<void> {
  for (let i = 0; i < 40 && focusedName() !== name; i++) await sendKeys({ press: 'Tab' });
  expect(focusedName(), `Tab reaches "${name}"`).to.equal(name);
}

export const PAD = { A: 0, B: 1, UP: 12, DOWN: 13, LEFT: 14, RIGHT: 15 } as const;

/** A pad whose buttons the test presses, as the Gamepad API would report it. */
export function gamepad() {
  const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
  const pad = { connected: true, buttons, axes: [0, 0, 0, 0], id: 'test pad', index: 0, mapping: 'standard', timestamp: 0 } as unknown as Gamepad;
  const navigator = new GamepadNavigator({ getGamepads: () => [pad] });
  let now = 0;
  /** Press and release a button: two polls, as two frames would. */
  const press = (index: number, times = 1) => {
    for (let i = 0; i < times; i++) {
      buttons[index]!.pressed = true;
      navigator.poll((now += 16));
      buttons[index]!.pressed = false;
      navigator.poll((now += 16));
    }
  };
  /** D-pad down (then up, wrapping) until the named control has focus. */
  const moveTo = (name: string) => {
    for (let i = 0; i < 40 && focusedName() !== name; i++) press(PAD.DOWN);
    expect(focusedName(), `the D-pad reaches "${name}"`).to.equal(name);
  };
  return { press, moveTo };
}
