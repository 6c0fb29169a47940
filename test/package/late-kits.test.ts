// An element can come after its provider started: a lazily loaded chunk, or a class
// registered under a game's own tag. The provider takes the adapter it brings without
// losing the sign-in or the session, and even when it was out of the page meanwhile.
// (A page of its own: the kits are registered once per page.)
import { expect } from '@open-wc/testing';
import { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { acceptRounds } from '../support/consent.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { waitFor } from '../support/tick.js';

class LateProvider extends PlaygateProvider {}
class LateConsent extends PlaygateConsentPrompt {}
class LateStatus extends PlaygateSessionStatus {}
customElements.define('late-provider', LateProvider);
customElements.define('late-consent', LateConsent);
customElements.define('late-status', LateStatus);

const sessionReads = async (emu: TestEmulator) =>
  (await emu.control<Array<{ vendor: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid' && r.path === '/session/get').length;

function quietly<T>(run: () => Promise<T>): Promise<T> {
  // The provider says once that a configured port has no element yet: expected here.
  const warn = console.warn;
  console.warn = () => undefined;
  return run().finally(() => {
    console.warn = warn;
  });
}

describe('a kit that comes after the provider started', () => {
  it('is taken while the provider is out of the page, once it is back', async () => {
    const emu = await startEmulator('child');
    const provider = new LateProvider();
    provider.elementsUrl = `${emu.base}/elements/api/rest/`;
    provider.storage = memoryStorage();
    await quietly(async () => {
      document.body.append(provider);
      await provider.updateComplete;
    });
    expect(provider.playgate?.identity, 'no identity kit yet').to.equal(undefined);
    provider.remove();
    // The status registers the Elements adapter while the provider is away.
    new LateStatus().remove();
    document.body.append(provider);
    await waitFor(() => provider.playgate?.identity !== undefined, 'the provider to take the Elements adapter');
    await provider.signIn({ userId: 'pip', password: 'playgate', profileId: 'prof-pip' });
    expect(provider.playgate?.store.snapshot.identity.state).to.equal('active');
    provider.remove();
  });

  it('keeps the sign-in and the session, reads nothing again, and can be used in the same task', async () => {
    const emu = await startEmulator('child');
    document.cookie = 'player=pip; path=/';
    await emu.link('pip', emu.scenario.kid.sessionId ?? '');
    const provider = new LateProvider();
    provider.kidUrl = `${emu.base}/api/kid/`;
    provider.elementsUrl = `${emu.base}/elements/api/rest/`;
    provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
    provider.storage = memoryStorage();
    provider.append(new LateStatus());
    const ready = new Promise((resolve) => {
      provider.addEventListener('playgate-ready', resolve, { once: true });
    });
    await quietly(async () => {
      document.body.append(provider);
      await ready;
    });
    await provider.signIn({ userId: 'pip', password: 'playgate', profileId: 'prof-pip' });
    const store = provider.playgate?.store;
    const reads = await sessionReads(emu);
    expect(provider.playgate?.consents, 'no Nodecraft kit yet').to.equal(undefined);

    // The prompt arrives late, and the game uses it at once.
    const prompt = new LateConsent();
    prompt.storage = memoryStorage();
    provider.append(prompt);
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await acceptRounds(prompt, 2);
    expect((await ident).displayName).to.equal('Pip');

    expect(provider.playgate?.store, 'the same session store').to.equal(store);
    expect(provider.playgate?.store.snapshot.identity.state, 'still signed in').to.equal('active');
    expect(await sessionReads(emu), 'no session read again').to.equal(reads);
    provider.remove();
  });
});
