// Every server-supplied string an element renders gets every payload in payloads.ts:
// consent content, permission names, display names, the one-time code and the challenge
// URL, and vendors' error messages. Execution is caught by a trap (`__xss`, a global
// function every payload calls); markup that got in without running, by walking the
// shadow roots for foreign tags, `on*` and `style` attributes and links that are not
// http(s). csp.test.ts runs the documents and names again under a strict CSP, where its
// violation listener catches what the policy stops.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { createInPageStack, type InPageStack } from '../../src/emulator/in-page.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { GAME_ORIGIN, inPageProvider } from '../support/in-page.js';
import { cleanUp, next } from '../support/elements.js';
import { nextTask, waitFor } from '../support/tick.js';
import { OWN_TAGS, PAYLOADS } from './payloads.js';

const ORIGIN = GAME_ORIGIN;
const hits: number[] = [];
(window as unknown as { __xss: (n: number) => void }).__xss = (n) => hits.push(n);

/** What got into the shadow roots that playgate's templates would never put there. */
function foreign(root: ShadowRoot | null | undefined): string[] {
  if (!root) return [];
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    if (!OWN_TAGS.has(tag)) found.push(`<${tag}>`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on') || name === 'style') found.push(`${tag}[${name}]`);
      if ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction' || name.endsWith(':href')) && !/^https?:\/\//i.test(value)) found.push(`${tag}[${name}=${value}]`);
    }
    found.push(...foreign(element.shadowRoot));
  }
  return found;
}

/** The stack's fetch, with JSON answers on matching paths rewritten by `change`. */
function tampered(stack: InPageStack, rules: Array<[RegExp, (body: Record<string, unknown>) => unknown]>): typeof fetch {
  return async (input, init) => {
    const request = new Request(new URL(input instanceof Request ? input.url : String(input), ORIGIN), init);
    const response = await stack.fetch(request.clone());
    const rule = rules.find(([path]) => path.test(new URL(request.url).pathname));
    if (!rule || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    const replaced = rule[1](body);
    return replaced instanceof Response ? replaced : Response.json(body, { status: response.status, headers: response.headers });
  };
}

/** Sets every `key` found anywhere in a JSON body. */
function setEverywhere(value: unknown, keys: readonly string[], to: string): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (keys.includes(key) && typeof inner === 'string') (value as Record<string, unknown>)[key] = to;
    else setEverywhere(inner, keys, to);
  }
}

const text = (root: ShadowRoot | null | undefined) => root?.textContent.replace(/\s+/g, ' ').trim() ?? '';
const flat = (payload: string) => payload.replace(/\s+/g, ' ').trim();

