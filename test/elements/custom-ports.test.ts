// A game with its own backend: `provider.ports` in place of the vendor adapters. The ports
// here are written in the test and talk to no vendor (no fetch at all).
import { expect } from '@open-wc/testing';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { ConsentDocument, ConsentRequirement, PlayerSession } from '../../src/model/consent.js';
import { PlaygateError } from '../../src/model/error.js';
import type { Session } from '../../src/model/permissions.js';
import type { ConsentsPort, IdentRequest, PermissionsPort } from '../../src/model/ports.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { acceptRounds } from '../support/consent.js';
import { cleanUp, next } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

const session = (enabled: boolean, names = ['chat']): Session => ({
  sessionId: 'own-1',
  status: 'ACTIVE',
  permissions: names.map((name) => ({ name, enabled, managedBy: 'PLAYER' })),
});

/** The game's own permissions service: PLAYER-managed features, turned on at once. */
function ownPermissions(calls: string[], features?: string[]): PermissionsPort {
  let current = session(false, features);
  const unused = () => Promise.reject(new PlaygateError({ kind: 'unsupported', message: 'not in this backend' }));
  return {
    getSession: (sessionId) => {
      calls.push(`getSession ${sessionId}`);
      return Promise.resolve({ changed: true, session: current });
    },
    upgrade: (sessionId, names) => {
      calls.push(`upgrade ${sessionId} ${names.map((p) => (typeof p === "string" ? p : p.name)).join(",")}`);
      current = session(true, features);
      return Promise.resolve({ status: 'PASS', session: current });
    },
    getAgeGateRequirements: unused,
    checkAge: unused,
    getChallenge: unused,
    getChallengeStatus: unused,
    consentedSession: unused,
    sendParentEmail: unused,
    refreshOneTimeCode: unused,
  };
}

/** The game's own sign-in: it asks for its terms once, and takes the answer with the retried call. */
function ownConsents(calls: string[]): ConsentsPort {
  const terms: ConsentDocument = { type: 'legal', content: 'Be kind. '.repeat(400), pages: [{ pageId: 'own-terms', pageContentId: 'v1' }], status: 'missing' };
  const requirement: ConsentRequirement = { scope: 'game', state: 'missing', type: 'legal', action: { kind: 'ident' } };
  return {
    identify: (request: IdentRequest, accepted = []) => {
      calls.push(`identify ${request.type} [${accepted.flatMap((doc) => doc.pages.map((page) => page.pageId)).join(',')}]`);
      if (accepted.length === 0) return Promise.reject(new PlaygateError({ kind: 'consent_required', message: 'terms first', requirement }));
      const player: PlayerSession = { token: 'own-secret-token', displayName: 'Robin' };
      return Promise.resolve(player);
    },
    joinServer: () => Promise.reject(new PlaygateError({ kind: 'unsupported', message: 'no servers' })),
    getDocument: () => {
      calls.push('getDocument');
      return Promise.resolve(terms);
    },
    sign: () => {
      calls.push('sign');
      return Promise.resolve({ signed: 'with-action' });
    },
  };
}

/** A provider on the game's own permissions port, with a permission request inside, ready. */
async function requestOver(permissions: PermissionsPort) {
  const provider = document.createElement('playgate-provider');
  provider.ports = { permissions };
  provider.storage = memoryStorage();
  const request = document.createElement('playgate-permission-request');
  provider.append(request);
  const ready = next(provider, 'playgate-ready');
  document.body.append(provider);
  await ready;
  return request;
}

