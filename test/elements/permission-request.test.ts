import { expect } from '@open-wc/testing';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { PlaygateAgeCheckDialog } from '../../src/elements/age-check-dialog/age-check-dialog.component.js';
import type { PlaygateChallengePanel } from '../../src/elements/challenge-panel/challenge-panel.component.js';
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage, type KeyValueStorage } from '../../src/flows/storage.js';
import { ManualTimers, type Timers } from '../../src/flows/timers.js';
import { frameDocument, openParentPage, parentAnswers, startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, LABELS, next, pickBirthDate, setVisibility } from '../support/elements.js';
import { decodeSvg } from '../support/qr-decoder.js';
import { nextTask, waitFor } from '../support/tick.js';

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

async function mount(emu: TestEmulator, options: { storage?: KeyValueStorage; timers?: Timers; permissions?: string; name?: string; jurisdiction?: string; longPollSeconds?: number } = {}): Promise<Mounted> {
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.storage = options.storage ?? memoryStorage();
  provider.permissionLabels = LABELS;
  provider.jurisdiction = options.jurisdiction ?? 'US-CA';
  if (options.timers) provider.timers = options.timers;
  if (options.longPollSeconds) provider.challengeWait = { longPollSeconds: options.longPollSeconds };
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
const ageCheckDialog = (m: Mounted) => m.element.shadowRoot?.querySelector<PlaygateAgeCheckDialog>('playgate-age-check-dialog') ?? null;
const dialogPart = (m: Mounted, part: string) => ageCheckDialog(m)?.shadowRoot?.querySelector<HTMLElement>(`[part="${part}"]`) ?? null;
const dialogText = (m: Mounted) => dialogPart(m, 'bar')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
const parentLink = (m: Mounted) => panel(m)?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="parent-link"]')?.href ?? '';

async function until(m: Mounted, check: () => boolean, what: string): Promise<void> {
  await waitFor(() => check(), `${what}; text is: ${m.text()}`);
  await m.element.updateComplete;
}

/** The age check's frame, once its page has loaded (its buttons drawn). */
async function ageCheckFrame(m: Mounted): Promise<HTMLIFrameElement> {
  await until(m, () => dialogPart(m, 'frame') !== null, 'the age check dialog');
  const frame = dialogPart(m, 'frame') as HTMLIFrameElement;
  await waitFor(() => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.querySelector('button') !== null, 'the age check page');
  return frame;
}

function pressInFrame(frame: HTMLIFrameElement, label: string): void {
  const button = [...frameDocument(frame).querySelectorAll('button')].find((b) => b.textContent === label);
  if (!button) throw new Error(`no ${label} button in the frame`);
  button.click();
}

/** Asks for a feature through its row, and waits for the challenge panel. */
async function askParent(m: Mounted, name: string): Promise<void> {
  action(m, name)?.click();
  await until(m, () => inPanel(m, '[part="code"]') !== null, 'the challenge panel');
  await panel(m)?.updateComplete;
}

/** A page where the game's server has no push stream: the wait must poll. */
function withoutPush(): void {
  const original = window.EventSource;
  Object.defineProperty(window, 'EventSource', { value: undefined, configurable: true, writable: true });
  restorers.push(() => {
    Object.defineProperty(window, 'EventSource', { value: original, configurable: true, writable: true });
  });
}
const restorers: Array<() => void> = [];

/** Pip waits for a parent on a k-ID with neither push nor long poll, in simulated time. */
async function waitingByPolling() {
  const emu = await asPlayer('child', 'pip');
  await emu.control('POST', '/config', { legacyAwait: false });
  withoutPush();
  const timers = new ManualTimers();
  const m = await mount(emu, { timers });
  await askParent(m, 'voice-chat');
  return { emu, timers, m };
}

