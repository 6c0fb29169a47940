// Secret canaries: the k-ID API key, the Nodecraft game token and the proxy's bearer
// token are set to marked values, and the secrets vendors hand out during the flows (an
// Elements session secret, a Nodecraft player token) are caught on their way in. Every
// flow then runs, and none of them may be found in the DOM (shadow roots and attributes
// included), web storage, IndexedDB, any URL the page fetched, an event's detail, or
// the console.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { parentAnswers, startEmulator, type TestEmulator } from '../support/emulator.js';
import { acceptRounds, acceptShown } from '../support/consent.js';
import { cleanUp, LABELS, next, pickBirthDate } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

const mark = (what: string) => `CANARY-${what}-${String(Math.random()).slice(2, 10)}`;
const KID_API_KEY = mark('kid-api-key');
const GAME_TOKEN = mark('nodecraft-game-token');
const KID_BEARER = mark('kid-proxy-bearer');

/** Secrets seen arriving from a vendor, found by reading every response the widget gets. */
const handedOut = new Set<string>();
const SECRET_FIELDS = ['sessionSecret', 'token', 'access_token', 'refresh_token'];

/** Every answer the widget got: the server-side secrets must never be in one. */
const answers: string[] = [];

/** Every URL the widget fetched (Resource Timing keeps only so many). */
const fetched: string[] = [];
/** The sign-out URL of a secret it revoked: the one place a secret may be, see below. */
const revokedInPath = new Set<string>();
const notRevoking = (url: string) => ![...revokedInPath].some((path) => url.endsWith(path));

function watchingFetch(): typeof fetch {
  return async (input, init) => {
    fetched.push(new Request(input, init).url);
    const response = await fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('event-stream')) answers.push(`${[...response.headers].join(' ')} ${await response.clone().text()}`);
    if (type.includes('json')) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      collectSecrets(body);
    }
    return response;
  };
}

function collectSecrets(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_FIELDS.includes(key) && typeof inner === 'string' && inner.length >= 8) handedOut.add(inner);
    else collectSecrets(inner);
  }
}

/** Everything a page shows or keeps that a script, an extension or a log could read. */
async function exposed(): Promise<Record<string, string>> {
  const serialize = (root: Document | ShadowRoot | Element): string => {
    const html = root instanceof Document ? root.documentElement.outerHTML : root instanceof ShadowRoot ? root.innerHTML : root.outerHTML;
    const nested = [...root.querySelectorAll('*')].map((element) => (element.shadowRoot ? serialize(element.shadowRoot) : '')).join('');
    return html + nested;
  };
  const dump = (store: Storage) => JSON.stringify(Object.entries(store));
  const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
  const indexed: string[] = [];
  for (const { name } of databases) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        resolve(open.result);
      };
      open.onerror = () => {
        reject(open.error ?? new Error(name));
      };
    });
    for (const storeName of db.objectStoreNames) {
      const all = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => {
          resolve(request.result);
        };
      });
      indexed.push(JSON.stringify(all));
    }
    db.close();
  }
  return {
    dom: serialize(document),
    localStorage: dump(localStorage),
    sessionStorage: dump(sessionStorage),
    indexedDB: indexed.join('\n'),
    urls: [location.href, ...fetched, ...performance.getEntriesByType('resource').map((entry) => entry.name)].filter(notRevoking).join('\n'),
    events: events.join('\n'),
    console: logged.join('\n'),
  };
}

const events: string[] = [];
const logged: string[] = [];
// Kept unbound: it is put back on the prototype and called with each target as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const originalDispatch = EventTarget.prototype.dispatchEvent;
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
// Kept unbound, like the dispatch above, and called with `console` as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const originals = METHODS.map((method) => console[method]);

function provider(emu: TestEmulator, ports: { kid?: boolean; nodecraft?: boolean; elements?: boolean }): PlaygateProvider {
  const element = document.createElement('playgate-provider');
  element.fetch = watchingFetch();
  // The default storage, the page's own: what the widget keeps there is searched too.
  element.permissionLabels = LABELS;
  element.jurisdiction = 'US-CA';
  if (ports.kid) {
    element.kidUrl = `${emu.base}/api/kid/`;
    element.kidToken = KID_BEARER;
  }
  if (ports.nodecraft) {
    element.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    element.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  }
  if (ports.elements) element.elementsUrl = `${emu.base}/elements/api/rest/`;
  return element;
}

const canaryEmulator = (scenario: string) => startEmulator(scenario, { minPollIntervalMs: 0 }, { kidApiKey: KID_API_KEY, gameToken: GAME_TOKEN });
const shadow = (element: Element | null | undefined, selector: string) => element?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const text = (element: Element) => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '';

/** Searches everything for every canary, then clears the page and its storage for the next flow. */
let keptInStorage = false;

async function searchAndClear(): Promise<void> {
  const found = await exposed();
  if (localStorage.length > 0) keptInStorage = true;
  const canaries = [KID_API_KEY, GAME_TOKEN, KID_BEARER, ...handedOut];
  for (const [where, content] of Object.entries(found)) {
    for (const canary of canaries) expect(content.includes(canary), `${canary} in ${where}`).to.equal(false);
  }
  cleanUp();
  localStorage.clear();
  sessionStorage.clear();
}

