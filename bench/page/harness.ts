// The page `npm run bench` drives in headless Chromium: the elements, production-built,
// over the whole stack in the page (emulator and the game's k-ID proxy), with hooks for
// render timings and for mount/unmount cycles. The counters it reads are installed by
// bench/page/counters.js before anything else runs.
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { createInPageStack, type InPageStack } from '../../src/emulator/in-page.js';
import { memoryStorage } from '../../src/flows/storage.js';
import type { Session } from '../../src/model/permissions.js';
import { paddedTerms } from '../../stories/support/padded-terms.js';
import { permissionsOf, plainDocument, plainList } from './baselines.js';
import { frame, idle, painted } from './paint.js';

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

/** A consent prompt in a provider whose calls go through `fetch`, in the page. */
async function consentHost(fetch: typeof globalThis.fetch, inline: boolean) {
  const host = await provider('child', fetch);
  const prompt = Object.assign(document.createElement('playgate-consent-prompt'), { inline, storage: memoryStorage() });
  host.append(prompt);
  document.body.append(host);
  await prompt.updateComplete;
  return { host, prompt };
}

/** Starts an Ident that needs a consent round; resolves once its document is painted. */
async function roundPainted(prompt: PlaygateConsentPrompt, s: InPageStack) {
  const settled = prompt.identify(s.emulator.scenario.nodecraft.identRequest).catch(() => undefined);
  while (!prompt.shadowRoot?.querySelector('[part="document"]')) await frame();
  return { at: await painted(), settled };
}

/** Milliseconds from the 100 KB document's answer to the prompt painted with it. */
async function consentDocument(): Promise<number> {
  let dataIn = 0;
  const s = await ensureStack('child');
  const padded = paddedTerms(s.fetch, 100_000, () => {
    dataIn = performance.now();
  });
  const { host, prompt } = await consentHost(padded, true);
  const { at } = await roundPainted(prompt, s);
  host.remove();
  return at - dataIn;
}

/**
 * In a fresh page: milliseconds from Nodecraft's 409 to the consent dialog painted, the
 * first time (its panel's code fetched ahead while the page was idle) and the second.
 */
async function lazyOpen(): Promise<{ firstMs: number; secondMs: number }> {
  const s = await ensureStack('child');
  let conflict = 0;
  const watched: typeof globalThis.fetch = async (input, init) => {
    const response = await s.fetch(input, init);
    if (response.status === 409) conflict = performance.now();
    return response;
  };
  const { host, prompt } = await consentHost(watched, false);
  // The idle prefetch: the page goes idle, the panel's chunk comes, and it is evaluated.
  await idle();
  await idle();
  const chunk = () => performance.getEntriesByType('resource').some((entry) => /\/consent-panel-[^/]*\.js$/.test(entry.name));
  // Bounded by idle periods, not time: a renamed chunk fails the run instead of hanging it.
  for (let tries = 0; !chunk(); tries++) {
    if (tries > 500) throw new Error('the consent panel\'s chunk (consent-panel-*.js) was never prefetched');
    await idle();
  }
  await idle();
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    const { at, settled } = await roundPainted(prompt, s);
    times.push(at - conflict);
    const decline = prompt.shadowRoot?.querySelector<HTMLButtonElement>('[part="decline"]');
    if (!decline) throw new Error('no decline button');
    decline.click();
    await settled;
    while (prompt.open) await frame();
    await painted();
  }
  host.remove();
  const [firstMs = 0, secondMs = 0] = times;
  return { firstMs, secondMs };
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
  const session: Session = { ...snapshot.session, permissions: permissionsOf(count), etag: 'bench-500' };
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

Object.assign(window, { bench: { ensureStack, consentDocument, plainDocument, permissionList, plainList, lazyOpen, cycles } });
