import { expect } from '@open-wc/testing';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/provider/provider.js';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage, type KeyValueStorage } from '../../src/flows/storage.js';
import { PlaygateError, type ConsentRequirement } from '../../src/model/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { failure } from '../support/failure.js';
import { nextTask, waitFor } from '../support/tick.js';

interface Signature {
  pageId: string;
  repeat: boolean;
}

const short = document.createElement('style');
// A small reading box, so every emulator document needs scrolling.
short.textContent = 'playgate-consent-prompt::part(document) { max-height: 80px; }';
document.head.append(short);

async function mountPrompt(emu: Pick<TestEmulator, 'base' | 'scenario'>, options: { storage?: KeyValueStorage; inline?: boolean; maxRounds?: number; fetch?: typeof fetch } = {}) {
  const provider: PlaygateProvider = document.createElement('playgate-provider');
  provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
  if (options.fetch) provider.fetch = options.fetch;
  provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  provider.storage = memoryStorage();
  const prompt: PlaygateConsentPrompt = document.createElement('playgate-consent-prompt');
  prompt.storage = options.storage ?? memoryStorage();
  prompt.inline = options.inline ?? false;
  if (options.maxRounds) prompt.maxRounds = options.maxRounds;
  provider.append(prompt);
  document.body.append(provider);
  await prompt.updateComplete;
  return { provider, prompt };
}

const part = (prompt: PlaygateConsentPrompt, name: string) => prompt.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Waits for the prompt to show a document ready to read (or an error). */
async function shown(prompt: PlaygateConsentPrompt, what: 'document' | 'error' = 'document'): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    await prompt.updateComplete;
    if (part(prompt, what) && (what === 'error' || !part(prompt, 'accept')?.textContent.includes('Saving'))) return;
    await nextTask();
  }
  throw new Error(`the prompt never showed its ${what}`);
}

async function readToEnd(prompt: PlaygateConsentPrompt): Promise<void> {
  const box = part(prompt, 'document');
  if (!box) throw new Error('no document');
  box.scrollTop = box.scrollHeight;
  box.dispatchEvent(new Event('scroll'));
  await prompt.updateComplete;
}

async function acceptRound(prompt: PlaygateConsentPrompt): Promise<string> {
  await shown(prompt);
  const heading = part(prompt, 'title')?.textContent ?? '';
  await readToEnd(prompt);
  part(prompt, 'accept')?.click();
  return heading;
}

const signatures = (emu: Pick<TestEmulator, 'control'>) => emu.control<Signature[]>('GET', '/nodecraft/signatures');

/**
 * The emulator inside the page, reached through the provider's injected fetch. A dropped
 * connection then fails the call outright: over a real socket, browsers may quietly
 * resend a request whose reused connection was reset, which would hide the failure.
 */