/** Two frames and a task: handlers of anything injected (an image's onerror) have had their turn. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await nextTask();
  }
}

describe(`XSS: ${String(PAYLOADS.length)} payloads through every server string`, () => {
  afterEach(async () => {
    await settle();
    expect(hits, 'payloads that ran').to.deep.equal([]);
    cleanUp();
  });

  it('has at least 150 distinct payloads, and the trap and the walk catch one that gets in', async () => {
    expect(new Set(PAYLOADS).size).to.equal(PAYLOADS.length).and.be.at.least(150);
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    root.innerHTML = '<img src="x:x" onerror="__xss(-1)">';
    await waitFor(() => hits.length > 0, 'the trap');
    expect(hits.splice(0)).to.deep.equal([-1]);
    expect(foreign(root).sort()).to.deep.equal(['<img>', 'img[onerror]', 'img[src=x:x]']);
    host.remove();
  });

  it('consent content: shown as text, exactly', async () => {
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    let current = '';
    const fetch = tampered(stack, [[/\/consents\//, (body) => { setEverywhere(body, ['content'], current); }]]);
    const host = inPageProvider(fetch, stack, { nodecraft: true });
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(prompt);
    document.body.append(host);
    for (const payload of PAYLOADS) {
      current = payload;
      const ident = host.identify(stack.emulator.scenario.nodecraft.identRequest).catch(() => undefined);
      const box = () => prompt.shadowRoot?.querySelector<HTMLElement>('[part="document"]');
      await waitFor(() => box()?.textContent === payload, `the document ${payload}`, 15_000, () => box()?.textContent ?? '');
      expect(box()?.childElementCount, payload).to.equal(0);
      expect(foreign(prompt.shadowRoot), payload).to.deep.equal([]);
      prompt.shadowRoot?.querySelector<HTMLButtonElement>('[part="decline"]')?.click();
      await ident;
    }
  });

  it('permission names: each a row of text, in the request and in the status', async () => {
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    const fetch = tampered(stack, [
      [/\/session\/get$/, (body) => {
        const session = (body.session ?? body) as { permissions: Array<Record<string, unknown>> };
        session.permissions.push(...PAYLOADS.map((name, index) => ({ name, enabled: index % 2 === 0, managedBy: ['PLAYER', 'GUARDIAN', 'PROHIBITED'][index % 3] })));
      }],
    ]);
    const host = inPageProvider(fetch, stack, { kid: true });
    const request = document.createElement('playgate-permission-request');
    const status = document.createElement('playgate-session-status');
    host.append(request, status);
    const ready = next(host, 'playgate-ready');
    document.body.append(host);
    await ready;
    await waitFor(() => (request.shadowRoot?.querySelectorAll('[part="row"]').length ?? 0) > PAYLOADS.length, 'the rows');
    await status.updateComplete;
    const shown = `${text(request.shadowRoot)} ${text(status.shadowRoot)}`;
    for (const payload of PAYLOADS) expect(shown.includes(flat(payload.replace(/[-_]+/g, ' '))), payload).to.equal(true);
    expect(foreign(request.shadowRoot)).to.deep.equal([]);
    expect(foreign(status.shadowRoot)).to.deep.equal([]);
  });

  it('display names: the user and the profile, as text', async () => {
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    let current = '';
    const fetch = tampered(stack, [[/\/elements\//, (body) => { setEverywhere(body, ['displayName'], current); }]]);
    const host = inPageProvider(fetch, stack, { elements: true });
    const status = document.createElement('playgate-session-status');
    host.append(status);
    document.body.append(host);
    for (const payload of PAYLOADS) {
      current = payload;
      await host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
      await waitFor(() => text(status.shadowRoot).includes(flat(payload)), `the name ${payload}`, 15_000, () => text(status.shadowRoot));
      expect(foreign(status.shadowRoot), payload).to.deep.equal([]);
    }
  });

  it('the one-time code and the challenge URL: text, and a link or QR code only for http(s)', async () => {
    for (const payload of PAYLOADS) {
      // A new backend each time: the game's proxy would rightly rate-limit one player asking hundreds of times.
      const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child', config: { minPollIntervalMs: 0 } });
      const fetch = tampered(stack, [[/\/(session\/upgrade|challenge\/get|challenge\/generate-otp)$/, (body) => { setEverywhere(body, ['oneTimePassword', 'otp', 'url'], payload); }]]);
      const host = inPageProvider(fetch, stack, { kid: true });
      const request = document.createElement('playgate-permission-request');
      request.permissions = ['voice-chat'];
      host.append(request);
      document.body.append(host);
      void request.ask('voice-chat');
      const panel = () => request.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot;
      await waitFor(() => panel()?.querySelector('[part="code"]') != null, `the code ${payload}`, 15_000, () => text(request.shadowRoot));
      const panelRoot = panel();
      expect(panelRoot?.querySelector('[part="code"]')?.textContent, payload).to.equal(payload);
      const link = panelRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]');
      if (link) expect(link.protocol, payload).to.match(/^https?:$/);
      if (!/^https?:\/\//i.test(payload.trim())) expect(panelRoot?.querySelector('[part="qr"] svg'), `no QR for ${payload}`).to.equal(null);
      expect(foreign(request.shadowRoot), payload).to.deep.equal([]);
      host.remove();
    }
  });

  it("vendors' error messages: never shown; the player gets words of their own and a retry", async () => {
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    let current = '';
    // 400s, which nothing retries on its own: the loop stays quick, and the message is the same.
    const fail = () => Response.json({ error: current, errorMsg: current, message: current, code: current, success: false, data: null }, { status: 400 });
    const fetch = tampered(stack, [[/\/session\/get$|\/consents\/|\/elements\/api\/rest\/session$/, () => fail()]]);
    const host = inPageProvider(fetch, stack, { kid: true, nodecraft: true, elements: true });
    const status = document.createElement('playgate-session-status');
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(status, prompt);
    const ready = next(host, 'playgate-ready');
    document.body.append(host);
    await ready;
    for (const payload of PAYLOADS) {
      current = payload;
      await host.refresh();
      const ident = host.identify(stack.emulator.scenario.nodecraft.identRequest).catch(() => undefined);
      const signIn = host.signIn({ userId: 'sam', password: 'playgate' }).catch((error: unknown) => error);
      await waitFor(() => prompt.shadowRoot?.querySelector('[part="retry"]') != null, 'the consent error', 15_000, () => text(prompt.shadowRoot));
      expect(status.shadowRoot?.querySelector('[part="retry"]'), 'a retry on the status').not.to.equal(null);
      const shown = `${text(status.shadowRoot)} ${text(prompt.shadowRoot)}`;
      expect(shown.includes(flat(payload)), payload).to.equal(false);
      // The game gets a typed error (its message is the vendor's, for the game's logs only).
      expect(await signIn, payload).to.have.property('kind').that.is.a('string');
      expect([...foreign(status.shadowRoot), ...foreign(prompt.shadowRoot)], payload).to.deep.equal([]);
      prompt.shadowRoot?.querySelector<HTMLButtonElement>('[part="decline"]')?.click();
      await ident;
    }
  });
});
