// Every flow under every fault the emulator injects: latency, 5xx, a dropped connection,
// 429 with Retry-After, a timeout, and a fault in the middle of a multi-round consent.
// Each run must end completed, or in a state the player can retry from; the player then
// retries (the backend healed) and it completes. The emulator's records must show no
// consent signed twice and none that was accepted lost.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { parentAnswers, startEmulator, type TestEmulator } from '../support/emulator.js';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { acceptShown } from '../support/consent.js';
import { cleanUp, pickBirthDate } from '../support/elements.js';
import { nextTask } from '../support/tick.js';

type Vendor = 'kid' | 'nodecraft' | 'elements';

const FAULTS: Record<string, (vendor: Vendor) => Record<string, unknown>> = {
  latency: (vendor) => ({ vendor, path: '/', kind: 'latency', ms: 200 }),
  '5xx': (vendor) => ({ vendor, path: '/', kind: '5xx' }),
  'dropped connection': (vendor) => ({ vendor, path: '/', kind: 'drop' }),
  '429 with Retry-After': (vendor) => ({ vendor, path: '/', kind: '429', retryAfter: 1 }),
  // Longer than the provider's timeout below.
  timeout: (vendor) => ({ vendor, path: '/', kind: 'latency', ms: 5000 }),
};
// Far above the latency fault, so a loaded machine does not turn latency into a timeout.
const TIMEOUT_MS = 3000;

interface Run {
  emu: TestEmulator;
  host: PlaygateProvider;
  /** Times the player met a state to retry from, and retried. */
  retries: number;
  /** Requests the faults hit before the backend healed. */
  hits: number;
}

/** The backend heals: its faults are counted, then cleared. */
async function heal(run: Run): Promise<void> {
  const faults = await run.emu.control<Array<{ hits: number }>>('GET', '/faults');
  run.hits += faults.reduce((sum, fault) => sum + fault.hits, 0);
  await run.emu.control('DELETE', '/faults');
}

const shadowOf = (element: Element | null | undefined) => element?.shadowRoot ?? null;
const part = (root: ParentNode | null, name: string) => root?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (element: Element) => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '';

function provider(emu: TestEmulator, ports: { kid?: boolean; nodecraft?: boolean; elements?: boolean }): PlaygateProvider {
  const host = document.createElement('playgate-provider');
  host.storage = memoryStorage();
  host.jurisdiction = 'US-CA';
  host.timeoutMs = TIMEOUT_MS;
  host.challengeWait = { minIntervalMs: 200, maxIntervalMs: 400, longPollSeconds: 1 };
  if (ports.kid) host.kidUrl = `${emu.base}/api/kid/`;
  if (ports.nodecraft) {
    host.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    host.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  }
  if (ports.elements) host.elementsUrl = `${emu.base}/elements/api/rest/`;
  return host;
}

/**
 * Plays until `done()`: `step` reads and accepts what is shown, or taps what is offered;
 * on a state to retry from, the backend heals and the player retries. Fails when the
 * element shows neither progress nor a way on for 20 s (a dead end).
 */
async function play(run: Run, element: Element, done: () => boolean, step: () => Promise<boolean> = () => Promise.resolve(false)): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`stuck; the element says: ${text(element)}`);
    const root = shadowOf(element);
    const retry = part(root, 'retry') ?? part(shadowOf(root?.querySelector('playgate-challenge-panel')), 'retry');
    if (retry) {
      run.retries += 1;
      await heal(run);
      retry.click();
    } else {
      await step();
    }
    await nextTask();
  }
}

function settled<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

/** The flows, each run with its vendor faulted from the start. */
/**
 * A consent action (Ident or a join) through the prompt. When it failed with nothing to
 * keep (the prompt closed), the game calls it again: that is the player's retry.
 */
async function guarded<T>(run: Run, prompt: PlaygateConsentPrompt, action: () => Promise<T>): Promise<void> {
  let outcome = settled(action());
  await play(run, prompt, () => outcome.done && (outcome.error === undefined || !prompt.open), () => acceptShown(prompt));
  if (outcome.error !== undefined) {
    run.retries += 1;
    await heal(run);
    outcome = settled(action());
    await play(run, prompt, () => outcome.done, () => acceptShown(prompt));
  }
  expect(outcome.error, String(outcome.error)).to.equal(undefined);
}

