// Every flow in a page under the strict policy the README gives integrators:
// script-src 'self'; style-src 'self'; object-src 'none'; require-trusted-types-for
// 'script'; trusted-types lit-html playgate. The page (test/support/csp-server.js) counts
// `securitypolicyviolation` events, and the server collects the browser's reports.
import { expect } from '@open-wc/testing';
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import type { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { frameDocument, navigate, parentAnswers, startEmulator, type TestEmulator } from '../support/emulator.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { acceptRounds } from '../support/consent.js';
import { cleanUp, LABELS, next, pickBirthDate } from '../support/elements.js';
import { waitFor } from '../support/tick.js';
import { PAYLOADS } from './payloads.js';

interface StrictPage {
  id: string;
  frame: HTMLIFrameElement;
  doc: Document;
  win: StrictWindow;
  violations(): string[];
}

type StrictWindow = Window & { cspViolations: string[]; playgateLoaded: Promise<unknown>; __xss?: (n: number) => void };

const pages: StrictPage[] = [];

async function openStrictPage(): Promise<StrictPage> {
  const id = `${String(Date.now())}-${String(Math.random()).slice(2)}`;
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  document.body.append(frame);
  await navigate(frame, () => {
    frame.src = `/__csp/page.html?id=${id}`;
  });
  const win = frame.contentWindow as StrictWindow;
  await waitFor(() => 'playgateLoaded' in win, 'the strict page to start');
  await win.playgateLoaded;
  const page = { id, frame, doc: frameDocument(frame), win, violations: () => [...win.cspViolations] };
  pages.push(page);
  return page;
}

const reports = async (id: string) => (await (await fetch(`/__csp/reports?id=${id}`)).json()) as string[];

function provider(page: StrictPage, emu: TestEmulator, ports: { kid?: boolean; nodecraft?: boolean; elements?: boolean }): PlaygateProvider {
  const element = page.doc.createElement('playgate-provider');
  if (ports.kid) element.kidUrl = `${emu.base}/api/kid/`;
  if (ports.nodecraft) {
    element.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    element.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  }
  if (ports.elements) element.elementsUrl = `${emu.base}/elements/api/rest/`;
  element.permissionLabels = LABELS;
  element.jurisdiction = 'US-CA';
  element.storage = memoryStorage();
  return element;
}

const shadow = (element: Element | null | undefined, selector: string) => element?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const text = (element: Element) => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '';

describe('under a strict CSP with Trusted Types', () => {
  afterEach(() => {
    for (const page of pages) expect(page.violations(), 'violations seen by the page').to.deep.equal([]);
    cleanUp();
  });

  after(async () => {
    for (const page of pages.splice(0)) expect(await reports(page.id), 'reports the browser sent').to.deep.equal([]);
  });

  it('catches a violation when there is one (the detector works)', async () => {
    const page = await openStrictPage();
    pages.splice(pages.indexOf(page), 1);
    const script = page.doc.createElement('script');
    try {
      script.textContent = 'window.parent.injected = true';
      page.doc.body.append(script);
    } catch {
      // Trusted Types refuses the text itself (Chromium): that is a violation too.
    }
    await waitFor(() => page.violations().length > 0, 'the violation event');
    expect((window as unknown as { injected?: boolean }).injected).to.equal(undefined);
    let sent: string[] = [];
    const deadline = Date.now() + 10_000;
    while (sent.length === 0 && Date.now() < deadline) sent = await reports(page.id);
    expect(sent.join('\n'), 'and the browser reports it').to.match(/script-src|trusted-types/);
  });

  function mountPrompt(page: StrictPage, emu: TestEmulator) {
    const host = provider(page, emu, { nodecraft: true });
    const prompt = page.doc.createElement('playgate-consent-prompt');
    host.append(prompt);
    page.doc.body.append(host);
    return { host, prompt };
  }

  it('consents: an Ident of two rounds', async () => {
    const page = await openStrictPage();
    const emu = await startEmulator('child');
    const { host, prompt } = mountPrompt(page, emu);
    const ident = host.identify(emu.scenario.nodecraft.identRequest);
    await acceptRounds(prompt, 2);
    expect((await ident).displayName).to.equal('Pip');
  });

  it('consents: a server join of three rounds, after a failed load and a retry', async () => {
    const page = await openStrictPage();
    const emu = await startEmulator('server-rules');
    const { host, prompt } = mountPrompt(page, emu);
    await host.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'GET', kind: '5xx' });
    const join = host.joinServer('srv-rules');
    await waitFor(() => shadow(prompt, '[part="retry"]') !== null, 'the error state', 15_000, () => text(prompt));
    await emu.control('DELETE', '/faults');
    shadow(prompt, '[part="retry"]')?.click();
    await acceptRounds(prompt, 3);
    expect((await join).queueToken).to.be.a('string');
  });

  async function mountRequest(page: StrictPage, scenario: string, player: string) {
    const emu = await startEmulator(scenario);
    await emu.link(player, emu.scenario.kid.sessionId ?? '');
    document.cookie = `player=${player}; path=/`;
    const host = provider(page, emu, { kid: true });
    host.theme = 'hud';
    const request: PlaygatePermissionRequest = page.doc.createElement('playgate-permission-request');
    host.append(request);
    const ready = next(host, 'playgate-ready');
    page.doc.body.append(host);
    await ready;
    const row = (name: string) => request.shadowRoot?.querySelector<HTMLElement>(`[part="row"][data-permission="${name}"]`) ?? null;
    await waitFor(() => row('voice-chat') !== null, 'the rows', 15_000, () => text(request));
    return { emu, request, row };
  }

  it('permissions: a PLAYER-managed one turns on at once', async () => {
    const page = await openStrictPage();
    const { request, row } = await mountRequest(page, 'teen', 'rowan');
    const granted = next(request, 'playgate-permission-granted');
    row('text-chat-private')?.querySelector<HTMLButtonElement>('[part="action"]')?.click();
    expect((await granted).detail.permissions).to.deep.equal(['text-chat-private']);
  });

  it('permissions: a parent approves a GUARDIAN-managed one from the QR link', async () => {
    const page = await openStrictPage();
    const { request, row } = await mountRequest(page, 'child', 'pip');
    row('voice-chat')?.querySelector<HTMLButtonElement>('[part="action"]')?.click();
    const challengePanel = () => request.shadowRoot?.querySelector('playgate-challenge-panel');
    await waitFor(() => shadow(challengePanel(), '[part="qr"] svg') !== null && shadow(challengePanel(), '[part="code"]') !== null, 'the QR code and the code');
    const link = challengePanel()?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '';
    const approved = next(request, 'playgate-permission-granted');
    await parentAnswers(link, 'Approve');
    expect((await approved).detail.permissions).to.deep.equal(['voice-chat']);
    await waitFor(() => row('voice-chat')?.dataset.state === 'on', 'voice chat on');
  });

  it("permissions: a threshold one, the player's own age check in the dialog's frame", async () => {
    const page = await openStrictPage();
    const { request, row } = await mountRequest(page, 'adult', 'sam');
    row('loot-boxes-paid-gameplay-impacting')?.querySelector<HTMLButtonElement>('[part="action"]')?.click();
    const frameOf = () => shadow(request.shadowRoot?.querySelector('playgate-age-check-dialog'), '[part="frame"]') as HTMLIFrameElement | null;
    await waitFor(() => frameOf()?.contentDocument?.querySelector('button') != null, "the age check's page in the frame");
    const granted = next(request, 'playgate-permission-granted');
    [...(frameOf()?.contentDocument?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Pass the check')?.click();
    expect((await granted).detail.permissions).to.deep.equal(['loot-boxes-paid-gameplay-impacting']);
  });

  it('first consent: the age gate, then a parent, in Arabic', async () => {
    const page = await openStrictPage();
    const emu = await startEmulator('first-run');
    document.cookie = 'player=pip; path=/';
    const host = provider(page, emu, { kid: true });
    host.locale = 'ar';
    const request: PlaygatePermissionRequest = page.doc.createElement('playgate-permission-request');
    host.append(request);
    const ready = next(host, 'playgate-ready');
    page.doc.body.append(host);
    await ready;
    const setUp = () => request.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="set-up"]');
    await waitFor(() => setUp() != null && !text(request).includes('Set up my account'), 'the set-up, in Arabic');
    setUp()?.click();
    await waitFor(() => request.shadowRoot?.querySelector('[part="age-gate"] button:not([disabled])') != null, 'the age gate');
    pickBirthDate(request.shadowRoot ?? request, '2017-03-01');
    request.shadowRoot?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]')?.click();
    const challengePanel = () => request.shadowRoot?.querySelector('playgate-challenge-panel');
    await waitFor(() => shadow(challengePanel(), '[part="qr"] svg') !== null, 'the consent challenge');
    const link = challengePanel()?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '';
    const granted = next(request, 'playgate-permission-granted');
    await parentAnswers(link, 'Approve');
    expect((await granted).detail.permissions).to.deep.equal([]);
  });

  it('session status: signed in with a profile, permissions by manager, an age-up shown and dismissed, dark theme', async () => {
    const page = await openStrictPage();
    const emu = await startEmulator('child');
    await emu.link('pip', 'session-pip');
    document.cookie = 'player=pip; path=/';
    const host = provider(page, emu, { kid: true, elements: true });
    host.theme = 'dark';
    const status: PlaygateSessionStatus = page.doc.createElement('playgate-session-status');
    host.append(status);
    const ready = next(host, 'playgate-ready');
    page.doc.body.append(host);
    await ready;
    await host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    await waitFor(() => text(status).includes('Playing as Sam the Builder'), 'the signed-in state');
    await emu.control('POST', '/events/age-up', {});
    await host.refresh();
    await waitFor(() => shadow(status, '[part="dismiss"]') !== null, 'what changed', 15_000, () => text(status));
    shadow(status, '[part="dismiss"]')?.click();
    await waitFor(() => shadow(status, '[part="dismiss"]') === null, 'the change dismissed');
  });

  it(`XSS under the policy: ${String(PAYLOADS.length)} payloads as consent documents and as permission names, caught by a trap and the violation listener`, async function () {
    this.timeout(120_000);
    const page = await openStrictPage();
    const hits: number[] = [];
    page.win.__xss = (n) => hits.push(n);
    let current = '';
    const backend = await page.win.makeStack('child', (path, body) => {
      const data = (body.data ?? body) as { content?: unknown };
      if (path.includes('/consents/') && typeof data.content === 'string') data.content = current;
      if (path.endsWith('/session/get')) {
        const session = (body.session ?? body) as { permissions?: Array<Record<string, unknown>> };
        session.permissions?.push(...PAYLOADS.map((name) => ({ name, enabled: false, managedBy: 'GUARDIAN' })));
      }
    });
    const host = page.doc.createElement('playgate-provider');
    host.fetch = backend.fetch;
    host.storage = memoryStorage();
    host.kidUrl = `${location.origin}/api/kid/`;
    host.nodecraftUrl = `${location.origin}/emulator/nodecraft/v1/`;
    host.nodecraftGameToken = backend.gameToken;
    const request = page.doc.createElement('playgate-permission-request');
    const prompt = page.doc.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(request, prompt);
    page.doc.body.append(host);
    await waitFor(() => (request.shadowRoot?.querySelectorAll('[part="row"]').length ?? 0) > PAYLOADS.length, 'a row per payload');
    for (const payload of PAYLOADS) {
      current = payload;
      const ident = host.identify(backend.identRequest).catch(() => undefined);
      await waitFor(() => shadow(prompt, '[part="document"]')?.textContent === payload, `the document ${payload}`);
      shadow(prompt, '[part="decline"]')?.click();
      await ident;
    }
    await new Promise((resolve) => page.win.requestAnimationFrame(resolve));
    expect(hits, 'payloads that ran').to.deep.equal([]);
  });
});
