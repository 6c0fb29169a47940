// More kits that come after the provider started, on a page of their own (kits register
// once per page): k-ID while the provider runs, then Elements when the game already
// handed over a sign-in.
import { expect } from '@open-wc/testing';
import { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { waitFor } from '../support/tick.js';

class RunningProvider extends PlaygateProvider {}
class RunningRequest extends PlaygatePermissionRequest {}
class RunningStatus extends PlaygateSessionStatus {}
customElements.define('running-provider', RunningProvider);
customElements.define('running-request', RunningRequest);
customElements.define('running-status', RunningStatus);

async function provided(emu: TestEmulator): Promise<RunningProvider> {
  document.cookie = 'player=pip; path=/';
  await emu.link('pip', emu.scenario.kid.sessionId ?? '');
  const provider = new RunningProvider();
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.elementsUrl = `${emu.base}/elements/api/rest/`;
  provider.storage = memoryStorage();
  const ready = new Promise((resolve) => { provider.addEventListener('playgate-ready', resolve, { once: true }); });
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    document.body.append(provider);
    await ready;
  } finally {
    console.warn = warn;
  }
  return provider;
}

describe('a kit that comes while the provider runs', () => {
  afterEach(() => {
    for (const provider of document.querySelectorAll('running-provider')) provider.remove();
  });

  it('k-ID: the session is read at once, not at the watch’s next 30 s tick', async () => {
    const emu = await startEmulator('child');
    const provider = await provided(emu);
    expect(provider.playgate?.store.snapshot.kid.state, 'no k-ID kit yet').to.equal('unconfigured');
    provider.append(new RunningRequest());
    // Well inside the 30 s between the watch's reads.
    await waitFor(() => provider.playgate?.store.snapshot.kid.state === 'active', 'the session read through the late kit', 10_000);
  });

  it('Elements: the sign-in the game handed over before the kit came is taken by its port', async () => {
    const emu = await startEmulator('expired');
    const provider = await provided(emu);
    // A sign-in the game made itself (this scenario's has lapsed; only its hand-over counts here).
    provider.elementsSessionSecret = emu.scenario.elements.sessionSecret;
    await provider.updateComplete;
    expect(provider.playgate?.identity, 'no Elements kit yet').to.equal(undefined);
    provider.append(new RunningStatus());
    expect(provider.playgate?.identity?.signedIn, 'signed in with the game’s secret').to.equal(true);
  });
});