const kidRequests = async (emu: TestEmulator) => (await emu.control<Array<{ vendor: string; method: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid');

describe('<playgate-permission-request>', () => {
  afterEach(() => {
    cleanUp();
    for (const restore of restorers.splice(0)) restore();
  });

  it('draws one row per permission in the session, worded by its state', async () => {
    const emu = await asPlayer('adult', 'sam');
    const m = await mount(emu);
    const names = [...(m.element.shadowRoot?.querySelectorAll<HTMLElement>('[part="row"]') ?? [])].map((r) => r.dataset.permission);
    const session = await emu.kid().getSession(emu.scenario.kid.sessionId ?? '');
    expect(names).to.deep.equal(session.changed ? session.session.permissions.map((p) => p.name) : []);
    expect(rowState(m, 'voice-chat')).to.equal('on');
    expect(rowState(m, 'text-chat-private')).to.equal('turn-on');
    expect(rowState(m, 'loot-boxes-paid-gameplay-impacting')).to.equal('verify-age');
    const button = action(m, 'text-chat-private');
    const name = (button?.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => m.element.shadowRoot?.getElementById(id)?.textContent.trim()).join(' ');
    expect(name, 'the visible words, then the feature').to.equal('Turn on private messages');
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
    const { detail } = await granted;
    expect(detail.permissions).to.deep.equal(['text-chat-private']);
    expect(detail.decision).to.include({ outcome: 'granted', decidedBy: 'player', vendor: 'k-id' });
    await until(m, () => rowState(m, 'text-chat-private') === 'on', 'the row to read On');
    expect(m.element.shadowRoot?.querySelector('[part="outcome"]')?.textContent).to.contain('private messages is on.');
    await expect(m.element).to.be.accessible();
    expect(await emu.control<unknown[]>('GET', '/challenges')).to.deep.equal([]);
    const upgrades = (await kidRequests(emu)).filter((r) => r.path === '/session/upgrade');
    expect(upgrades).to.have.length(1);
  });

  it("sends only the upgrade when the session was just read (the protocol's minimum, 1 request)", async () => {
    const emu = await asPlayer('teen', 'rowan');
    const m = await mount(emu);
    const before = (await kidRequests(emu)).length;
    const granted = next(m.element, 'playgate-permission-granted');
    action(m, 'text-chat-private')?.click();
    await granted;
    expect((await kidRequests(emu)).slice(before).map((r) => r.path)).to.deep.equal(['/session/upgrade']);
  });

  it('reads the session first when the last read is older than the watch interval, so an age-up is seen', async () => {
    const timers = new ManualTimers();
    const emu = await asPlayer('teen', 'rowan');
    const m = await mount(emu, { timers });
    // Hidden, so the watch does not read meanwhile: the last answer is 31 s old.
    setVisibility('hidden');
    await timers.advance(31_000);
    const before = (await kidRequests(emu)).length;
    const granted = next(m.element, 'playgate-permission-granted');
    action(m, 'text-chat-private')?.click();
    await granted;
    expect((await kidRequests(emu)).slice(before).map((r) => r.path)).to.deep.equal(['/session/get', '/session/upgrade']);
  });

  it('runs ask() called in the same task that put the elements in the page', async () => {
    const emu = await asPlayer('teen', 'rowan');
    const provider = document.createElement('playgate-provider');
    provider.kidUrl = `${emu.base}/api/kid/`;
    provider.storage = memoryStorage();
    const element = document.createElement('playgate-permission-request');
    provider.append(element);
    document.body.append(provider);
    const granted = next(element, 'playgate-permission-granted');
    void element.ask('text-chat-private');
    const { detail } = await granted;
    expect(detail.permissions).to.deep.equal(['text-chat-private']);
    expect(detail.decision).to.include({ outcome: 'granted', decidedBy: 'player', vendor: 'k-id' });
  });

  it('asks a parent for a GUARDIAN-managed permission; the parent approves on their device', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    const created = next(m.element, 'playgate-challenge-created');
    await askParent(m, 'voice-chat');
    const { detail } = await created;
    expect(detail).to.include({ kind: 'upgrade', type: 'CHALLENGE_SESSION_UPGRADE' });
    expect(detail.permissions).to.deep.equal(['voice-chat']);
    expect(rowState(m, 'voice-chat')).to.equal('waiting');
    const [challenge] = await emu.control<Array<{ challengeId: string; otp: string }>>('GET', '/challenges');
    expect(JSON.stringify(detail), 'no code or link in the event').not.to.contain(challenge?.otp).and.not.contain('http');
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

  it('shows a failed request with a retry that works', async () => {
    const emu = await asPlayer('teen', 'rowan');
    const m = await mount(emu);
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/upgrade', kind: '5xx', times: 1 });
    action(m, 'text-chat-private')?.click();
    await until(m, () => m.text().includes('We could not send your request. The server had a problem.'), 'the failure');
    const outcome = m.element.shadowRoot?.querySelector('[part="outcome"]');
    expect(outcome?.getAttribute('role')).to.equal('alert');
    await expect(m.element).to.be.accessible();
    const granted = next(m.element, 'playgate-permission-granted');
    [...(outcome?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Try again')?.click();
    expect((await granted).detail.permissions).to.deep.equal(['text-chat-private']);
    const upgrades = (await kidRequests(emu)).filter((r) => r.path === '/session/upgrade');
    expect(upgrades, 'the refused one and the retry, nothing more').to.have.length(2);
  });

  it('keeps waiting when the panel is closed, and opens it again', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    const link = parentLink(m);
    inPanel(m, '[part="close"]')?.click();
    await until(m, () => panel(m) === null, 'the panel to close');
    const reopen = row(m, 'voice-chat')?.querySelector<HTMLButtonElement>('[data-action="show-code"]');
    expect(reopen?.textContent.trim()).to.equal('Show the code');
    expect(m.element.shadowRoot?.activeElement, 'focus stays on a control').to.equal(reopen);
    await expect(m.element).to.be.accessible();
    reopen?.click();
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the panel again');
    inPanel(m, '[part="close"]')?.click();
    const granted = next(m.element, 'playgate-permission-granted');
    await parentAnswers(link, 'Approve');
    expect((await granted).detail.permissions).to.deep.equal(['voice-chat']);
  });

  it('says "still waiting" when a long poll times out, not an error', async () => {
    const emu = await asPlayer('child', 'pip');
    withoutPush();
    const m = await mount(emu, { longPollSeconds: 1 });
    await askParent(m, 'voice-chat');
    await until(m, () => inPanel(m, '[part="progress"]')?.textContent === "Still waiting. We'll keep checking.", 'POLL_TIMEOUT worded as waiting');
    expect(inPanel(m, '[role="alert"]'), 'not an error').to.equal(null);
    const awaits = (await kidRequests(emu)).filter((r) => r.path.startsWith('/challenge/await'));
    expect(awaits.length, 'a long poll, not status reads').to.be.at.least(1);
    expect((await kidRequests(emu)).filter((r) => r.path.startsWith('/challenge/get-status'))).to.deep.equal([]);
  });

  it('says a parent is looking once they open the request (pushed by the server)', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    const frame = await openParentPage(parentLink(m));
    expect(frameDocument(frame).querySelector('h1')?.textContent).to.contain('asking to use');
    await until(m, () => inPanel(m, '[part="progress"]')?.textContent === 'A parent is looking at your request…', 'IN_PROGRESS');
  });

  it('tells the game at once that the player may play, limited, while a parent decides, and says so; the wait goes on to the real session', async () => {
    const emu = await startEmulator('first-run');
    await emu.control('POST', '/config', { limitedAccess: true });
    document.cookie = 'player=pip; path=/';
    const m = await mount(emu);
    const limited = next(m.element, 'playgate-limited-access');
    await setUpAs(m, '2017-03-01');
    const { detail } = await limited;
    expect(detail.permissions, 'what is on meanwhile: nothing that needs a parent').to.deep.equal([]);
    expect(detail.challengeId).to.be.a('string');
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the consent challenge');
    inPanel(m, '[part="close"]')?.click();
    await until(m, () => m.text().includes('Meanwhile, you can play with fewer features.'), 'the limited mode, said');
    expect(m.provider.playgate?.store.sessionId, 'no session made up').to.equal(undefined);
    const granted = next(m.element, 'playgate-permission-granted');
    await emu.control('POST', `/challenges/${detail.challengeId}/decide`, { approve: true });
    await granted;
    expect(m.provider.playgate?.store.sessionId).to.be.a('string');
  });

  it('passes axe in the age gate, a first consent, an outcome and the dark theme', async () => {
    const emu = await startEmulator('first-run');
    document.cookie = 'player=pip; path=/';
    const m = await mount(emu);
    (m.element.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="set-up"]'))?.click();
    await until(m, () => m.element.shadowRoot?.querySelector('[part="age-gate"] select:not(:disabled)') != null, 'the age gate');
    await expect(m.element).to.be.accessible();
    await setUpAge(m, '2017-03-01');
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the consent challenge');
    // No adult is on file before a first consent: an empty address is INVALID_EMAIL.
    inPanel(m, '[part="email"] button[type="submit"]')?.click();
    await until(m, () => (inPanel(m, '#email-note')?.textContent ?? '').includes('We have no email for your parent'), 'INVALID_EMAIL with no address');
    m.provider.theme = 'dark';
    await expect(m.element).to.be.accessible();
    await parentAnswers(parentLink(m), 'Approve');
    await until(m, () => m.text().includes('All set!'), 'the set-up outcome');
    await expect(m.element).to.be.accessible();
  });

  it("says a parent's yes that left the feature off is locked, never granted (k-ID's honest outcome)", async () => {
    const emu = await asPlayer('child', 'pip');
    await emu.control('POST', '/config', { passLeavesPermissionsOff: true });
    const m = await mount(emu);
    let granted = false;
    m.element.addEventListener('playgate-permission-granted', () => {
      granted = true;
    });
    await askParent(m, 'voice-chat');
    const denied = next(m.element, 'playgate-permission-denied');
    await parentAnswers(parentLink(m), 'Approve');
    const refusal = (await denied).detail;
    expect(refusal).to.deep.include({ permissions: ['voice-chat'], reason: 'turned-off' });
    expect(refusal.decision).to.include({ outcome: 'locked', decidedBy: 'parent' });
    await until(m, () => m.text().includes('A parent turned voice chat off'), 'the locked message');
    expect(granted).to.equal(false);
    expect(rowState(m, 'voice-chat')).to.not.equal('on');
    await expect(m.element).to.be.accessible();
  });

  it('tells the player kindly when a parent says no, and lets them ask again', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    // Where to type the code comes from the adapter: the emulator's own page here (asktoplay.com at k-ID).
    const parentPage = new URL(`${emu.base}/parent`, location.href);
    expect(inPanel(m, '[part="code-label"]')?.textContent).to.equal(`Or go to ${parentPage.host}${parentPage.pathname} and enter this code:`);
    const denied = next(m.element, 'playgate-permission-denied');
    await parentAnswers(parentLink(m), 'Deny');
    const refusal = (await denied).detail;
    expect(refusal).to.deep.include({ permissions: ['voice-chat'], reason: 'parent' });
    expect(refusal.decision).to.include({ outcome: 'denied', decidedBy: 'parent' });
    expect(refusal.decision.challengeId).to.be.a('string');
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
  it('resumes the wait after a reload, and then succeeds', async () => {
    const emu = await asPlayer('child', 'pip');
    const storage = memoryStorage();
    const first = await mount(emu, { storage });
    await askParent(first, 'voice-chat');
    const code = inPanel(first, '[part="code"]')?.textContent;
    const link = parentLink(first);
    first.provider.remove();

    const focused = Object.assign(document.createElement('button'), { textContent: 'the game had this' });
    document.body.append(focused);
    focused.focus();
    const second = await mount(emu, { storage });
    await until(second, () => inPanel(second, '[part="code"]') !== null, 'the resumed challenge');
    expect(document.activeElement, 'a resumed wait does not take focus').to.equal(focused);
    focused.remove();
    expect(inPanel(second, '[part="code"]')?.textContent, 'the same challenge, shown again').to.equal(code);
    expect(rowState(second, 'voice-chat')).to.equal('waiting');
    expect(await emu.control<unknown[]>('GET', '/challenges'), 'no second challenge').to.have.length(1);
    const granted = next(second.element, 'playgate-permission-granted');
    await parentAnswers(link, 'Approve');
    expect((await granted).detail.permissions).to.deep.equal(['voice-chat']);
    await until(second, () => rowState(second, 'voice-chat') === 'on', 'voice chat on');
    expect(storage.get('kid-pending-challenge'), 'nothing left to resume').to.equal(undefined);
  });

  it('renews the one-time code when it expires', async () => {
    const emu = await asPlayer('child', 'pip');
    await emu.control('POST', '/config', { otpTtlMs: 1500 });
    const m = await mount(emu);
    await askParent(m, 'voice-chat');
    const first = inPanel(m, '[part="code"]')?.textContent;
    expect(inPanel(m, '[part="countdown"]')?.textContent).to.match(/This code works for 0:0[12]\./);
    await until(m, () => { const code = inPanel(m, '[part="code"]')?.textContent; return code !== undefined && code !== first; }, 'a new code');
    const [challenge] = await emu.control<Array<{ otp: string }>>('GET', '/challenges');
    expect(inPanel(m, '[part="code"]')?.textContent).to.equal(challenge?.otp);
    expect((await kidRequests(emu)).filter((r) => r.path === '/challenge/generate-otp').length).to.be.at.least(1);
  });

  it("emails a parent, handles INVALID_EMAIL, and keeps no address", async () => {
    const emu = await asPlayer('child', 'pip');
    const storage = memoryStorage();
    const m = await mount(emu, { storage });
    await askParent(m, 'voice-chat');
    const input = inPanel(m, 'input[type="email"]') as HTMLInputElement;
    const send = () => { inPanel(m, '[part="email"] button[type="submit"]')?.click(); };
    input.value = 'not an address';
    send();
    await until(m, () => (inPanel(m, '#email-note')?.textContent ?? '').includes("That doesn't look like an email address"), 'the INVALID_EMAIL message');
    expect(input.value, 'kept on screen to correct').to.equal('not an address');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(panel(m)).to.be.accessible();
    input.value = 'parent@example.com';
    send();
    await until(m, () => (inPanel(m, '#email-note')?.textContent ?? '').includes('Sent!'), 'the sent message');
    expect(input.value, 'cleared once sent').to.equal('');
    const outbox = await emu.control<Array<{ to: string }>>('GET', '/outbox');
    expect(outbox.map((mail) => mail.to)).to.deep.equal(['parent@example.com']);
    const kept = JSON.stringify([storage.get('kid-pending-challenge'), storage.get('kid-session-id'), localStorage, sessionStorage]);
    expect(kept).not.to.contain('parent@example.com');
  });

  it("asks the player to check their own age in a dialog (not a parent, no code, no QR), and turns the feature on once it passes", async () => {
    const emu = await asPlayer('adult', 'sam');
    const m = await mount(emu);
    const created = next(m.element, 'playgate-challenge-created');
    const started = next(m.element, 'playgate-age-verification-started');
    action(m, 'loot-boxes-paid-gameplay-impacting')?.click();
    expect((await created).detail.type).to.equal('CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE');
    expect((await started).detail).to.deep.equal({ permissions: ['loot-boxes-paid-gameplay-impacting'] });
    const frame = await ageCheckFrame(m);
    expect(frame.getAttribute('allow')).to.equal('camera;payment;publickey-credentials-get;publickey-credentials-create');
    expect(frame.src).to.match(/\/verify\?c=/);
    expect(panel(m), 'no parent panel').to.equal(null);
    expect(dialogText(m)).to.equal('Check your age ×');
    await expect(m.element).to.be.accessible();

    // Closed and opened again: the same check, no second one created.
    dialogPart(m, 'close')?.click();
    await until(m, () => ageCheckDialog(m) === null, 'the dialog closed');
    const resume = m.element.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="show-code"]');
    expect(resume?.textContent).to.equal('Continue the age check');
    resume?.click();
    const again = await ageCheckFrame(m);
    expect((await kidRequests(emu)).filter((r) => r.path === '/session/upgrade')).to.have.length(1);

    const granted = next(m.element, 'playgate-permission-granted');
    const verified = next(m.element, 'playgate-age-verified');
    // The player passes in the frame. The dialog may close before the frame's next page loads
    // (the webhook can be first): what counts is the flow's answer, not the frame's.
    pressInFrame(again, 'Pass the check');
    expect((await verified).detail.permissions).to.deep.equal(['loot-boxes-paid-gameplay-impacting']);
    expect((await granted).detail.permissions).to.deep.equal(['loot-boxes-paid-gameplay-impacting']);
    await until(m, () => rowState(m, 'loot-boxes-paid-gameplay-impacting') === 'on', 'the feature on');
    expect(ageCheckDialog(m), 'closed once it passed').to.equal(null);
  });

  it('says kindly when the age check fails, and starts a new one only when the player tries again', async () => {
    const emu = await asPlayer('adult', 'sam');
    const m = await mount(emu);
    action(m, 'loot-boxes-paid-gameplay-impacting')?.click();
    const frame = await ageCheckFrame(m);
    const failed = next(m.element, 'playgate-age-verification-failed');
    const denied = next(m.element, 'playgate-permission-denied');
    pressInFrame(frame, 'Fail the check');
    expect((await failed).detail.permissions).to.deep.equal(['loot-boxes-paid-gameplay-impacting']);
    expect((await denied).detail.reason).to.equal('age-check-failed');
    await until(m, () => m.text().includes('The age check did not work this time'), 'the failure, said kindly');
    expect(ageCheckDialog(m)).to.equal(null);
    await expect(m.element).to.be.accessible();
    expect((await kidRequests(emu)).filter((r) => r.path === '/session/upgrade')).to.have.length(1);
    [...(m.element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="outcome"] button') ?? [])].find((b) => b.textContent === 'Try again')?.click();
    await ageCheckFrame(m);
    expect((await kidRequests(emu)).filter((r) => r.path === '/session/upgrade')).to.have.length(2);
  });

  it('never mixes an age-checked feature with others in one upgrade', async () => {
    const emu = await asPlayer('adult', 'sam');
    const m = await mount(emu);
    await m.provider.playgate?.requests?.request(['text-chat-private', 'loot-boxes-paid-gameplay-impacting']);
    expect(m.provider.playgate?.requests?.state.state).to.equal('failed');
    expect((await kidRequests(emu)).filter((r) => r.path === '/session/upgrade'), 'nothing sent').to.deep.equal([]);
  });

  it('ends the wait with a way to start again when k-ID forgets the challenge', async () => {
    const emu = await asPlayer('child', 'pip');
    await emu.control('POST', '/config', { legacyAwait: false });
    withoutPush();
    const timers = new ManualTimers();
    const storage = memoryStorage();
    const m = await mount(emu, { timers, storage });
    await askParent(m, 'voice-chat');
    const [challenge] = await emu.control<Array<{ challengeId: string }>>('GET', '/challenges');
    await emu.control('DELETE', `/challenges/${challenge?.challengeId ?? ''}`);
    // Simulated seconds pass until the wait's next status read finds the challenge gone.
    // Each step also yields a real task, so answers still on the wire (the long poll's 404
    // on a loaded machine) arrive between steps instead of after the clock stopped.
    const deadline = Date.now() + 15_000;
    while (!m.text().includes('We could not send your request') && Date.now() < deadline) {
      await timers.advance(1000);
      await nextTask();
      await m.element.updateComplete;
    }
    await until(m, () => m.text().includes('We could not send your request'), 'the failed state');
    expect(storage.get('kid-pending-challenge'), 'nothing left to resume').to.equal(undefined);
    [...(m.element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="outcome"] button') ?? [])].find((b) => b.textContent === 'Try again')?.click();
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'a new challenge');
  });

  it('gates slotted content by one permission', async () => {
    const emu = await asPlayer('child', 'pip');
    const m = await mount(emu, { name: 'voice-chat' });
    const content = Object.assign(document.createElement('button'), { textContent: 'Talk' });
    m.element.append(content);
    expect(content.assignedSlot, 'hidden while off').to.equal(null);
    expect(rowState(m, 'voice-chat')).to.equal('ask-parent');
    await askParent(m, 'voice-chat');
    await parentAnswers(parentLink(m), 'Approve');
    await until(m, () => content.assignedSlot !== null, 'the gated content');
    await waitFor(() => document.activeElement === content, 'focus on the feature the player asked for');
  });

  it('learns the answer from the server push alone, with no polling', async () => {
    const emu = await asPlayer('child', 'pip');
    // Simulated time, moved by hand: only a push can bring the answer.
    const timers = new ManualTimers();
    const m = await mount(emu, { timers });
    // The stream first: one that comes after the wait began brings a catch-up read, by design.
    await emu.streamOpen();
    await askParent(m, 'voice-chat');
    await waitFor(() => m.provider.playgate?.requests?.waitMode === 'push', 'the push stream');
    const granted = next(m.element, 'playgate-permission-granted');
    // Time passes, short of the push mode's safety read: nothing is polled.
    await timers.advance(50_000);
    await parentAnswers(parentLink(m), 'Approve');
    expect((await granted).detail.permissions).to.deep.equal(['voice-chat']);
    const polls = (await kidRequests(emu)).filter((r) => r.path.startsWith('/challenge/get-status') || r.path.startsWith('/challenge/await'));
    expect(polls).to.deep.equal([]);
  });

  it('polls at most once per 5 s while visible, never while hidden, and not after it is gone', async () => {
    const { emu, timers, m } = await waitingByPolling();
    const polls = async () => (await kidRequests(emu)).filter((r) => r.path === '/challenge/get-status').length;
    const seen: number[] = [];
    for (let second = 1; second <= 60; second++) {
      await timers.advance(1000);
      seen.push(await polls());
    }
    // Never two reads within 5 simulated seconds of each other.
    for (let i = 5; i < seen.length; i++) expect((seen[i] ?? 0) - (seen[i - 5] ?? 0), `seconds ${String(i - 4)}–${String(i + 1)}`).to.be.at.most(1);
    expect(seen.at(-1), 'it does poll').to.be.at.least(3);
    setVisibility('hidden');
    const before = await polls();
    await timers.advance(120_000);
    expect(await polls(), 'none while hidden').to.equal(before);
    setVisibility('visible');
    // Back in view, the wait reads again; that read must reach the emulator before the
    // count at removal is taken, or it would be counted as one sent after removal.
    for (let second = 0; second < 10 && (await polls()) === before; second++) await timers.advance(1000);
    expect(await polls(), 'one read once visible again').to.equal(before + 1);
    m.element.remove();
    const atRemoval = await polls();
    await timers.advance(120_000);
    expect(await polls(), 'none once the element is gone').to.equal(atRemoval);
  });

  it('honours a 429 and its Retry-After', async () => {
    const { emu, timers, m } = await waitingByPolling();
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/challenge/get-status', kind: '429', retryAfter: 120, times: 1 });
    const polls = async () => (await kidRequests(emu)).filter((r) => r.path === '/challenge/get-status').length;
    const start = timers.now();
    while ((await polls()) < 1 && timers.now() - start < 30_000) await timers.advance(1000);
    expect(await polls(), 'the first read, refused').to.equal(1);
    const refusedAt = timers.now();
    await timers.advance(110_000);
    expect(await polls(), 'nothing before Retry-After').to.equal(1);
    while ((await polls()) < 2 && timers.now() - refusedAt < 200_000) await timers.advance(1000);
    expect(await polls(), 'a read after Retry-After').to.equal(2);
    expect(timers.now() - refusedAt).to.be.at.least(118_000);
    expect(inPanel(m, '[part="progress"]')?.textContent).to.contain('Waiting for a parent');
  });

  it('sets up a new player: age gate, a parent approves, and the new session is stored and shown', async () => {
    const emu = await startEmulator('first-run');
    document.cookie = 'player=pip; path=/';
    const storage = memoryStorage();
    const m = await mount(emu, { storage });
    expect(m.text()).to.contain('Your account has no permissions set up yet.');
    await setUpAs(m, '2017-03-01');
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the consent challenge');
    expect(inPanel(m, '[part="title"]')?.textContent).to.equal('A parent needs to say yes');
    const granted = next(m.element, 'playgate-permission-granted');
    await parentAnswers(parentLink(m), 'Approve');
    expect((await granted).detail.permissions).to.deep.equal([]);
    await until(m, () => row(m, 'voice-chat') !== null, 'the rows of the new session');
    const sessionId = storage.get('kid-session-id');
    expect(sessionId).to.be.a('string');
    const read = await emu.kid().getSession(sessionId ?? '');
    expect(read.changed && read.session.ageStatus).to.equal('DIGITAL_MINOR');
    expect(m.text()).to.contain('All set!');
  });

  it('completes a first consent whose PASS names no session by asking the age gate again', async () => {
    const emu = await startEmulator('first-run');
    await emu.control('POST', '/config', { omitSessionIdOnPass: true });
    document.cookie = 'player=pip; path=/';
    const storage = memoryStorage();
    const m = await mount(emu, { storage });
    await setUpAs(m, '2017-03-01');
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the consent challenge');
    await parentAnswers(parentLink(m), 'Approve');
    await until(m, () => row(m, 'voice-chat') !== null, 'the rows of the new session');
    const checks = (await kidRequests(emu)).filter((r) => r.path === '/age-gate/check');
    expect(checks, 'the age gate, asked again with the same age').to.have.length(2);
    const [challenge] = await emu.control<Array<{ resultSessionId?: string }>>('GET', '/challenges');
    expect(storage.get('kid-session-id')).to.equal(challenge?.resultSessionId);
  });

  it('says kindly that a player under the minimum age cannot play', async () => {
    const emu = await startEmulator('first-run');
    document.cookie = 'player=pip; path=/';
    const m = await mount(emu);
    const denied = next(m.element, 'playgate-permission-denied');
    await setUpAs(m, yearsAgo(3));
    expect((await denied).detail.reason).to.equal('prohibited');
    await until(m, () => m.text().includes("Sorry, you can't play this game yet."), 'the prohibited message');
    await expect(m.element).to.be.accessible();
  });

  it('after a revoke, consenting again gives a new session id', async () => {
    const emu = await asPlayer('revoked', 'pip');
    const old = emu.scenario.kid.sessionId;
    const storage = memoryStorage();
    storage.set('kid-session-id', old ?? '');
    const m = await mount(emu, { storage });
    await until(m, () => m.text().includes('needs to be set up again'), 'the revoked state');
    await expect(m.element).to.be.accessible();
    await setUpAs(m, '2017-03-01');
    await until(m, () => inPanel(m, '[part="code"]') !== null, 'the consent challenge');
    await parentAnswers(parentLink(m), 'Approve');
    await until(m, () => row(m, 'voice-chat') !== null, 'the rows of the new session');
    const fresh = storage.get('kid-session-id');
    expect(fresh).to.be.a('string').and.not.equal(old);
  });
});

function yearsAgo(years: number): string {
  const date = new Date();
  date.setFullYear(date.getFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/** "Set up my account", then the age gate with a date of birth. */
async function setUpAs(m: Mounted, dateOfBirth: string): Promise<void> {
  const start = [...(m.element.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === 'Set up my account');
  if (!start) throw new Error(`no set-up button; text is: ${m.text()}`);
  start.click();
  await setUpAge(m, dateOfBirth);
}

async function setUpAge(m: Mounted, dateOfBirth: string): Promise<void> {
  await until(m, () => m.element.shadowRoot?.querySelector('[part="age-gate"] button:not([disabled])') != null, 'the age gate');
  pickBirthDate(m.element.shadowRoot ?? m.element, dateOfBirth);
  m.element.shadowRoot?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]')?.click();
}
