// The page `npm run bench` drives in headless Chromium: the elements, production-built,
// over the whole stack in the page (emulator and the game's k-ID proxy), with hooks for
// render timings and for mount/unmount cycles. The counters it reads are installed by
// bench/page/counters.js before anything else runs.
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { createInPageStack, type InPageStack } from '../../src/emulator/in-page.js';
import { memoryStorage } from '../../src/flows/storage.js';
import type { Permission, Session } from '../../src/model/permissions.js';
import { paddedTerms } from '../../stories/support/padded-terms.js';

const frame = () =>
  new Promise<number>((resolve) => {
    requestAnimationFrame(() => {
      resolve(performance.now());
    });
  });
/** After the next frame has been painted: two animation frames. */
const painted = async () => {
  await frame();
  return frame();
};

let stack: InPageStack | undefined;
let loaded = '';

async function ensureStack(scenario: string): Promise<InPageStack> {
  stack ??= await createInPageStack({ origin: location.origin, scenario, config: { minPollIntervalMs: 0 } });
  if (loaded !== scenario) await stack.switchTo(scenario);
  loaded = scenario;
  return stack;
}

async function provider(scenario: string, fetch?: typeof globalThis.fetch): Promise<PlaygateProvider> {
  const s = await ensureStack(scenario);
  const element = document.createElement('playgate-provider');
  Object.assign(element, {
    kidUrl: `${location.origin}/api/kid/`,
    nodecraftUrl: `${location.origin}/emulator/nodecraft/v1/`,
    nodecraftGameToken: s.emulator.config.gameToken,
    jurisdiction: 'US-CA',
    fetch: fetch ?? s.fetch,
    storage: memoryStorage(),
  });
  return element;
}

function ready(element: PlaygateProvider): Promise<void> {
  return new Promise((resolve) => {
    element.addEventListener('playgate-ready', () => {
      resolve();
    }, { once: true });
  });
}

/** Milliseconds from the 100 KB document's answer to the prompt painted with it. */
async function consentDocument(): Promise<number> {
  let dataIn = 0;
  const s = await ensureStack('child');
  const padded = paddedTerms(s.fetch, 100_000, () => {
    dataIn = performance.now();
  });
  const host = await provider('child', padded);
  const prompt = Object.assign(document.createElement('playgate-consent-prompt'), { inline: true, storage: memoryStorage() });
  host.append(prompt);
  document.body.append(host);
  await prompt.updateComplete;
  prompt.identify(s.emulator.scenario.nodecraft.identRequest).catch(() => undefined);
  while (!prompt.shadowRoot?.querySelector('[part="document"]')) await frame();
  const at = await painted();
  host.remove();
  return at - dataIn;
}

/** Milliseconds from a session of 500 permissions arriving to its list painted. */
async function permissionList(count = 500): Promise<number> {
  const host = await provider('child');
  const element = document.createElement('playgate-permission-request');
  host.append(element);
  const isReady = ready(host);
  document.body.append(host);
  await isReady;
  const client = host.playgate;
  if (!client) throw new Error('no client');
  const snapshot = client.store.snapshot.kid;
  if (snapshot.state !== 'active') throw new Error(`no session: ${snapshot.state}`);
  const managers = ['PLAYER', 'GUARDIAN', 'PROHIBITED'] as const;
  const permissions: Permission[] = Array.from({ length: count }, (_, index) => ({
    name: `feature-${String(index)}`,
    enabled: index % 4 === 0,
    managedBy: managers[index % 3] ?? 'PLAYER',
  }));
  const session: Session = { ...snapshot.session, permissions, etag: 'bench-500' };
  const dataIn = performance.now();
  client.store.receive(session);
  await element.updateComplete;
  const at = await painted();
  const rows = element.shadowRoot?.querySelectorAll('[part="row"]').length ?? 0;
  host.remove();
  if (rows !== count) throw new Error(`${String(rows)} rows drawn, not ${String(count)}`);
  return at - dataIn;
}

/** Mounts and removes `tag` `times` times (inside one provider, or the provider itself). */
async function cycles(tag: string, times: number): Promise<void> {
  const outer = tag === 'playgate-provider' ? undefined : await provider('child');
  if (outer) {
    const isReady = ready(outer);
    document.body.append(outer);
    await isReady;
  }
  for (let i = 0; i < times; i++) {
    if (outer) {
      const element = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
      outer.append(element);
      await element.updateComplete;
      element.remove();
    } else {
      const element = await provider('child');
      const isReady = ready(element);
      document.body.append(element);
      await isReady;
      element.remove();
    }
  }
  outer?.remove();
  // Let what removal started (aborted reads, closing streams) finish.
  for (let i = 0; i < 10; i++) await frame();
  // The emulator logs every call; its log is the backend's memory, not the widget's.
  await stack?.emulator.fetch(new Request(`${location.origin}/emulator/_emulator/requests`, { method: 'DELETE' }));
}

Object.assign(window, { bench: { ensureStack, consentDocument, permissionList, cycles } });
