// The rare screens load when first needed (or ahead, while the page is idle), and a
// chunk that fails to load gives the element's error state with a retry that works,
// never a blank: the flow then completes as if nothing had happened.
import { expect } from '@open-wc/testing';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { parentAnswers, startEmulator } from '../support/emulator.js';
// Not ../support/elements.js, which defines the tags from the usual addresses.
import { next, requestAs } from '../support/request.js';
import { waitFor } from '../support/tick.js';

const chunks = async (action: 'fail' | 'clear' | 'log', match = '') =>
  (await (await fetch(`/__chunks/${action}?match=${encodeURIComponent(match)}`, { method: action === 'log' ? 'GET' : 'POST' })).json()) as string[];

// The elements are imported only once the faults are set, so not even an idle prefetch gets through.
before(async () => {
  await chunks('clear');
  await chunks('fail', '/consent-panel.');
  // At addresses of their own (see test/support/chunk-faults.js): no other file's cached copy.
  const fresh = '/__fresh/lazy-views/src/elements';
  await Promise.all(['provider/provider.ts', 'consent-prompt/consent-prompt.ts', 'permission-request/permission-request.ts'].map((path) => import(/* @vite-ignore */ `${fresh}/${path}`)));
});

after(async () => {
  await chunks('clear');
});

const shadowText = (element: Element) => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '';
const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('lazy views', () => {
  afterEach(() => {
    document.querySelectorAll('playgate-provider').forEach((node) => {
      node.remove();
    });
  });

  it('a consent panel whose code fails to load says so with a retry, and the round then completes, signed once', async () => {
    const emu = await startEmulator('child');
    const provider: PlaygateProvider = document.createElement('playgate-provider');
    provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
    provider.storage = memoryStorage();
    const prompt: PlaygateConsentPrompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    provider.append(prompt);
    document.body.append(provider);
    const ident = provider.identify(emu.scenario.nodecraft.identRequest);
    await waitFor(() => part(prompt, 'retry') !== null, 'the retry', 15_000, () => shadowText(prompt));
    expect(prompt.open, 'the dialog is open, not blank').to.equal(true);
    expect(part(prompt, 'error')?.textContent).to.equal('You seem to be offline.');
    expect(part(prompt, 'error')?.getAttribute('role')).to.equal('alert');
    expect(part(prompt, 'title')?.textContent, 'the dialog keeps its name').to.equal('Terms of service');
    expect(part(prompt, 'decline'), 'the player can still say no').not.to.equal(null);
    const asked = (await chunks('log')).filter((path) => path.includes('/consent-panel.'));
    expect(asked.length, 'asked for, and refused').to.be.greaterThan(0);

    await chunks('clear');
    part(prompt, 'retry')?.click();
    for (const title of ['Terms of service', 'Game rules']) {
      await waitFor(() => part(prompt, 'title')?.textContent === title && part(prompt, 'document') !== null, title, 15_000, () => shadowText(prompt));
      const box = part(prompt, 'document') as HTMLElement;
      box.scrollTop = box.scrollHeight;
      box.dispatchEvent(new Event('scroll'));
      await waitFor(() => !(part(prompt, 'accept') as HTMLButtonElement).disabled, 'accept enabled');
      part(prompt, 'accept')?.click();
    }
    expect((await ident).displayName).to.equal('Pip');
    const signatures = await emu.control<Array<{ pageId: string }>>('GET', '/nodecraft/signatures');
    expect(signatures.map((s) => s.pageId).sort(), 'each document signed exactly once').to.deep.equal(['legal-game', 'legal-platform', 'rules-game']);
  });

  it('a challenge panel whose code fails to load says so with a retry; then the parent is asked and approves', async () => {
    await chunks('fail', '/conversation.');
    const { emu, element, ready } = await requestAs('child', 'pip');
    await ready;
    await element.updateComplete;
    const created = next(element, 'playgate-challenge-created');
    element.shadowRoot?.querySelector<HTMLElement>('[part="row"][data-permission="voice-chat"] [part="action"]')?.click();
    await created;
    await waitFor(() => part(element, 'retry') !== null, 'the retry', 15_000, () => shadowText(element));
    expect(shadowText(element)).to.contain('You seem to be offline.');
    expect(element.shadowRoot?.querySelector('playgate-challenge-panel'), 'no panel without its code').to.equal(null);

    await chunks('clear');
    part(element, 'retry')?.click();
    const panel = () => element.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot ?? null;
    await waitFor(() => (panel()?.querySelector('[part="code"]') ?? null) !== null, 'the challenge panel', 15_000, () => shadowText(element) );
    const [challenge] = await emu.control<Array<{ otp: string }>>('GET', '/challenges');
    expect(panel()?.querySelector('[part="code"]')?.textContent).to.equal(challenge?.otp);
    const granted = next(element, 'playgate-permission-granted');
    await parentAnswers(panel()?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '', 'Approve');
    expect((await granted).detail.permissions).to.deep.equal(['voice-chat']);
  });
});