const FLOWS: Record<string, { scenario: string; vendor: Vendor; pages?: string[]; run(run: Run): Promise<void> }> = {
  'Ident with two consents': {
    scenario: 'child',
    vendor: 'nodecraft',
    pages: ['legal-game', 'legal-platform', 'rules-game'],
    async run(run) {
      const prompt = document.createElement('playgate-consent-prompt');
      prompt.storage = memoryStorage();
      run.host.append(prompt);
      await guarded(run, prompt, () => run.host.identify(run.emu.scenario.nodecraft.identRequest));
    },
  },
  'a server join of three rounds': {
    scenario: 'server-rules',
    vendor: 'nodecraft',
    async run(run) {
      const prompt = document.createElement('playgate-consent-prompt');
      prompt.storage = memoryStorage();
      run.host.append(prompt);
      await run.emu.control('POST', '/events/publish-terms', { type: 'legal' });
      await run.emu.control('POST', '/events/publish-terms', { type: 'rules' });
      await guarded(run, prompt, () => run.host.identify(run.emu.scenario.nodecraft.identRequest));
      await guarded(run, prompt, () => run.host.joinServer('srv-rules'));
    },
  },
  'a first consent: the age gate, then a parent': {
    scenario: 'first-run',
    vendor: 'kid',
    async run(run) {
      const request = document.createElement('playgate-permission-request');
      run.host.append(request);
      const root = () => shadowOf(request);
      let approved = false;
      await play(run, request, () => root()?.querySelector('[part="row"]') != null, async () => {
        const link = shadowOf(root()?.querySelector('playgate-challenge-panel'))?.querySelector<HTMLAnchorElement>('[part="parent-link"]');
        if (link && !approved) {
          approved = true;
          await heal(run);
          await parentAnswers(link.href, 'Approve');
          return true;
        }
        const submit = root()?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]:not([disabled])');
        if (submit) {
          // A failure is said above the form, whose Continue is then the way to try again.
          if (root()?.querySelector('[part="age-problem"]:not([data-invalid])')) {
            run.retries += 1;
            await heal(run);
          }
          pickBirthDate(root() ?? request, '2017-03-01');
          submit.click();
          return true;
        }
        const setUp = root()?.querySelector<HTMLButtonElement>('[data-action="set-up"]:not([disabled])');
        setUp?.click();
        return setUp != null;
      });
    },
  },
  'a PLAYER-managed upgrade': {
    scenario: 'teen',
    vendor: 'kid',
    async run(run) {
      const request = document.createElement('playgate-permission-request');
      request.permissions = ['text-chat-private'];
      run.host.append(request);
      const row = () => shadowOf(request)?.querySelector<HTMLElement>('[part="row"][data-permission="text-chat-private"]');
      await play(run, request, () => row()?.dataset.state === 'on', () => {
        const action = row()?.querySelector<HTMLButtonElement>('[part="action"]');
        if (!action || action.disabled || row()?.dataset.state !== 'turn-on') return Promise.resolve(false);
        action.click();
        return Promise.resolve(true);
      });
    },
  },
  'a GUARDIAN-managed upgrade a parent approves': {
    scenario: 'child',
    vendor: 'kid',
    async run(run) {
      const request = document.createElement('playgate-permission-request');
      request.permissions = ['voice-chat'];
      run.host.append(request);
      const row = () => shadowOf(request)?.querySelector<HTMLElement>('[part="row"][data-permission="voice-chat"]');
      let approved = false;
      await play(run, request, () => row()?.dataset.state === 'on', async () => {
        const link = shadowOf(shadowOf(request)?.querySelector('playgate-challenge-panel'))?.querySelector<HTMLAnchorElement>('[part="parent-link"]');
        if (link && !approved) {
          approved = true;
          await heal(run);
          await parentAnswers(link.href, 'Approve');
          return true;
        }
        const action = row()?.querySelector<HTMLButtonElement>('[part="action"]');
        if (!action || action.disabled || row()?.dataset.state !== 'ask-parent') return false;
        action.click();
        return true;
      });
    },
  },
  'the session status': {
    scenario: 'child',
    vendor: 'kid',
    async run(run) {
      const status = document.createElement('playgate-session-status');
      run.host.append(status);
      await play(run, status, () => text(status).includes('Child account'));
    },
  },
  'an Elements sign-in': {
    scenario: 'adult',
    vendor: 'elements',
    async run(run) {
      const status = document.createElement('playgate-session-status');
      run.host.append(status);
      let signIn = settled(run.host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' }));
      await play(run, status, () => signIn.done);
      if (signIn.error !== undefined) {
        run.retries += 1;
        await heal(run);
        signIn = settled(run.host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' }));
        await play(run, status, () => signIn.done);
      }
      expect(signIn.error, String(signIn.error)).to.equal(undefined);
      await play(run, status, () => text(status).includes('Playing as Sam the Builder'));
    },
  },
};

interface Signature {
  pageId: string;
  repeat: boolean;
}

describe('fault runs: every flow under every fault', () => {
  afterEach(() => {
    cleanUp();
  });

  for (const [flowName, flow] of Object.entries(FLOWS)) {
    for (const [faultName, fault] of Object.entries(FAULTS)) {
      it(`${flowName} under ${faultName}: completes, or the player retries and it completes`, async function () {
        this.timeout(60_000);
        const emu = await startEmulator(flow.scenario);
        if (flow.vendor === 'kid') {
          await emu.link(flow.scenario === 'teen' ? 'rowan' : 'pip', flow.scenario === 'child' ? 'session-pip' : emu.scenario.kid.sessionId ?? '');
          document.cookie = `player=${flow.scenario === 'teen' ? 'rowan' : 'pip'}; path=/`;
        }
        const host = provider(emu, { [flow.vendor]: true });
        const run: Run = { emu, host, retries: 0, hits: 0 };
        const accepted: string[] = [];
        host.addEventListener('playgate-consent-accepted', (event) => accepted.push(...event.detail.pageIds));
        await emu.control('POST', '/faults', fault(flow.vendor));
        document.body.append(host);
        await flow.run(run);
        // The fault was met: it hit requests before the backend healed, or it still stands with hits.
        await heal(run);
        expect(run.hits, 'requests the fault hit').to.be.greaterThan(0);
        // Latency slows a flow down without failing it.
        if (faultName === 'latency') expect(run.retries, 'no retry needed for latency').to.equal(0);
        if (flow.vendor === 'nodecraft') {
          const signatures = await emu.control<Signature[]>('GET', '/nodecraft/signatures');
          expect(signatures.filter((s) => s.repeat), 'signed twice').to.deep.equal([]);
          if (flow.pages) expect(signatures.map((s) => s.pageId).sort(), 'the consents Ident needed').to.deep.equal(flow.pages);
          expect(accepted.length, 'consents were accepted').to.be.greaterThan(0);
          expect(signatures.map((s) => s.pageId), 'every accepted consent signed').to.include.members(accepted);
        }
      });
    }
  }

  it('a fault in the middle of a three-round join: the first round stays signed, nothing twice', async function () {
    this.timeout(60_000);
    const emu = await startEmulator('server-rules');
    const host = provider(emu, { nodecraft: true });
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(prompt);
    document.body.append(host);
    await host.identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    const before = (await emu.control<Signature[]>('GET', '/nodecraft/signatures')).length;
    const accepted: string[] = [];
    prompt.addEventListener('playgate-consent-accepted', (event) => accepted.push(...event.detail.pageIds));
    const join = settled(host.joinServer('srv-rules'));
    const run: Run = { emu, host, retries: 0, hits: 0 };
    let answered = 0;
    await play(run, prompt, () => join.done, async () => {
      if (!(await acceptShown(prompt))) return false;
      answered += 1;
      // Right after the first answer, the signing breaks for a while.
      if (answered === 1) await emu.control('POST', '/faults', { vendor: 'nodecraft', path: '/consents', method: 'POST', kind: 'drop' });
      return true;
    });
    expect(join.error, String(join.error)).to.equal(undefined);
    expect(run.retries, 'the player met the failure and retried').to.be.greaterThan(0);
    const signed = (await emu.control<Signature[]>('GET', '/nodecraft/signatures')).slice(before);
    expect(signed.filter((s) => s.repeat), 'signed twice').to.deep.equal([]);
    expect(accepted.length, 'three rounds of documents accepted').to.be.at.least(3);
    // Every page the player accepted is signed exactly once: none lost to the fault, none twice.
    expect(signed.map((s) => s.pageId).sort()).to.deep.equal([...new Set(accepted)].sort());
  });
});
