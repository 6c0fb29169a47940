import { expect } from '@open-wc/testing';
import { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage, safeStorage } from '../../src/flows/storage.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, LABELS, mountStatus, next, until } from '../support/elements.js';
import { nextTask } from '../support/tick.js';

async function asPip(scenario = 'child', config?: Record<string, unknown>): Promise<TestEmulator> {
  const emu = await startEmulator(scenario, config);
  await emu.link('pip', 'session-pip');
  document.cookie = 'player=pip; path=/';
  return emu;
}

const kidCalls = async (emu: TestEmulator) => (await emu.control<Array<{ vendor: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid');

describe('<playgate-provider>', () => {
  afterEach(cleanUp);

  it('serves every element with one request: concurrent reads are shared', async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu);
    const second = document.createElement('playgate-session-status');
    second.layout = 'compact';
    mounted.provider.append(second);
    const before = (await kidCalls(emu)).length;
    await Promise.all([mounted.provider.refresh(), mounted.provider.refresh(), mounted.provider.playgate?.refresh()]);
    expect((await kidCalls(emu)).length - before).to.equal(1);
    await second.updateComplete;
    expect(second.shadowRoot?.textContent).to.contain('Child account');
  });

  it('reads the session when the server pushes a challenge it cannot check (an unknown status)', async () => {
    const emu = await asPip();
    await mountStatus(emu);
    await emu.streamOpen();
    const reads = async () => (await kidCalls(emu)).filter((call) => call.path === '/session/get').length;
    const before = await reads();
    await emu.push('pip', { type: 'challenge-changed', challengeId: 'ch-1', status: 'EXPIRED' });
    const read = Date.now() + 15_000;
    while ((await reads()) === before) {
      if (Date.now() > read) throw new Error('the session was not read after the push');
      await nextTask();
    }
  });

  it('keeps two tabs in agreement: a change read in one shows in the other', async () => {
    const emu = await asPip();
    const one = await mountStatus(emu);
    const other = await mountStatus(emu);
    await emu.control('POST', '/events/age-up', {});
    const heard = next(other.provider, 'playgate-session-changed');
    await one.provider.refresh();
    expect((await heard).detail.cause).to.equal('age-up');
    await until(other, (t) => t.includes('Teen account'), 'the other tab to agree');
  });

  it('works when the provider is defined after the elements inside it', async () => {
    const emu = await asPip();
    customElements.define('late-status', class extends PlaygateSessionStatus {});
    // Created before their classes exist: that is what this test is about.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    const provider = document.createElement('late-provider') as PlaygateProvider;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    const status = document.createElement('late-status') as PlaygateSessionStatus;
    provider.append(status);
    document.body.append(provider);
    await status.updateComplete;
    // Only now does the provider's definition arrive.
    Object.assign(provider, { kidUrl: `${emu.base}/api/kid/`, storage: memoryStorage(), permissionLabels: LABELS });
    const ready = next(provider, 'playgate-ready');
    customElements.define('late-provider', class extends PlaygateProvider {});
    expect((await ready).detail).to.deep.equal({ kid: 'active', identity: 'unconfigured' });
    await status.updateComplete;
    expect(status.shadowRoot?.textContent).to.contain('Child account');
  });

  it('counts down a sign-in that ends soon', async () => {
    const emu = await asPip('adult', { minPollIntervalMs: 0, elementsSessionTimeoutMs: 10 * 60 * 1000 });
    const mounted = await mountStatus(emu, { elements: true });
    await mounted.provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    await until(mounted, (t) => /Signed in for (9|10) minutes more/.test(t), 'the countdown');
  });

  it('keeps working when storage throws, as in a third-party iframe', () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const storage = safeStorage(() => throwing);
    storage.set('kid-session-id', 's1');
    expect(storage.get('kid-session-id')).to.equal('s1');
    const blocked = safeStorage(() => {
      throw new DOMException('no storage', 'SecurityError');
    });
    blocked.set('a', 'b');
    expect(blocked.get('a')).to.equal('b');
  });

  it('never puts a secret in an attribute or the DOM', async () => {
    const emu = await asPip('adult');
    const mounted = await mountStatus(emu, { elements: true });
    mounted.provider.kidToken = 'super-secret-token';
    await mounted.provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    await mounted.status.updateComplete;
    const everything = document.documentElement.outerHTML + (mounted.status.shadowRoot?.innerHTML ?? '');
    expect(everything).not.to.contain('super-secret-token');
    expect(everything).not.to.contain('els_');
    expect([...mounted.provider.attributes].map((a) => a.name).sort()).to.deep.equal(['locale', 'theme']);
  });
});