describe('secret canaries', () => {
  before(() => {
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
      if (event.type.startsWith('playgate-')) events.push(`${event.type} ${JSON.stringify((event as CustomEvent<unknown>).detail)}`);
      return originalDispatch.call(this, event);
    };
    METHODS.forEach((method, index) => {
      console[method] = (...args: unknown[]) => {
        logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack ?? ''}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
        originals[index]?.apply(console, args);
      };
    });
  });

  after(async () => {
    const found = await exposed();
    EventTarget.prototype.dispatchEvent = originalDispatch;
    METHODS.forEach((method, index) => {
      const original = originals[index];
      if (original) console[method] = original;
    });
    const canaries = [KID_API_KEY, GAME_TOKEN, KID_BEARER, ...handedOut];
    expect(handedOut.size, 'the vendors handed out secrets to watch for').to.be.greaterThan(1);
    expect(events.length, 'events were seen').to.be.greaterThan(5);
    expect(keptInStorage, 'the widget kept something in storage that was searched').to.equal(true);
    for (const [where, content] of Object.entries(found)) {
      for (const canary of canaries) expect(content.includes(canary), `${canary} in ${where}`).to.equal(false);
    }
    expect(answers.length, 'answers were read').to.be.greaterThan(20);
    for (const canary of [KID_API_KEY, GAME_TOKEN, KID_BEARER]) expect(answers.join('\n').includes(canary), `${canary} in an answer`).to.equal(false);
  });

  afterEach(async () => {
    await searchAndClear();
  });

  it('the search finds a canary where one is (it can fail)', async () => {
    const planted = mark('planted');
    const div = document.createElement('div');
    div.dataset.secret = planted;
    document.body.append(div);
    expect((await exposed()).dom).to.contain(planted);
    div.remove();
    console.info(planted);
    expect((await exposed()).console).to.contain(planted);
  });

  it('consents: an Ident and a server join, with a failure on the way', async () => {
    const emu = await canaryEmulator('server-rules');
    const host = provider(emu, { nodecraft: true });
    const prompt = document.createElement('playgate-consent-prompt');
    host.append(prompt);
    document.body.append(host);
    await host.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: '5xx' });
    const join = host.joinServer('srv-rules');
    // The first answer fails to save: the prompt offers Try again, and the rest goes through.
    await waitFor(() => shadow(prompt, '[part="document"]') !== null, 'a document');
    const first = shadow(prompt, '[part="document"]');
    await acceptShown(prompt);
    await waitFor(() => shadow(prompt, '[part="retry"]') !== null, 'the error', 15_000, () => text(prompt));
    await emu.control('DELETE', '/faults');
    shadow(prompt, '[part="retry"]')?.click();
    await waitFor(() => shadow(prompt, '[part="document"]') !== first, 'the second document');
    await acceptRounds(prompt, 1);
    expect((await join).queueToken).to.be.a('string');
  });

  it('permissions: a parent approves; then the first consent of a new player', async () => {
    const emu = await canaryEmulator('child');
    await emu.link('pip', emu.scenario.kid.sessionId ?? '');
    document.cookie = 'player=pip; path=/';
    const host = provider(emu, { kid: true });
    const request = document.createElement('playgate-permission-request');
    host.append(request);
    const ready = next(host, 'playgate-ready');
    document.body.append(host);
    await ready;
    void request.ask('voice-chat');
    const panel = () => request.shadowRoot?.querySelector('playgate-challenge-panel');
    await waitFor(() => shadow(panel(), '[part="qr"] svg') !== null, 'the challenge');
    const granted = next(request, 'playgate-permission-granted');
    await parentAnswers(panel()?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '', 'Approve');
    await granted;

    const fresh = await canaryEmulator('first-run');
    await searchAndClear();
    document.cookie = 'player=pip; path=/';
    const second = provider(fresh, { kid: true });
    const setUp = document.createElement('playgate-permission-request');
    second.append(setUp);
    document.body.append(second);
    await setUp.setUp();
    await waitFor(() => setUp.shadowRoot?.querySelector('[part="age-gate"] button:not([disabled])') != null, 'the age gate');
    pickBirthDate(setUp.shadowRoot ?? setUp, '2017-03-01');
    setUp.shadowRoot?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]')?.click();
    await waitFor(() => shadow(setUp.shadowRoot?.querySelector('playgate-challenge-panel'), '[part="code"]') !== null, 'the consent challenge');
  });

  it('session status: sign in, an age-up, sign out, and a lapsed sign-in', async () => {
    const emu = await canaryEmulator('child');
    await emu.link('pip', 'session-pip');
    document.cookie = 'player=pip; path=/';
    const host = provider(emu, { kid: true, elements: true });
    const status = document.createElement('playgate-session-status');
    host.append(status);
    const ready = next(host, 'playgate-ready');
    document.body.append(host);
    await ready;
    const before = new Set(handedOut);
    await host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    const [secret] = [...handedOut].filter((value) => !before.has(value));
    await waitFor(() => text(status).includes('Playing as Sam the Builder'), 'signed in');
    await emu.control('POST', '/events/age-up', {});
    await host.refresh();
    await waitFor(() => shadow(status, '[part="dismiss"]') !== null, 'the change');
    await host.signOut();
    // Elements logs out only by naming the secret in the path (DELETE /session/{secret},
    // wire.md B.2): that one URL is allowed to hold it, because the call revokes it.
    expect(secret, 'the sign-in handed out a secret').to.be.a('string');
    const after = await fetch(`${emu.base}/elements/api/rest/profile/current`, { headers: { Authorization: `Bearer ${secret ?? ''}` } });
    expect(after.status, 'the secret is worthless after sign-out').to.be.oneOf([401, 403]);
    revokedInPath.add(`/session/${encodeURIComponent(secret ?? '')}`);

    const lapsed = await canaryEmulator('expired');
    await searchAndClear();
    const again = provider(lapsed, { elements: true });
    again.elementsSessionSecret = lapsed.scenario.elements.sessionSecret;
    if (lapsed.scenario.elements.sessionSecret) handedOut.add(lapsed.scenario.elements.sessionSecret);
    const expired = next(again, 'playgate-session-expired');
    again.append(document.createElement('playgate-session-status'));
    document.body.append(again);
    await expired;
  });
});
