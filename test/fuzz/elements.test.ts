// Generated answers (bodies.ts) through the elements: the endpoint under test answers
// badly once, and the element must show a state the player can act on (an error with a
// way to retry, or whatever the answer validly said), never a blank element or an
// uncaught error. Then the backend answers properly and the retry must work.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/index.js';
import { createInPageStack, type InPageStack } from '../../src/emulator/in-page.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { isPlaygateError } from '../../src/model/error.js';
import { GAME_ORIGIN, inPageProvider } from '../support/in-page.js';
import { cleanUp, next, pickBirthDate } from '../support/elements.js';
import { waitFor } from '../support/tick.js';
import { answering, answers, escapes, fuzzSettings, type FuzzAnswer } from './bodies.js';

const ORIGIN = GAME_ORIGIN;

/** The stack's fetch, except that the next request to `path` gets `pending.answer`. */
function oneBadAnswer(stack: InPageStack, path: RegExp, pending: { answer?: FuzzAnswer }): typeof fetch {
  return (input, init) => {
    const request = new Request(new URL(input instanceof Request ? input.url : String(input), ORIGIN), init);
    const answer = pending.answer;
    if (answer && path.test(new URL(request.url).pathname)) {
      pending.answer = undefined;
      return answering(answer)(request);
    }
    return stack.fetch(request);
  };
}

