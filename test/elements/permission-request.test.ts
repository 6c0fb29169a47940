import { expect } from '@open-wc/testing';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { PlaygateChallengePanel } from '../../src/elements/challenge-panel/challenge-panel.component.js';
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage, type KeyValueStorage } from '../../src/flows/storage.js';
import type { Timers } from '../../src/flows/timers.js';
import { frameDocument, navigate, openParentPage, startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, LABELS, next } from '../support/elements.js';
import { decodeSvg } from '../support/qr-decoder.js';
import { waitFor } from '../support/tick.js';

interface Mounted {
  provider: PlaygateProvider;
  element: PlaygatePermissionRequest;
  text(): string;
}

async function asPlayer(scenario: string, player: string, sessionId?: string): Promise<TestEmulator> {
  const emu = await startEmulator(scenario);
  const id = sessionId ?? emu.scenario.kid.sessionId;
  if (id) await emu.link(player, id);
  document.cookie = `player=${player}; path=/`;
  return emu;
}

async function mount(emu: TestEmulator, options: { storage?: KeyValueStorage; timers?: Timers; permissions?: string; name?: string; jurisdiction?: string } = {}): Promise<Mounted> {
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.storage = options.storage ?? memoryStorage();
  provider.permissionLabels = LABELS;
  provider.jurisdiction = options.jurisdiction ?? 'US-CA';
  if (options.timers) provider.timers = options.timers;
  const element = document.createElement('playgate-permission-request');
  if (options.permissions) element.setAttribute('permissions', options.permissions);
  if (options.name) element.name = options.name;
  provider.append(element);
  const ready = next(provider, 'playgate-ready');
  document.body.append(provider);
  await ready;
  await element.updateComplete;
  return { provider, element, text: () => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '' };
}

const row = (m: Mounted, name: string) => m.element.shadowRoot?.querySelector<HTMLElement>(`[part="row"][data-permission="${name}"]`) ?? null;
const rowState = (m: Mounted, name: string) => row(m, name)?.dataset.state;
const action = (m: Mounted, name: string) => row(m, name)?.querySelector<HTMLButtonElement>('[part="action"]') ?? null;
const panel = (m: Mounted) => m.element.shadowRoot?.querySelector<PlaygateChallengePanel>('playgate-challenge-panel') ?? null;
const inPanel = (m: Mounted, selector: string) => panel(m)?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const parentLink = (m: Mounted) => panel(m)?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '';

async function until(m: Mounted, check: () => boolean, what: string): Promise<void> {
  await waitFor(() => check(), `${what}; text is: ${m.text()}`);
  await m.element.updateComplete;
}

/** Asks for a feature through its row, and waits for the challenge panel. */
async function askParent(m: Mounted, name: string): Promise<void> {
  action(m, name)?.click();
  await until(m, () => inPanel(m, '[part="code"]') !== null, 'the challenge panel');
  await panel(m)?.updateComplete;
}

/** The parent, on their own device: opens the QR link and answers. */
async function parentAnswers(url: string, decision: 'Approve' | 'Deny'): Promise<void> {
  const frame = await openParentPage(url);
  const button = [...frameDocument(frame).querySelectorAll('button')].find((b) => b.textContent === decision);
  if (!button) throw new Error(`no ${decision} button on the parent page`);
  await navigate(frame, () => {
    button.click();
  });
}

