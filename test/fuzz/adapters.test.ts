// Every endpoint the three adapters call, answered with generated bodies (bodies.ts):
// each call resolves with a checked value or rejects with a typed PlaygateError, and
// nothing else escapes (no TypeError, no uncaught error, no unhandled rejection).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ElementsBackend } from '../../src/backends/elements/elements-backend.js';
import { KidBackend } from '../../src/backends/kid/kid-backend.js';
import { NodecraftBackend } from '../../src/backends/nodecraft/nodecraft-backend.js';
import type { ConsentDocument, ConsentRequirement } from '../../src/model/consent.js';
import { isPlaygateError } from '../../src/model/error.js';
import { answering, answers, escapes, fuzzSettings } from './bodies.js';

// No waiting between attempts, and no Retry-After honoured: the answers, not the clock, are under test.
const retry = { baseDelayMs: 0, maxRetryAfterSeconds: 0 };
const base = 'https://vendor.test/';
const kid = (fetch: typeof globalThis.fetch) => new KidBackend({ baseUrl: base, fetch, retry, token: () => 'bearer' });
const nodecraft = (fetch: typeof globalThis.fetch) => new NodecraftBackend({ baseUrl: base, fetch, retry, gameToken: () => 'game-token', playerToken: () => 'player-token' });
const elements = (fetch: typeof globalThis.fetch, signedIn = false) => {
  const backend = new ElementsBackend({ baseUrl: base, fetch, retry });
  if (signedIn) backend.adopt('secret');
  return backend;
};

const legal: ConsentRequirement = { scope: 'game', state: 'missing', type: 'legal', action: { kind: 'ident' } };
const serverRules: ConsentRequirement = { scope: 'server', state: 'outdated', type: 'rules', action: { kind: 'join', serverId: 'srv-1' } };
const document: ConsentDocument = { type: 'legal', content: 'Terms', pages: [{ pageId: 'legal-game', pageContentId: 'v1' }] };
const ident = { type: 'steam', data: { ticket: 't' } };

const ENDPOINTS: Record<string, (fetch: typeof globalThis.fetch) => Promise<unknown>> = {
  'k-ID age-gate/get-requirements': (f) => kid(f).getAgeGateRequirements('US-CA'),
  'k-ID age-gate/check': (f) => kid(f).checkAge({ dateOfBirth: '2015-01-01', jurisdiction: 'US-CA' }),
  'k-ID session/get': (f) => kid(f).getSession('session-1'),
  'k-ID session/get with an etag': (f) => kid(f).getSession('session-1', { etag: '"3"' }),
  'k-ID session/upgrade': (f) => kid(f).upgrade('session-1', ['voice-chat']),
  'k-ID challenge/get': (f) => kid(f).getChallenge('challenge-1'),
  'k-ID challenge/get-status': (f) => kid(f).getChallengeStatus('challenge-1'),
  'k-ID challenge/await': (f) => kid(f).awaitChallenge('challenge-1', 1),
  'k-ID challenge/send-email': (f) => kid(f).sendParentEmail('challenge-1', 'parent@example.com'),
  'k-ID challenge/generate-otp': (f) => kid(f).refreshOneTimeCode('challenge-1'),
  'Nodecraft ident': (f) => nodecraft(f).identify(ident),
  'Nodecraft ident with accepted terms': (f) => nodecraft(f).identify(ident, [document]),
  'Nodecraft server join': (f) => nodecraft(f).joinServer('srv-1'),
  'Nodecraft game consents': (f) => nodecraft(f).getDocument(legal),
  'Nodecraft player consents': (f) => nodecraft(f).getDocument(serverRules),
  'Nodecraft outstanding consents': (f) => nodecraft(f).outstanding({ kind: 'join', serverId: 'srv-1' }),
  'Nodecraft sign': (f) => nodecraft(f).sign(serverRules, document),
  'Elements sign-in': (f) => elements(f).signIn({ userId: 'sam', password: 'playgate' }),
  'Elements sign-up': (f) => elements(f).signUp({ name: 'sam', password: 'playgate' }),
  'Elements sign-in with an id token': (f) => elements(f).signInWithIdToken('a.b.c'),
  'Elements current profile': (f) => elements(f, true).currentProfile(),
  'Elements sign-out': (f) => elements(f, true).signOut(),
};

describe('fuzz: every adapter endpoint, generated answers', () => {
  const watch = escapes();
  let settings = { seed: 0, runs: 0 };

  before(async () => {
    settings = await fuzzSettings();
    watch.start();
  });

  after(() => {
    expect(watch.stop(), 'uncaught errors and unhandled rejections').to.deep.equal([]);
  });

  for (const [name, call] of Object.entries(ENDPOINTS)) {
    it(`${name}: a checked value or a typed error, whatever comes back`, async function () {
      this.timeout(120_000);
      await fc.assert(
        fc.asyncProperty(answers, async (answer) => {
          const outcome = await call(answering(answer)).then(
            () => undefined,
            (error: unknown) => error,
          );
          if (outcome !== undefined && !isPlaygateError(outcome)) {
            throw new Error(`${answer.kind} (HTTP ${String(answer.status)}) escaped as ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : JSON.stringify(outcome)}: ${answer.body.slice(0, 200)}`);
          }
        }),
        { seed: settings.seed, numRuns: settings.runs },
      );
    });
  }
});
