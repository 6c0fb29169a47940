import { expect } from '@open-wc/testing';
import { memoryStorage } from '../../src/flows/storage.js';
import { ManualTimers } from '../../src/flows/timers.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, mountStatus, next, pickBirthDate, setVisibility, until } from '../support/elements.js';
import { nextTask, waitFor } from '../support/tick.js';

async function asPip(scenario = 'child'): Promise<TestEmulator> {
  const emu = await startEmulator(scenario);
  await emu.link('pip', 'session-pip');
  document.cookie = 'player=pip; path=/';
  return emu;
}

describe('<playgate-session-status> with <playgate-provider>', () => {
  afterEach(cleanUp);

  it("shows the child's permissions by who decides, and passes axe", async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu);
    const text = mounted.text();
    expect(text).to.contain('Child account').and.contain('Region US-CA');
    const groups = [...(mounted.status.shadowRoot?.querySelectorAll('[part="group"]') ?? [])].map((g) => g.querySelector('h3')?.textContent);
    expect(groups).to.deep.equal(['A parent decides', 'Not available']);
    const publicChat = mounted.status.shadowRoot?.querySelector('[data-permission="text-chat-public"]');
    expect(publicChat?.textContent.replace(/\s+/g, ' ').trim()).to.equal('public chat On');
    await expect(mounted.status).to.be.accessible();
  });

  it('detects an age-up by comparison alone, with no webhook, and words it', async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu);
    const changed = next(mounted.provider, 'playgate-session-changed');
    await emu.control('POST', '/events/age-up', {});
    await mounted.provider.refresh();
    const { detail } = await changed;
    expect(detail.cause).to.equal('age-up');
    expect(await emu.control('GET', '/webhooks')).to.deep.equal([]);
    await until(mounted, (t) => t.includes('You can now turn on private messages yourself.'), 'the age-up message');
    expect(mounted.text()).to.contain('Teen account');
    const live = mounted.status.shadowRoot?.querySelector('[aria-live="polite"]');
    expect(live?.textContent).to.contain('You can now turn on public chat yourself.');
    await expect(mounted.status).to.be.accessible();
  });

  it("hears a parent's change pushed by the game server, and says so", async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu);
    const changed = next(mounted.provider, 'playgate-session-changed');
    await emu.control('POST', '/events/parent-change', { permission: 'voice-chat', enabled: true });
    expect((await changed).detail.cause).to.equal('parent');
    await until(mounted, (t) => t.includes('A parent turned on voice chat.'), 'the parent message');
    const dismiss = [...(mounted.status.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Dismiss');
    dismiss?.click();
    await until(mounted, (t) => !t.includes('A parent turned on'), 'the message to go');
  });

  it('shows a revoke, and the new session after consenting again', async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu);
    const revoked = next(mounted.provider, 'playgate-session-revoked');
    await emu.control('POST', '/events/revoke', {});
    expect((await revoked).detail).to.deep.equal({ sessionId: 'session-pip' });
    await until(mounted, (t) => t.includes('A parent reset your account'), 'the revoked state');
    await expect(mounted.status).to.be.accessible();

    const again = await emu.kidThroughProxy().checkAge({ jurisdiction: 'US-CA', age: 9 });
    if (again.status !== 'CHALLENGE') throw new Error('a minor needs a parent');
    await emu.control('POST', `/challenges/${again.challenge.challengeId}/decide`, { approve: true });
    await until(mounted, (t) => t.includes('Child account'), 'the new session');
    const id = mounted.status.shadowRoot?.querySelector('[part="session-id"]')?.textContent ?? '';
    expect(id).to.match(/Account [0-9a-f-]{36}/);
    expect(id).not.to.contain('session-pip');
  });

  it('fires playgate-session-expired when the Elements sign-in has lapsed', async () => {
    const emu = await asPip('expired');
    const mounted = await mountStatus(emu, { elements: true });
    const expired = next(mounted.provider, 'playgate-session-expired');
    mounted.provider.elementsSessionSecret = emu.scenario.elements.sessionSecret;
    await expired;
    await until(mounted, (t) => t.includes('Your sign-in has ended'), 'the expired state');
    await expect(mounted.status).to.be.accessible();
  });

  it('signs in when signIn() is called in the same task that put the provider in the page', async () => {
    const emu = await asPip('adult');
    const provider = document.createElement('playgate-provider');
    provider.kidUrl = `${emu.base}/api/kid/`;
    provider.elementsUrl = `${emu.base}/elements/api/rest/`;
    provider.storage = memoryStorage();
    const status = document.createElement('playgate-session-status');
    provider.append(status);
    document.body.append(provider);
    const identity = await provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    expect(identity.user.displayName).to.equal('Sam');
    await waitFor(() => (status.shadowRoot?.textContent ?? '').includes('Playing as Sam the Builder'), 'the signed-in state');
  });

  it('fails signIn() at once on a provider that is not in a page, rather than waiting forever', async () => {
    const provider = document.createElement('playgate-provider');
    provider.elementsUrl = 'https://elements.example/api/rest/';
    const outcome = await provider.signIn({ userId: 'sam', password: 'playgate' }).then(
      () => 'signed in',
      (error: unknown) => String(error),
    );
    expect(outcome).to.contain('set elements-url');
  });

  it('notices a password change at the next focus', async () => {
    const emu = await asPip('adult');
    const timers = new ManualTimers();
    const mounted = await mountStatus(emu, { elements: true, timers });
    await mounted.provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
    await until(mounted, (t) => t.includes('Signed in as Sam') && t.includes('Playing as Sam the Builder'), 'the signed-in state');
    await emu.control('POST', '/elements/password', { userId: 'sam', password: 'new' });
    const expired = next(mounted.provider, 'playgate-session-expired');
    await timers.advance(5000);
    window.dispatchEvent(new Event('focus'));
    await expired;
  });

  it('shows a user-scoped sign-in and what needs a profile', async () => {
    const emu = await asPip('adult');
    const mounted = await mountStatus(emu, { elements: true });
    await mounted.provider.signIn({ userId: 'sam', password: 'playgate' });
    await until(mounted, (t) => t.includes('No game profile chosen'), 'the no-profile state');
    expect(mounted.text()).to.contain('Leaderboards, purchases and saved progress need a game profile.');
  });

  it('makes no requests while hidden over 2 minutes, and at most 5 while visible', async () => {
    const emu = await asPip();
    const timers = new ManualTimers();
    const mounted = await mountStatus(emu, { timers });
    const kidCalls = async () => (await emu.control<Array<{ vendor: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid').length;
    setVisibility('hidden');
    const before = await kidCalls();
    await timers.advance(120_000);
    expect(await kidCalls()).to.equal(before);
    setVisibility('visible');
    await timers.advance(120_000);
    await mounted.status.updateComplete;
    const visible = (await kidCalls()) - before;
    expect(visible).to.be.within(1, 5);
  });

  it('shows an error with a retry that works', async () => {
    const emu = await asPip();
    await emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: '5xx', times: 3 });
    const mounted = await mountStatus(emu);
    await until(mounted, (t) => t.includes('We could not check your account. The server had a problem.'), 'the error state');
    await expect(mounted.status).to.be.accessible();
    mounted.status.shadowRoot?.querySelector<HTMLButtonElement>('[part="retry"]')?.click();
    await until(mounted, (t) => t.includes('Child account'), 'recovery');
  });

  it('compact: a HUD badge with the name, the age band and the count', async () => {
    const emu = await asPip();
    const mounted = await mountStatus(emu, { layout: 'compact' });
    expect(mounted.text()).to.contain('Child account').and.contain('1 of 7 features on');
    await expect(mounted.status).to.be.accessible();
  });

  it('starts the first consent from the "no session" state, and shows the session it makes', async () => {
    const emu = await startEmulator('first-run');
    document.cookie = 'player=sam; path=/';
    const mounted = await mountStatus(emu);
    mounted.provider.jurisdiction = 'US-CA';
    await until(mounted, (t) => t.includes('no permissions set up yet'), 'the no-session state');
    const setUp = mounted.status.shadowRoot?.querySelector('playgate-permission-request');
    await setUp?.updateComplete;
    const start = [...(setUp?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === 'Set up my account');
    expect(start, 'a set-up button').to.exist;
    start?.click();
    const ageInput = async () => {
      for (;;) {
        await setUp?.updateComplete;
        const ready = setUp?.shadowRoot?.querySelector('[part="age-gate"] select:not(:disabled)');
        if (ready && setUp?.shadowRoot) return setUp.shadowRoot;
        await nextTask();
      }
    };
    pickBirthDate(await ageInput(), '1990-05-01');
    setUp?.shadowRoot?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]')?.click();
    await until(mounted, (t) => t.includes('Adult account'), 'the new session');
    expect(mounted.status.shadowRoot?.querySelector('playgate-permission-request'), 'the set-up is done').to.equal(null);
  });
});