const kidRequests = async (emu: TestEmulator) => (await emu.control<Array<{ vendor: string; method: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid');

describe('<playgate-permission-request>', () => {
  afterEach(cleanUp);

  it('draws one row per permission in the session, worded by its state', async () => {
    const emu = await asPlayer('adult', 'sam');
    const m = await mount(emu);
    const names = [...(m.element.shadowRoot?.querySelectorAll<HTMLElement>('[part="row"]') ?? [])].map((r) => r.dataset.permission);
    const session = await emu.kid().getSession(emu.scenario.kid.sessionId ?? '');
    expect(names).to.deep.equal(session.changed ? session.session.permissions.map((p) => p.name) : []);
    expect(rowState(m, 'voice-chat')).to.equal('on');
    expect(rowState(m, 'text-chat-private')).to.equal('turn-on');
    expect(rowState(m, 'loot-boxes-paid-gameplay-impacting')).to.equal('verify-age');
    expect(action(m, 'text-chat-private')?.getAttribute('aria-label')).to.equal('Turn on private messages');
    await expect(m.element).to.be.accessible();
  });

  it('shows only the permissions it is given', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu, { permissions: 'voice-chat, targeted-ads' });
    const names = [...(m.element.shadowRoot?.querySelectorAll<HTMLElement>('[part="row"]') ?? [])].map((r) => r.dataset.permission);
    expect(names).to.deep.equal(['voice-chat', 'targeted-ads']);
    expect(rowState(m, 'voice-chat')).to.equal('ask-parent');
    expect(row(m, 'targeted-ads')?.textContent).to.contain('Not available');
    expect(action(m, 'targeted-ads'), 'PROHIBITED has no action').to.equal(null);
  });

  it('turns a PLAYER-managed permission on at once, with no challenge', async () => {
    const emu = await asPlayer('teen', 'rowan');
    const m = await mount(emu);
    const granted = next(m.element, 'playgate-permission-granted');
    action(m, 'text-chat-private')?.click();
    expect((await granted).detail).to.deep.equal({ permissions: ['text-chat-private'] });
    await until(m, () => rowState(m, 'text-chat-private') === 'on', 'the row to read On');
    expect(m.element.shadowRoot?.querySelector('[part="outcome"]')?.textContent).to.contain('private messages is on.');
    expect(await emu.control<unknown[]>('GET', '/challenges')).to.deep.equal([]);
    const upgrades = (await kidRequests(emu)).filter((r) => r.path === '/session/upgrade');
    expect(upgrades).to.have.length(1);
  });

  it('asks a parent for a GUARDIAN-managed permission; the parent approves on their device', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    const created = next(m.element, 'playgate-challenge-created');
    await askParent(m, 'voice-chat');
    const { detail } = await created;
    expect(detail).to.include({ kind: 'upgrade', type: 'CHALLENGE_SESSION_UPGRADE' });
    expect(detail.permissions).to.deep.equal(['voice-chat']);
    expect(JSON.stringify(detail), 'no code or link in the event').not.to.match(/otp|http/i);
    expect(rowState(m, 'voice-chat')).to.equal('waiting');
    const [challenge] = await emu.control<Array<{ challengeId: string; otp: string }>>('GET', '/challenges');
    expect(inPanel(m, '[part="code"]')?.textContent).to.equal(challenge?.otp);
    await waitFor(() => inPanel(m, '[part="qr"] svg') !== null, 'the QR code');
    await expect(panel(m)).to.be.accessible();

    const resolved = next(m.element, 'playgate-challenge-resolved');
    const granted = next(m.element, 'playgate-permission-granted');
    await parentAnswers(parentLink(m), 'Approve');
    expect((await resolved).detail.status).to.equal('approved');
    expect((await granted).detail.permissions).to.deep.equal(['voice-chat']);
    await until(m, () => rowState(m, 'voice-chat') === 'on', 'voice chat on');
    expect(m.text()).to.contain('voice chat is on.');
  });

  it('tells the player kindly when a parent says no, and lets them ask again', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    const denied = next(m.element, 'playgate-permission-denied');
    await parentAnswers(parentLink(m), 'Deny');
    expect((await denied).detail).to.deep.equal({ permissions: ['voice-chat'], reason: 'parent' });
    await until(m, () => m.text().includes('said no this time'), 'the denied message');
    expect(rowState(m, 'voice-chat')).to.equal('ask-parent');
    await expect(m.element).to.be.accessible();
    const again = [...(m.element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="outcome"] button') ?? [])].find((b) => b.textContent === 'Ask again');
    again?.click();
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'a new challenge');
    expect(await emu.control<unknown[]>('GET', '/challenges')).to.have.length(2);
  });

  it('draws a QR code that decodes to the challenge link', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    await waitFor(() => inPanel(m, '[part="qr"] svg') !== null, 'the QR code');
    const svg = panel(m)?.shadowRoot?.querySelector<SVGSVGElement>('[part="qr"] svg');
    if (!svg) throw new Error('no QR code');
    const [challenge] = await emu.control<Array<{ otp: string }>>('GET', '/challenges');
    expect(await decodeSvg(svg)).to.equal(`${emu.base}/parent?otp=${challenge?.otp ?? ''}`);
  });
});