describe('<playgate-provider> with the game’s own ports', () => {
  afterEach(cleanUp);

  it('says a session with no permissions at all is a set-up problem, with a retry, not a fully locked list', async () => {
    const calls: string[] = [];
    const request = await requestOver(ownPermissions(calls, []));
    await waitFor(() => (request.shadowRoot?.textContent ?? '').includes('This account has no features set up yet.'), 'the recovery message');
    expect(request.shadowRoot?.querySelector('[part="list"]'), 'no locked list').to.equal(null);
    const reads = calls.length;
    request.shadowRoot?.querySelector<HTMLButtonElement>('[part="retry"]')?.click();
    await waitFor(() => calls.length > reads, 'the session read again');
    await expect(request).to.be.accessible();
  });

  it('names every row button by its visible words and its feature, whatever the feature is called (spaces too)', async () => {
    const request = await requestOver(ownPermissions([], ['voice chat', 'chat', 'Trade & gift']));
    await waitFor(() => (request.shadowRoot?.querySelectorAll('[part="action"]').length ?? 0) === 3, 'three rows');
    const root = request.shadowRoot;
    const names = [...(root?.querySelectorAll<HTMLButtonElement>('[part="action"]') ?? [])].map((button) =>
      (button.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => root?.getElementById(id)?.textContent.trim() ?? `(no #${id})`).join(' '),
    );
    expect(names).to.deep.equal(['Turn on voice chat', 'Turn on chat', 'Turn on Trade & gift']);
    const ids = [...(root?.querySelectorAll('[id]') ?? [])].map((element) => element.id);
    expect(new Set(ids).size, 'ids are unique').to.equal(ids.length);
  });

  it('runs a permission request and a consent round against a backend written by the game', async () => {
    const permissionCalls: string[] = [];
    const consentCalls: string[] = [];
    const seen: string[] = [];
    const fetchSpy = (input: RequestInfo | URL) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.reject(new Error('no vendor may be called'));
    };
    const provider = document.createElement('playgate-provider');
    provider.ports = { permissions: ownPermissions(permissionCalls), consents: ownConsents(consentCalls) };
    provider.fetch = fetchSpy;
    provider.storage = memoryStorage();
    const request = document.createElement('playgate-permission-request');
    const prompt = document.createElement('playgate-consent-prompt');
    prompt.storage = memoryStorage();
    provider.append(request, prompt);
    const ready = next(provider, 'playgate-ready');
    document.body.append(provider);
    expect((await ready).detail.kid).to.equal('active');

    // The permission: its row, then the game's upgrade, then the grant, from the element used.
    await waitFor(() => request.shadowRoot?.querySelector('[data-permission="chat"] [part="action"]') !== null, 'the row for chat');
    const granted = next(request, 'playgate-permission-granted');
    request.shadowRoot?.querySelector<HTMLButtonElement>('[data-permission="chat"] [part="action"]')?.click();
    expect((await granted).detail.permissions).to.deep.equal(['chat']);
    expect(permissionCalls.filter((call) => call.startsWith('upgrade'))).to.deep.equal(['upgrade own-1 chat']);
    await waitFor(() => request.shadowRoot?.querySelector('[data-permission="chat"]')?.getAttribute('data-state') === 'on', 'the row to read on');

    // The consent round: asked by the game's sign-in, read, accepted, sent with the retried call.
    const accepted: string[][] = [];
    prompt.addEventListener('playgate-consent-accepted', (event) => accepted.push(event.detail.pageIds));
    const completed = next(prompt, 'playgate-consent-completed');
    const player = provider.identify({ type: 'own', data: { ticket: 't' } });
    await acceptRounds(prompt, 1);
    expect((await player).displayName).to.equal('Robin');
    expect((await completed).detail.rounds).to.equal(1);
    expect(accepted).to.deep.equal([['own-terms']]);
    expect(consentCalls).to.deep.equal(['identify own []', 'getDocument', 'sign', 'identify own [own-terms]']);
    expect(seen, 'no request reached a vendor').to.deep.equal([]);

    // A framework writing the same ports anew on each render keeps the runtime (and its sign-in, its rounds).
    const runtime = provider.playgate;
    provider.ports = { ...provider.ports };
    provider.challengeWait = { ...provider.challengeWait };
    await provider.updateComplete;
    expect(provider.playgate, 'the same runtime').to.equal(runtime);
  });
});
