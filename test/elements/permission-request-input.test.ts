// Every step of asking for a feature and of setting up an account (the first consent, through
// the age gate) with the keyboard alone (real key presses), and with a gamepad alone (a
// simulated pad read by the GamepadNavigator).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import { cleanUp, next, pickBirthDate } from '../support/elements.js';
import { focusedName, gamepad, PAD, tabTo } from '../support/input.js';
import { requestAs } from '../support/request.js';
import { waitFor } from '../support/tick.js';

async function mountAs(scenario: string, player: string) {
  const { emu, element, ready } = await requestAs(scenario, player);
  await ready;
  await element.updateComplete;
  return { emu, element };
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

/** The element once it lists features: a session exists. */
function listsFeatures(element: PlaygatePermissionRequest): boolean {
  return element.shadowRoot?.querySelector('[data-permission]') != null;
}

describe('first consent, keyboard only', () => {
  afterEach(cleanUp);

  it('sets up an account: picks a date of birth by typing into each field, and continues', async () => {
    const { emu, element } = await mountAs('first-run', 'sam');
    await tabTo('Set up my account');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focusedName() === 'How old are you?' && element.shadowRoot?.querySelector('select:enabled') != null, 'the age gate, ready');
    await tabTo('Month');
    await sendKeys({ type: 'April' });
    await tabTo('Day');
    await sendKeys({ type: '15' });
    await tabTo('Year');
    await sendKeys({ type: '1990' });
    await tabTo('Continue');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => listsFeatures(element), 'the features of the new account');
    const checks = (await emu.control<Array<{ path: string; body?: { dateOfBirth?: string } }>>('GET', '/requests')).filter((r) => r.path.includes('age-gate/check'));
    expect(checks.length, 'the age was checked').to.be.greaterThan(0);
  });
});

describe('first consent, a date that does not exist', () => {
  afterEach(cleanUp);

  it('says so, sends nothing, and goes on once the date is right', async () => {
    const { emu, element } = await mountAs('first-run', 'sam');
    await tabTo('Set up my account');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.shadowRoot?.querySelector('select:enabled') != null, 'the age gate, ready');
    const root = element.shadowRoot ?? element;
    pickBirthDate(root, '1990-02-31');
    root.querySelector<HTMLButtonElement>('[part="age-submit"]')?.click();
    expect(root.querySelector('[part="age-problem"]')?.textContent).to.equal('Enter your date of birth, or your age in whole years.');
    const checks = async () => (await emu.control<Array<{ path: string }>>('GET', '/requests')).filter((r) => r.path.includes('age-gate/check'));
    expect(await checks(), 'nothing sent').to.deep.equal([]);
    pickBirthDate(root, '1990-02-28');
    root.querySelector<HTMLButtonElement>('[part="age-submit"]')?.click();
    await waitFor(() => listsFeatures(element), 'the features of the new account');
  });
});

describe('gamepad only', () => {
  afterEach(cleanUp);

  it('turns a feature on with the D-pad and A', async () => {
    const { element } = await mountAs('teen', 'rowan');
    const pad = gamepad();
    const granted = next(element, 'playgate-permission-granted');
    pad.moveTo('Turn on private messages');
    pad.press(PAD.A);
    expect((await granted).detail.permissions).to.deep.equal(['text-chat-private']);
  });

  it('sets up an account: left and right set each field of the date of birth', async () => {
    // The game's own menu comes first: from the age gate's title, Down goes on, not back to it.
    const menu = Object.assign(document.createElement('button'), { textContent: 'Game menu' });
    document.body.prepend(menu);
    const { element } = await mountAs('first-run', 'sam');
    const pad = gamepad();
    pad.moveTo('Set up my account');
    pad.press(PAD.A);
    await waitFor(() => focusedName() === 'How old are you?' && element.shadowRoot?.querySelector('select:enabled') != null, 'the age gate, ready');
    pad.press(PAD.DOWN);
    expect(focusedName(), 'Down from the title goes to the first field').to.equal('Month');
    menu.remove();
    pad.press(PAD.RIGHT, 4);
    pad.press(PAD.LEFT);
    pad.press(PAD.RIGHT);
    pad.moveTo('Day');
    pad.press(PAD.RIGHT, 15);
    pad.moveTo('Year');
    pad.press(PAD.RIGHT, new Date().getFullYear() - 1990 + 1);
    const picked = [...(element.shadowRoot?.querySelectorAll('select') ?? [])].map((select) => `${select.name}=${select.value}`);
    expect(picked).to.deep.equal(['month=4', 'day=15', 'year=1990']);
    pad.moveTo('Continue');
    pad.press(PAD.A);
    await waitFor(() => listsFeatures(element), 'the features of the new account');
  });

  it('moves to a feature with the D-pad, asks with A, and backs out of the panel with B', async () => {
    const { element } = await mountAs('child', 'pip');
    const { press } = gamepad();
    for (let i = 0; i < 20 && focusedName() !== 'Ask a parent voice chat'; i++) press(PAD.DOWN);
    expect(focusedName()).to.equal('Ask a parent voice chat');
    const created = next(element, 'playgate-challenge-created');
    press(PAD.A);
    await created;
    await waitFor(() => focusedName() === 'Ask a parent for voice chat', 'focus on the panel title');
    for (let i = 0; i < 20 && focusedName() !== 'Close'; i++) press(PAD.DOWN);
    expect(focusedName(), 'the D-pad reaches the panel buttons').to.equal('Close');
    press(PAD.A);
    await waitFor(() => focusedName() === 'Show the code', 'focus on a way back');
    let back = 0;
    const onBack = () => {
      back += 1;
    };
    document.addEventListener('playgate-gamepad-back', onBack);
    press(PAD.B);
    document.removeEventListener('playgate-gamepad-back', onBack);
    expect(back, 'B asks the game to go back').to.equal(1);
  });
});