const text = (element: Element) => element.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '';
const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('fuzz: generated answers through the elements', () => {
  const watch = escapes();
  let settings = { seed: 0, runs: 0 };

  before(async () => {
    settings = await fuzzSettings();
    watch.start();
  });

  afterEach(() => {
    cleanUp();
  });

  after(() => {
    expect(watch.stop(), 'uncaught errors and unhandled rejections').to.deep.equal([]);
  });

  const runs = () => ({ seed: settings.seed, numRuns: Math.max(5, Math.round(settings.runs / 4)) });

  it('session status: a bad session read shows an error with Try again, and Try again works', async function () {
    this.timeout(180_000);
    let errors = 0;
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    const pending: { answer?: FuzzAnswer } = {};
    const host = inPageProvider(oneBadAnswer(stack, /\/api\/kid\/session\/get$/, pending), stack, { kid: true });
    const status = document.createElement('playgate-session-status');
    host.append(status);
    const ready = next(host, 'playgate-ready');
    document.body.append(host);
    await ready;
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        pending.answer = answer;
        await host.refresh();
        await status.updateComplete;
        expect(text(status), `${answer.kind} ${String(answer.status)}: never blank`).not.to.equal('');
        const retry = part(status, 'retry');
        if (retry) {
          errors += 1;
          retry.click();
          await waitFor(() => part(status, 'retry') === null && text(status).includes('Child account'), 'the session after Try again', 15_000, () => text(status));
        }
      }),
      runs(),
    );
    expect(errors, 'runs that ended in the error state').to.be.greaterThan(0);
  });

  it('consent prompt: a bad document shows an error with Try again, and Try again shows the document', async function () {
    this.timeout(180_000);
    let errors = 0;
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    const pending: { answer?: FuzzAnswer } = {};
    const host = inPageProvider(oneBadAnswer(stack, /\/consents\//, pending), stack, { nodecraft: true });
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(prompt);
    document.body.append(host);
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        pending.answer = answer;
        const ident = host.identify(stack.emulator.scenario.nodecraft.identRequest).then(
          () => undefined,
          (error: unknown) => error,
        );
        await waitFor(() => part(prompt, 'retry') !== null || part(prompt, 'document') !== null, 'an error or a document', 15_000, () => text(prompt));
        if (part(prompt, 'retry')) errors += 1;
        part(prompt, 'retry')?.click();
        await waitFor(() => part(prompt, 'document') !== null, 'the document after Try again', 15_000, () => text(prompt));
        part(prompt, 'decline')?.click();
        const outcome = await ident;
        expect(isPlaygateError(outcome), 'declining rejects with a typed error').to.equal(true);
      }),
      runs(),
    );
    expect(errors, 'runs that ended in the error state').to.be.greaterThan(0);
  });

  it('permission request: a bad upgrade answer shows what to do next, and asking again works', async function () {
    this.timeout(180_000);
    let errors = 0;
    const pending: { answer?: FuzzAnswer } = {};
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        const stack = await createInPageStack({ origin: ORIGIN, scenario: 'teen' });
        const host = inPageProvider(oneBadAnswer(stack, /\/api\/kid\/session\/upgrade$/, pending), stack, { kid: true });
        const request = document.createElement('playgate-permission-request');
        request.permissions = ['text-chat-private'];
        host.append(request);
        document.body.append(host);
        const row = () => request.shadowRoot?.querySelector<HTMLElement>('[part="row"][data-permission="text-chat-private"]');
        const what = () => `${answer.kind} ${String(answer.status)} ${answer.body.slice(0, 80)}; text is ${text(request)}`;
        await waitFor(() => row() != null, 'the row', 15_000, what);
        pending.answer = answer;
        void request.ask('text-chat-private');
        // Settled: on, or failed with a way on (not still asking).
        await waitFor(() => row()?.dataset.state === 'on' || part(request, 'retry') !== null, 'the answer shown', 15_000, what);
        if (row()?.dataset.state !== 'on') {
          errors += 1;
          part(request, 'retry')?.click();
          await waitFor(() => row()?.dataset.state === 'on', 'on after Try again', 15_000, what);
        }
        host.remove();
      }),
      runs(),
    );
    expect(errors, 'runs that ended in a failed request').to.be.greaterThan(0);
  });

  it('sign-in: a bad answer rejects with a typed error, and the status stays usable', async function () {
    this.timeout(180_000);
    let errors = 0;
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'child' });
    const pending: { answer?: FuzzAnswer } = {};
    const host = inPageProvider(oneBadAnswer(stack, /\/elements\/api\/rest\/session$/, pending), stack, { elements: true });
    const status = document.createElement('playgate-session-status');
    host.append(status);
    document.body.append(host);
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        pending.answer = answer;
        const outcome = await host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' }).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome !== undefined) errors += 1;
        if (outcome !== undefined) expect(isPlaygateError(outcome), `${answer.kind} ${String(answer.status)}`).to.equal(true);
        await status.updateComplete;
        expect(text(status)).not.to.equal('');
        await host.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' });
        await waitFor(() => text(status).includes('Playing as Sam the Builder'), 'signed in after all', 15_000, () => text(status));
      }),
      runs(),
    );
    expect(errors, 'runs that ended in a typed error').to.be.greaterThan(0);
  });

  it('Ident: a bad answer rejects with a typed error or shows an error with Try again, and asking again works', async function () {
    this.timeout(180_000);
    let errors = 0;
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'adult' });
    const pending: { answer?: FuzzAnswer } = {};
    const host = inPageProvider(oneBadAnswer(stack, /\/ident\/token$/, pending), stack, { nodecraft: true });
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    host.append(prompt);
    document.body.append(host);
    const ident = stack.emulator.scenario.nodecraft.identRequest;
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        pending.answer = answer;
        const outcome = await host.identify(ident).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome !== undefined) errors += 1;
        if (outcome !== undefined) expect(isPlaygateError(outcome), `${answer.kind} ${String(answer.status)}`).to.equal(true);
        expect(prompt.open, 'no prompt left open over nothing').to.equal(false);
        expect((await host.identify(ident)).displayName).to.be.a('string');
      }),
      runs(),
    );
    expect(errors, 'runs that ended in a typed error').to.be.greaterThan(0);
  });

  it('first consent: a bad age-check answer leaves the form with the problem said, and Continue then works', async function () {
    this.timeout(180_000);
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        const stack = await createInPageStack({ origin: ORIGIN, scenario: 'first-run' });
        const pending: { answer?: FuzzAnswer } = {};
        const host = inPageProvider(oneBadAnswer(stack, /\/api\/kid\/age-gate\/check$/, pending), stack, { kid: true });
        const request = document.createElement('playgate-permission-request');
        host.append(request);
        document.body.append(host);
        const what = () => `${answer.kind} ${String(answer.status)} ${answer.body.slice(0, 80)}; text is ${text(request)}`;
        const submit = () => request.shadowRoot?.querySelector<HTMLButtonElement>('[part="age-gate"] button[type="submit"]:not([disabled])');
        const panelCode = () => request.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot?.querySelector('[part="code"]');
        await request.setUp();
        await waitFor(() => submit() != null, 'the age gate', 15_000, what);
        pending.answer = answer;
        pickBirthDate(request.shadowRoot ?? request, '2017-03-01');
        submit()?.click();
        await waitFor(() => panelCode() != null || (submit() != null && request.shadowRoot?.querySelector('[part="age-problem"]:not([data-invalid])') != null), 'a challenge, or the problem said', 15_000, what);
        if (!panelCode()) {
          errors += 1;
          submit()?.click();
          await waitFor(() => panelCode() != null, 'the challenge after Continue', 15_000, what);
        }
        host.remove();
      }),
      runs(),
    );
    expect(errors, 'runs that ended in the problem said').to.be.greaterThan(0);
  });
});