describe('<playgate-session-status> passes axe in every state', () => {
  afterEach(cleanUp);

  const states: Array<[string, string, (emu: TestEmulator) => Promise<unknown>, (t: string) => boolean, { elements?: boolean; theme?: 'dark'; layout?: 'compact' }?]> = [
    ['loading', 'child', (emu) => emu.control('POST', '/faults', { vendor: 'kid', path: '/session/get', kind: 'latency', ms: 3000, times: 1 }), (t) => t.includes('Checking your account')],
    ['no session', 'first-run', () => Promise.resolve(), (t) => t.includes('no permissions set up yet')],
    ['dark, full', 'teen', () => Promise.resolve(), (t) => t.includes('Teen account'), { theme: 'dark' }],
    ['dark, compact', 'teen', () => Promise.resolve(), (t) => t.includes('Teen account'), { theme: 'dark', layout: 'compact' }],
  ];
  for (const [name, scenario, before, ready, options] of states) {
    it(name, async () => {
      const emu = await startEmulator(scenario);
      if (emu.scenario.kid.sessionId) await emu.link('pip', emu.scenario.kid.sessionId);
      document.cookie = 'player=pip; path=/';
      await before(emu);
      const pending = mountStatus(emu, { ...(options?.layout ? { layout: options.layout } : {}) });
      await nextTask();
      const provider = document.querySelector('playgate-provider') as Element;
      if (options?.theme) provider.setAttribute('theme', options.theme);
      const status = provider.querySelector('playgate-session-status');
      if (!status) throw new Error('no status element');
      const mounted = { status, provider, text: () => status.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '' } as unknown as Parameters<typeof until>[0];
      await until(mounted, ready, name);
      await expect(status).to.be.accessible();
      await pending.catch(() => undefined);
    });
  }
});
