// One conversation per provider, shown by one element at a time: when the element that
// shows it leaves, another takes over, and the page's own settings stay the provider's.
import { expect } from '@open-wc/testing';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { loadMessages } from '../../src/i18n/locales.js';
import { acceptRounds } from '../support/consent.js';
import { cleanUp, mountStatus } from '../support/elements.js';
import { startEmulator } from '../support/emulator.js';
import { nextTask, waitFor } from '../support/tick.js';

const shows = (prompt: PlaygateConsentPrompt) => prompt.open && prompt.shadowRoot?.querySelector('[part~="document"]') !== null;

describe('one conversation, shown by one element at a time', () => {
  const lang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = lang;
    cleanUp();
  });

  it('a second prompt takes over a consent round when the one showing it leaves, and the game’s call goes through', async () => {
    const emu = await startEmulator('child');
    const provider = document.createElement('playgate-provider');
    provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
    provider.storage = memoryStorage();
    const [first, second] = [document.createElement('playgate-consent-prompt'), document.createElement('playgate-consent-prompt')];
    first.storage = memoryStorage();
    second.storage = memoryStorage();
    provider.append(first, second);
    document.body.append(provider);
    const player = first.identify(emu.scenario.nodecraft.identRequest);
    await waitFor(() => shows(first), 'the first prompt to show the document');
    expect(second.open, 'only one shows it').to.equal(false);
    const completed = new Promise<number>((resolve) => {
      second.addEventListener('playgate-consent-completed', (event) => {
        resolve(event.detail.rounds);
      });
    });
    first.remove();
    await waitFor(() => shows(second), 'the second prompt to take over');
    await acceptRounds(second, 2);
    expect((await player).displayName).to.equal('Pip');
    expect(await completed, 'the events come from the prompt that shows the rounds').to.equal(2);
  });

  it('a second permission request shows the wait for a parent when the one the player used leaves', async () => {
    const emu = await startEmulator('child');
    await emu.link('pip', emu.scenario.kid.sessionId ?? '');
    document.cookie = 'player=pip; path=/';
    const provider = document.createElement('playgate-provider');
    provider.kidUrl = `${emu.base}/api/kid/`;
    provider.storage = memoryStorage();
    const [used, other] = [document.createElement('playgate-permission-request'), document.createElement('playgate-permission-request')];
    provider.append(used, other);
    document.body.append(provider);
    const code = (element: HTMLElement) => element.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot?.querySelector('[part="code"]') ?? null;
    await waitFor(() => used.shadowRoot?.querySelector('[data-permission="voice-chat"] [part="action"]') !== null, 'the rows');
    used.shadowRoot?.querySelector<HTMLButtonElement>('[data-permission="voice-chat"] [part="action"]')?.click();
    await waitFor(() => code(used) !== null, 'the panel where the player asked');
    expect(code(other), 'shown once').to.equal(null);
    used.remove();
    await waitFor(() => code(other) !== null, 'the panel in the other element');
  });

  it('keeps the provider’s own locale when the page’s language changes', async () => {
    const emu = await startEmulator('child');
    const mounted = await mountStatus(emu);
    mounted.provider.locale = 'it';
    await waitFor(() => mounted.provider.playgate?.words.locale === 'it', 'Italian');
    document.documentElement.lang = 'fr';
    // The page's change is heard, and French would be loaded by now if it were taken.
    await loadMessages('fr');
    for (let i = 0; i < 5; i++) await nextTask();
    expect(mounted.provider.playgate?.words.locale).to.equal('it');
  });
});
