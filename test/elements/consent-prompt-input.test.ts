// The consent prompt with the keyboard alone (real key presses) and a gamepad alone.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/provider/provider.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { isPlaygateError } from '../../src/model/error.js';
import { startEmulator } from '../support/emulator.js';
import { deepActive, focusedName, gamepad, PAD, tabTo } from '../support/input.js';
import { waitFor } from '../support/tick.js';

async function openPrompt(scenario = 'child') {
  const emu = await startEmulator(scenario);
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
  // A test that leaves the prompt open ends in a decline when it is removed.
  ident.catch(() => undefined);
  const part = (name: string) => prompt.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
  await waitFor(() => part('accept') !== null && deepActive() === part('document'), 'the prompt, focused on its document');
  return { emu, provider, prompt, ident, part };
}

describe('consent prompt, keyboard only', () => {
  afterEach(() => {
    document.querySelectorAll('playgate-provider').forEach((node) => {
      node.remove();
    });
  });

  it('reads with End, reaches Accept with Tab, and accepts with Enter, round after round', async () => {
    const { ident, part } = await openPrompt();
    const finished = new Set<string>();
    void ident.finally(() => finished.add('ident'));
    const titles: string[] = [];
    while (!finished.has('ident')) {
      await waitFor(() => finished.has('ident') || (part('accept') !== null && deepActive() === part('document')), 'a document to read');
      if (finished.has('ident')) break;
      titles.push(part('title')?.textContent ?? '');
      const box = part('document')!;
      if (box.scrollHeight > box.clientHeight + 4) expect((part('accept') as HTMLButtonElement).disabled, 'Accept waits for the end').to.equal(true);
      await sendKeys({ press: 'End' });
      await waitFor(() => !(part('accept') as HTMLButtonElement).disabled, 'Accept to unlock after End');
      await tabTo('I accept');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => finished.has('ident') || deepActive() !== part('accept'), 'the answer to go');
    }
    expect(titles).to.deep.equal(['Terms of service', 'Game rules']);
    expect((await ident).token).to.be.a('string');
  });

  it('Tab stays inside the open prompt', async () => {
    await openPrompt();
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      const root = deepActive()?.getRootNode();
      seen.add(root instanceof ShadowRoot && root.host.localName === 'playgate-consent-prompt' ? 'inside' : `outside: ${String(deepActive()?.localName)}`);
    }
    expect([...seen]).to.deep.equal(['inside']);
  });

  it('Escape declines', async () => {
    const { ident, prompt } = await openPrompt();
    await sendKeys({ press: 'Escape' });
    const error = await ident.then(() => undefined, (e: unknown) => e);
    expect(isPlaygateError(error, 'consent_declined')).to.equal(true);
    expect(prompt.open).to.equal(false);
  });

  it('after a failed signature, "Try again" by keyboard signs once and goes on', async () => {
    const { emu, ident, part } = await openPrompt();
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/ident/token', method: 'POST', kind: '5xx', status: 503 });
    await sendKeys({ press: 'End' });
    await waitFor(() => !(part('accept') as HTMLButtonElement).disabled, 'Accept to unlock');
    await tabTo('I accept');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => part('retry') !== null, 'the error, with a retry');
    await emu.control('DELETE', '/faults');
    await tabTo('Try again');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focusedName() !== 'Try again' && deepActive() === part('document'), 'the next document');
    await sendKeys({ press: 'End' });
    await waitFor(() => !(part('accept') as HTMLButtonElement).disabled, 'Accept to unlock');
    await tabTo('I accept');
    await sendKeys({ press: 'Enter' });
    expect((await ident).token).to.be.a('string');
    const signed = await emu.control<Array<{ pageId: string; repeat: boolean }>>('GET', '/nodecraft/signatures');
    expect(signed.filter((s) => s.repeat), 'nothing signed twice').to.deep.equal([]);
    expect(signed.map((s) => s.pageId).sort()).to.deep.equal(['legal-game', 'legal-platform', 'rules-game']);
  });
});

describe('consent prompt, gamepad only', () => {
  afterEach(() => {
    document.querySelectorAll('playgate-provider').forEach((node) => {
      node.remove();
    });
  });

  it('reads the terms with the D-pad, moves focus to Accept, and A accepts, round after round', async () => {
    const { prompt, ident, part } = await openPrompt();
    const pad = gamepad();
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
      for (let i = 0; i < 50 && box.scrollTop + box.clientHeight < box.scrollHeight - 4; i++) pad.press(PAD.DOWN);
      await waitFor(() => !(part('accept') as HTMLButtonElement).disabled, 'Accept to unlock');
      expect(deepActive(), 'still on the document').to.equal(box);
      pad.press(PAD.DOWN);
      expect(deepActive(), 'focus moves on, inside the dialog').to.equal(part('decline'));
      pad.press(PAD.DOWN);
      expect(deepActive()).to.equal(part('accept'));
      pad.press(PAD.UP);
      expect(deepActive(), 'and back').to.equal(part('decline'));
      pad.press(PAD.DOWN);
      pad.press(PAD.A);
      await waitFor(() => settled() || part('accept')?.textContent.trim() !== 'I accept' || deepActive() !== part('accept'), 'the answer to go');
    }
    expect(titles).to.deep.equal(['Terms of service', 'Game rules']);
    expect((await ident).token).to.be.a('string');
    expect(prompt.open).to.equal(false);
  });

  it('B declines the open prompt', async () => {
    const { ident, prompt } = await openPrompt();
    const pad = gamepad();
    pad.press(PAD.B);
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
    const pad = gamepad();
    pad.press(PAD.DOWN);
    expect(document.activeElement).to.equal(button);
    pad.press(PAD.B);
    expect(back).to.equal(1);
    document.removeEventListener('playgate-gamepad-back', onBack);
    button.remove();
  });
});
