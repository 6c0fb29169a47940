import { expect } from '@open-wc/testing';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/provider/provider.js';
import { GamepadNavigator } from '../../src/elements/gamepad/gamepad-navigator.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { isPlaygateError } from '../../src/model/error.js';
import { startEmulator } from '../support/emulator.js';
import { waitFor } from '../support/tick.js';

/** A pad whose buttons the test presses, as the Gamepad API would report it. */
function fakePad() {
  const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
  const pad = { connected: true, buttons, axes: [0, 0, 0, 0], id: 'test pad', index: 0, mapping: 'standard', timestamp: 0 } as unknown as Gamepad;
  let now = 0;
  const navigator = new GamepadNavigator({ getGamepads: () => [pad] });
  /** Press and release a button: two polls, as two frames would. */
  const press = (index: number) => {
    buttons[index]!.pressed = true;
    navigator.poll((now += 16));
    buttons[index]!.pressed = false;
    navigator.poll((now += 16));
  };
  return { press, A: 0, B: 1, DOWN: 13, UP: 12 };
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function openPrompt() {
  const emu = await startEmulator('child');
  const provider = document.createElement('playgate-provider');
  provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
  provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  provider.storage = memoryStorage();
  const prompt = document.createElement('playgate-consent-prompt');
  prompt.storage = memoryStorage();
  provider.append(prompt);
  document.body.append(provider);
  await prompt.updateComplete;
  const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
  const part = (name: string) => prompt.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
  await waitFor(() => part('accept') !== null && deepActive() === part('document'), 'the prompt, focused on its document');
  return { provider, prompt, ident, part };
}

describe('gamepad navigation', () => {
  afterEach(() => {
    document.querySelectorAll('playgate-provider').forEach((node) => {
      node.remove();
    });
  });

  it('reads the terms with the D-pad, moves focus to Accept, and A accepts, round after round', async () => {
    const { prompt, ident, part } = await openPrompt();
    const pad = fakePad();
    const finished = new Set<string>();
    void ident.finally(() => finished.add('ident'));
    const settled = () => finished.has('ident');
    const titles: string[] = [];
    while (!settled()) {
      await waitFor(() => settled() || (part('accept') !== null && deepActive() === part('document')), 'a document to read');
      if (settled()) break;
      titles.push(part('title')?.textContent ?? '');
      const box = part('document')!;
      // Down scrolls the document first; Accept unlocks once its end is seen.
      for (let i = 0; i < 50 && box.scrollTop + box.clientHeight < box.scrollHeight - 4; i++) pad.press(pad.DOWN);
      await waitFor(() => !(part('accept') as HTMLButtonElement).disabled, 'Accept to unlock');
      expect(deepActive(), 'still on the document').to.equal(box);
      pad.press(pad.DOWN);
      expect(deepActive(), 'focus moves on, inside the dialog').to.equal(part('decline'));
      pad.press(pad.DOWN);
      expect(deepActive()).to.equal(part('accept'));
      pad.press(pad.UP);
      expect(deepActive(), 'and back').to.equal(part('decline'));
      pad.press(pad.DOWN);
      pad.press(pad.A);
      await waitFor(() => settled() || part('accept')?.textContent.trim() !== 'I accept' || deepActive() !== part('accept'), 'the answer to go');
    }
    expect(titles).to.deep.equal(['Terms of service', 'Game rules']);
    expect((await ident).token).to.be.a('string');
    expect(prompt.open).to.equal(false);
  });

  it('B declines the open prompt', async () => {
    const { ident, prompt } = await openPrompt();
    const pad = fakePad();
    pad.press(pad.B);
    const error = await ident.then(() => undefined, (e: unknown) => e);
    expect(isPlaygateError(error, 'consent_declined')).to.equal(true);
    expect(prompt.open).to.equal(false);
  });

  it('B outside a modal asks the page to go back', () => {
    const button = Object.assign(document.createElement('button'), { textContent: 'Play' });
    document.body.append(button);
    let back = 0;
    const onBack = () => {
      back += 1;
    };
    document.addEventListener('playgate-gamepad-back', onBack);
    const pad = fakePad();
    pad.press(pad.DOWN);
    expect(document.activeElement).to.equal(button);
    pad.press(pad.B);
    expect(back).to.equal(1);
    document.removeEventListener('playgate-gamepad-back', onBack);
    button.remove();
  });
});
