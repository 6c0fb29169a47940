// An element can come after its provider started: a lazily loaded chunk, or a class
// registered under a game's own tag. The provider takes the adapter it brings at once,
// keeping everything it knows (the session, the sign-in), also when it was out of the page
// meanwhile. A page of its own: the kits are registered once per page, so the tests run
// in order, each bringing one kit late: k-ID, then Elements, then Nodecraft.
import { expect } from '@open-wc/testing';
import { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { acceptRounds } from '../support/consent.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { waitFor } from '../support/tick.js';

class LateProvider extends PlaygateProvider {}
class LateConsent extends PlaygateConsentPrompt {}
class LateRequest extends PlaygatePermissionRequest {}
class LateStatus extends PlaygateSessionStatus {}
customElements.define('late-provider', LateProvider);
customElements.define('late-consent', LateConsent);
customElements.define('late-request', LateRequest);
customElements.define('late-status', LateStatus);

const sessionReads = async (emu: TestEmulator) =>
  (await emu.control<Array<{ vendor: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid' && r.path === '/session/get').length;

async function asPip(): Promise<TestEmulator> {
  const emu = await startEmulator('child');
  document.cookie = 'player=pip; path=/';
  await emu.link('pip', emu.scenario.kid.sessionId ?? '');
  return emu;
}

/** A provider for every port, in the page, after its first read; the kits it lacks are noted. */
async function started(emu: TestEmulator, inside: HTMLElement[] = []): Promise<{ provider: LateProvider; readies: number }> {
  const provider = new LateProvider();
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.elementsUrl = `${emu.base}/elements/api/rest/`;
  provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
  provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  provider.storage = memoryStorage();
  provider.append(...inside);
  const result = { provider, readies: 0 };
  provider.addEventListener('playgate-ready', () => {
    result.readies += 1;
  });
  // The provider says once that a configured port has no element yet: expected here.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    document.body.append(provider);
    await waitFor(() => result.readies > 0, 'playgate-ready');
  } finally {
    console.warn = warn;
  }
  return result;
}

describe('a kit that comes after the provider started', () => {
  afterEach(() => {
    for (const provider of document.querySelectorAll('late-provider')) provider.remove();
  });

  it('k-ID, while the provider is out of the page: taken once it is back, and the session read', async () => {
    const emu = await asPip();
    const { provider } = await started(emu);
    expect(provider.playgate?.permissions, 'no k-ID kit yet').to.equal(undefined);
    provider.remove();
    // The request registers the k-ID adapter while the provider is away.
    new LateRequest().remove();
    await Promise.resolve();
    expect(provider.playgate?.permissions, 'not taken while away').to.equal(undefined);
    document.body.append(provider);
    await waitFor(() => provider.playgate?.store.snapshot.kid.state === 'active', 'the session read through the late kit');
    expect(provider.playgate?.requests, 'the upgrade flow came with it').to.not.equal(undefined);
  });

  it('Elements: usable in the same task, with the session kept and not read again', async () => {
    const emu = await asPip();
    const ready = await started(emu, [new LateRequest()]);
    const { provider } = ready;
    await waitFor(() => provider.playgate?.store.snapshot.kid.state === 'active', 'the session');
    const store = provider.playgate?.store;
    const reads = await sessionReads(emu);
    expect(provider.playgate?.identity, 'no Elements kit yet').to.equal(undefined);
    provider.append(new LateStatus());
    // Same task: the sign-in goes through the adapter the status just brought.
    await provider.signIn({ userId: 'pip', password: 'playgate', profileId: 'prof-pip' });
    expect(provider.playgate?.store, 'the same session store').to.equal(store);
    expect(provider.playgate?.store.snapshot.identity.state).to.equal('active');
    expect(provider.playgate?.store.snapshot.kid.state, 'the session kept').to.equal('active');
    expect(await sessionReads(emu), 'no session read again').to.equal(reads);
    expect(ready.readies, 'playgate-ready once').to.equal(1);
  });

  it('Nodecraft: usable in the same task, with the sign-in and the session kept', async () => {
    const emu = await asPip();
    const { provider } = await started(emu, [new LateStatus()]);
    await provider.signIn({ userId: 'pip', password: 'playgate', profileId: 'prof-pip' });
    const store = provider.playgate?.store;
    const reads = await sessionReads(emu);
    expect(provider.playgate?.consents, 'no Nodecraft kit yet').to.equal(undefined);

    const prompt = new LateConsent();
    prompt.storage = memoryStorage();
    provider.append(prompt);
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await acceptRounds(prompt, 2);
    expect((await ident).displayName).to.equal('Pip');

    expect(provider.playgate?.store, 'the same session store').to.equal(store);
    expect(provider.playgate?.store.snapshot.identity.state, 'still signed in').to.equal('active');
    expect(await sessionReads(emu), 'no session read again').to.equal(reads);
  });
});