function inPage(scenario: string) {
  const emulator = createEmulator({ scenario });
  const fetch = emulator.asFetch();
  const base = 'https://emulator.test';
  return {
    base,
    scenario: emulator.scenario,
    fetch,
    async control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const response = await emulator.fetch(new Request(`${base}/_emulator${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
      return (await response.json()) as T;
    },
  };
}

/** The emulator's fetch, with the game's terms replaced on their way to the prompt. */
function withTerms(fetch: typeof globalThis.fetch, content: string): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!new Request(input, init).url.includes('/consents/game/legal')) return response;
    const body = (await response.json()) as { data: { content: string } };
    body.data.content = content;
    return Response.json(body, { status: response.status });
  };
}

describe('<playgate-consent-prompt>', () => {
  afterEach(() => {
    document.querySelectorAll('playgate-provider').forEach((node) => {
      node.remove();
    });
  });

  it('Ident with missing game terms: reads, accepts, signs with the action, then succeeds', async () => {
    const emu = await startEmulator('child');
    const { provider, prompt } = await mountPrompt(emu);
    const required: string[] = [];
    prompt.addEventListener('playgate-consent-required', (e) => required.push(`${e.detail.scope}/${e.detail.type ?? ''}/${e.detail.state}`));
    const completed = new Promise<number>((resolve) => {
      prompt.addEventListener('playgate-consent-completed', (e) => {
        resolve(e.detail.rounds);
      });
    });
    const ident = provider.identify(emu.scenario.nodecraft.identRequest);
    expect(await acceptRound(prompt)).to.equal('Terms of service');
    expect(await acceptRound(prompt)).to.equal('Game rules');
    const player = await ident;
    expect(player.displayName).to.equal('Pip');
    expect(await completed).to.equal(2);
    expect(required).to.deep.equal(['game/legal/missing', 'game/rules/missing']);
    expect(prompt.open).to.equal(false);
    expect((await signatures(emu)).map((s) => s.pageId).sort()).to.deep.equal(['legal-game', 'legal-platform', 'rules-game']);
  });

  it('runs an Ident called in the same task that put the elements in the page', async () => {
    const emu = await startEmulator('child');
    const provider = document.createElement('playgate-provider');
    provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
    provider.storage = memoryStorage();
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    provider.append(prompt);
    document.body.append(provider);
    const ident = provider.identify(emu.scenario.nodecraft.identRequest);
    await acceptRound(prompt);
    await acceptRound(prompt);
    expect((await ident).displayName).to.equal('Pip');
  });

  it('words outdated terms as updated, and passes axe', async () => {
    const emu = await startEmulator('outdated-terms');
    const { prompt } = await mountPrompt(emu);
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await shown(prompt);
    expect(part(prompt, 'panel')?.textContent).to.contain("We've updated our terms.");
    await expect(prompt).to.be.accessible();
    await readToEnd(prompt);
    part(prompt, 'accept')?.click();
    await ident;
  });

  it('keeps Accept disabled until the document is scrolled to its end', async () => {
    const emu = await startEmulator('child');
    const { prompt } = await mountPrompt(emu);
    void prompt.identify(emu.scenario.nodecraft.identRequest).catch(() => undefined);
    await shown(prompt);
    const accept = part(prompt, 'accept') as HTMLButtonElement;
    expect(accept.disabled).to.equal(true);
    expect(part(prompt, 'hint')?.textContent).to.equal('Scroll to the end to accept.');
    accept.click();
    expect(prompt.open, 'a click on a disabled button does nothing').to.equal(true);
    await readToEnd(prompt);
    expect(accept.disabled).to.equal(false);
    part(prompt, 'decline')?.click();
  });

  it('joins a server in three rounds: game legal, game rules, server rules', async () => {
    const emu = await startEmulator('server-rules');
    const { prompt, provider } = await mountPrompt(emu);
    await provider.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    const join = provider.joinServer('srv-rules');
    const headings: string[] = [];
    const steps: string[] = [];
    for (let round = 0; round < 3; round++) {
      await shown(prompt);
      steps.push(part(prompt, 'step')?.textContent ?? '');
      headings.push(await acceptRound(prompt));
    }
    expect(headings).to.deep.equal(['Terms of service', 'Game rules', 'Server rules']);
    expect(steps, 'every layer reports its status, so the total is known').to.deep.equal(['Step 1 of 3', 'Step 2 of 3', 'Step 3 of 3']);
    expect((await join).queueToken).to.be.a('string');
    const log = await signatures(emu);
    expect(log.filter((s) => s.repeat)).to.deep.equal([]);
    // Each document is read once, ahead, rather than once more in its own round.
    const requests = await emu.control<Array<{ method: string; path: string }>>('GET', '/requests');
    const afterIdent = requests.slice(requests.findIndex((r) => r.path.endsWith('/join')));
    expect(afterIdent.filter((r) => r.method === 'GET').map((r) => r.path).sort()).to.deep.equal(['/consents/player/legal', '/consents/player/rules', '/server/srv-rules']);
  });

  it('shows the new version when the terms change while a signature failed', async () => {
    const emu = inPage('server-rules');
    const { prompt, provider } = await mountPrompt(emu, { fetch: emu.fetch });
    await provider.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: 'drop', times: 1 });
    const join = provider.joinServer('srv-rules');
    const before = await (async () => {
      await shown(prompt);
      return part(prompt, 'document')?.textContent;
    })();
    await acceptRound(prompt);
    await shown(prompt, 'error');
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    part(prompt, 'retry')?.click();
    await waitFor(() => part(prompt, 'document')?.textContent !== before && part(prompt, 'accept') !== null, 'the new version on screen');
    expect(part(prompt, 'document')?.textContent).to.contain('Revision 3');
    expect((part(prompt, 'accept') as HTMLButtonElement).disabled, 'and must be read to its end again').to.equal(true);
    await acceptRound(prompt);
    await acceptRound(prompt);
    await acceptRound(prompt);
    expect((await join).queueToken).to.be.a('string');
    expect((await signatures(emu)).filter((s) => s.repeat)).to.deep.equal([]);
  });

  it('declines: rejects with consent_declined and does not retry the action', async () => {
    const emu = await startEmulator('child');
    const { prompt } = await mountPrompt(emu);
    const declined = new Promise<string>((resolve) => {
      prompt.addEventListener('playgate-consent-declined', (e) => {
        resolve(e.detail.scope);
      });
    });
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await shown(prompt);
    part(prompt, 'decline')?.click();
    const error = await failure(ident);
    expect(error.kind).to.equal('consent_declined');
    expect(await declined).to.equal('game');
    const calls = (await emu.control<Array<{ path: string }>>('GET', '/requests')).filter((r) => r.path === '/ident/token');
    expect(calls).to.have.length(1);
    expect(prompt.open).to.equal(false);
  });

  it('signs exactly once when signing fails and the player retries', async () => {
    const emu = inPage('server-rules');
    const { prompt, provider } = await mountPrompt(emu, { fetch: emu.fetch });
    await provider.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: 'drop', times: 1 });
    const join = provider.joinServer('srv-rules');
    await acceptRound(prompt);
    await shown(prompt, 'error');
    expect(part(prompt, 'error')?.textContent).to.contain('Nothing was lost');
    await expect(prompt).to.be.accessible();
    part(prompt, 'retry')?.click();
    await join;
    const rules = (await signatures(emu)).filter((s) => s.pageId === 'rules-srv-rules');
    expect(rules).to.deep.equal([{ ...rules[0], repeat: false }]);
    expect(rules).to.have.length(1);
  });

  it('shows "Saving…" while the answer is on its way, with nothing to take back, and passes axe', async () => {
    const emu = inPage('server-rules');
    const { prompt, provider } = await mountPrompt(emu, { fetch: emu.fetch });
    await provider.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: 'latency', ms: 1500, times: 1 });
    const join = provider.joinServer('srv-rules');
    await acceptRound(prompt);
    await waitFor(() => part(prompt, 'accept')?.textContent.trim() === 'Saving…', 'the saving state');
    expect((part(prompt, 'decline') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(prompt, 'accept')?.getAttribute('aria-busy')).to.equal('true');
    await expect(prompt).to.be.accessible();
    expect((await join).queueToken).to.be.a('string');
  });

  it('never asks twice or signs twice across a reload mid-flow', async () => {
    const emu = inPage('server-rules');
    const storage = memoryStorage();
    const first = await mountPrompt(emu, { storage, fetch: emu.fetch });
    await first.provider.identify(emu.scenario.nodecraft.identRequest);
    // The answer is lost on the way: the page reloads before the player sees it saved.
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: 'drop', times: 1 });
    void first.provider.joinServer('srv-rules').catch(() => undefined);
    await acceptRound(first.prompt);
    await shown(first.prompt, 'error');
    first.provider.remove();

    const second = await mountPrompt(emu, { storage, fetch: emu.fetch });
    // Signing in again after the reload must not forget the answer given for the server.
    await second.provider.identify(emu.scenario.nodecraft.identRequest);
    const joined = await second.provider.joinServer('srv-rules');
    expect(joined.queueToken).to.be.a('string');
    expect(second.prompt.open, 'the remembered acceptance was signed without asking').to.equal(false);
    expect((await signatures(emu)).filter((s) => s.pageId === 'rules-srv-rules')).to.have.length(1);
  });

  it('gives a clear error at the round cap', async () => {
    const emu = await startEmulator('child');
    const { prompt } = await mountPrompt(emu, { maxRounds: 2 });
    const requirement: ConsentRequirement = { scope: 'game', state: 'missing', type: 'rules', action: { kind: 'ident', identType: 'steam' } };
    // A backend that keeps asking, round after round.
    const stubborn = prompt.guard(() => Promise.reject(new PlaygateError({ kind: 'consent_required', message: 'again', requirement })));
    await acceptRound(prompt);
    // Round 2 asks for the same pages: already accepted, so it is signed without asking.
    const error = await failure(stubborn);
    expect(error.kind).to.equal('consent_rounds_exceeded');
    expect(error.message).to.equal('Still asked for consent after 2 rounds');
  });

  it('traps focus as a modal, and gives it back afterwards', async () => {
    const emu = await startEmulator('child');
    const { prompt } = await mountPrompt(emu);
    const opener = document.createElement('button');
    opener.textContent = 'Play';
    document.body.append(opener);
    opener.focus();
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest).catch(() => undefined);
    await shown(prompt);
    const dialog = prompt.shadowRoot?.querySelector('dialog');
    expect(dialog?.open).to.equal(true);
    expect(dialog?.matches(':modal')).to.equal(true);
    expect(dialog?.getAttribute('aria-labelledby')).to.equal('title');
    expect(prompt.shadowRoot?.activeElement, 'the document takes focus, so the keys scroll it').to.equal(part(prompt, 'document'));
    part(prompt, 'decline')?.click();
    await ident;
    await prompt.updateComplete;
    expect(document.activeElement).to.equal(opener);
    opener.remove();
  });

  it('inline: in the page, not a modal, and axe-clean', async () => {
    const emu = await startEmulator('child');
    const { prompt } = await mountPrompt(emu, { inline: true });
    void prompt.identify(emu.scenario.nodecraft.identRequest).catch(() => undefined);
    await shown(prompt);
    expect(prompt.shadowRoot?.querySelector('dialog')).to.equal(null);
    expect(part(prompt, 'panel')?.getAttribute('role')).to.equal('region');
    await expect(prompt).to.be.accessible();
    part(prompt, 'decline')?.click();
  });

  it('shows server text as text, never markup', async () => {
    const emu = inPage('child');
    const hostile = 'Terms\n\n<img src=x onerror="window.pwned=true"><script>window.pwned=true</script><b>bold?</b>';
    const { prompt } = await mountPrompt(emu, { fetch: withTerms(emu.fetch, hostile) });
    void prompt.identify(emu.scenario.nodecraft.identRequest).catch(() => undefined);
    await shown(prompt);
    const box = part(prompt, 'document');
    expect(box?.children.length, 'text only, no elements').to.equal(0);
    expect(box?.textContent).to.contain('<img src=x onerror="window.pwned=true">');
    expect((window as { pwned?: boolean }).pwned).to.equal(undefined);
    part(prompt, 'decline')?.click();
  });

  it('reviews signed rules: "You agreed to these on" the date, and a Close', async () => {
    const emu = await startEmulator('adult');
    const { prompt, provider } = await mountPrompt(emu, { inline: true });
    await provider.identify(emu.scenario.nodecraft.identRequest);
    const closed = prompt.review({ scope: 'game', state: 'missing', type: 'rules', action: { kind: 'join', serverId: 'srv-open' } });
    await shown(prompt);
    const signedOn = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    expect(part(prompt, 'panel')?.textContent).to.contain(`You agreed to these on ${signedOn}.`);
    expect(part(prompt, 'accept')).to.equal(null);
    await expect(prompt).to.be.accessible();
    part(prompt, 'close')?.click();
    await closed;
    expect(prompt.open).to.equal(false);
  });

  it('renders a 100 KB document as text, and it can be read to the end', async () => {
    const emu = inPage('child');
    const paragraph = 'Be kind to other players, and never share where you live, go to school or can be reached. ';
    const long = paragraph.repeat(Math.ceil(100_000 / paragraph.length));
    const { prompt } = await mountPrompt(emu, { fetch: withTerms(emu.fetch, long) });
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await shown(prompt);
    const box = part(prompt, 'document');
    expect(box?.textContent.length).to.be.at.least(100_000);
    expect(box?.scrollHeight).to.be.greaterThan(10 * (box?.clientHeight ?? 0));
    expect((part(prompt, 'accept') as HTMLButtonElement).disabled).to.equal(true);
    await readToEnd(prompt);
    expect((part(prompt, 'accept') as HTMLButtonElement).disabled).to.equal(false);
    part(prompt, 'decline')?.click();
    await ident.catch(() => undefined);
  });

  it('brings only its own adapter: with a k-ID URL set too, the provider warns once what to import and calls no k-ID endpoint', async () => {
    const emu = inPage('child');
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(new Request(input, init).url);
      return emu.fetch(input, init);
    };
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    };
    try {
      const { provider, prompt } = await mountPrompt(emu, { fetch });
      provider.kidUrl = `${emu.base}/api/kid/`;
      await provider.updateComplete;
      const ident = provider.identify(emu.scenario.nodecraft.identRequest);
      await acceptRound(prompt);
      await acceptRound(prompt);
      expect((await ident).displayName).to.equal('Pip');
      provider.kidUrl = `${emu.base}/api/kid/v2/`;
      await provider.refresh();
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.deep.equal([
      'playgate-provider: permissions is set up, but no element that uses it is loaded yet.',
    ]);
    expect(urls.filter((url) => url.includes('/api/kid/'))).to.deep.equal([]);
    expect(urls.filter((url) => url.includes('/nodecraft/'))).to.have.length.greaterThan(3);
  });

  for (const [name, fault] of [
    ['loading', { kind: 'latency', ms: 3000, times: 1 }],
    ['could not load', { kind: '5xx' }],
  ] as const) {
    it(`passes axe while ${name}`, async () => {
      const emu = await startEmulator('child');
      await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/game', ...fault });
      const { prompt, provider } = await mountPrompt(emu, { inline: true });
      provider.setAttribute('theme', 'dark');
      const ident = prompt.identify(emu.scenario.nodecraft.identRequest).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (!part(prompt, 'panel') && Date.now() < deadline) await nextTask();
      await expect(prompt).to.be.accessible();
      prompt.shadowRoot?.querySelector<HTMLButtonElement>('[part="decline"]')?.click();
      await ident;
    });
  }
});

