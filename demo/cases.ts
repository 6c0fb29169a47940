// The documented vendor answers (wire.md), each paired with the adapter call that meets it.
import { ElementsBackend, KidBackend, NodecraftBackend } from '../src/backends/index.js';
import * as el from '../test/fixtures/elements.js';
import * as kid from '../test/fixtures/kid.js';
import * as nc from '../test/fixtures/nodecraft.js';

export interface Case {
  vendor: 'k-ID' | 'Nodecraft' | 'Elements';
  title: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
  run(fetch: typeof globalThis.fetch): Promise<unknown>;
}

const BASE = 'https://backend.example.test/';
const kidBackend = (fetch: typeof globalThis.fetch) => new KidBackend({ baseUrl: `${BASE}api/kid/`, fetch, retry: { attempts: 0 } });
const ncBackend = (fetch: typeof globalThis.fetch) =>
  new NodecraftBackend({ baseUrl: `${BASE}nodecraft/v1/`, fetch, gameToken: () => 'game-token', playerToken: () => 'player-token', retry: { attempts: 0 } });
const elBackend = (fetch: typeof globalThis.fetch) => {
  const backend = new ElementsBackend({ baseUrl: `${BASE}api/rest/`, fetch, retry: { attempts: 0 } });
  backend.adopt('session-secret');
  return backend;
};
const body = (value: unknown) => JSON.stringify(value, null, 2);
const join = { kind: 'join', serverId: 'srv-1' } as const;
const ident = { kind: 'ident', identType: 'steam' } as const;

export const CASES: Case[] = [
  { vendor: 'k-ID', title: 'Read a session ({session, status} body)', status: 200, body: body(kid.sessionBody), run: (f) => kidBackend(f).getSession('608616da') },
  { vendor: 'k-ID', title: 'Read a session (bare body, older sample)', status: 200, body: body(kid.bareSessionBody), run: (f) => kidBackend(f).getSession('608616da') },
  { vendor: 'k-ID', title: 'Session unchanged (304 with etag)', status: 304, body: '', run: (f) => kidBackend(f).getSession('608616da', { etag: '6d9d24' }) },
  { vendor: 'k-ID', title: 'Deleted session (400 NOT_FOUND)', status: 400, body: body(kid.errors.notFound), run: (f) => kidBackend(f).getSession('gone') },
  { vendor: 'k-ID', title: 'Upgrade a PLAYER-managed permission', status: 200, body: body({ status: 'PASS', session: kid.childSession }), run: (f) => kidBackend(f).upgrade('c41d-0001', ['text-chat-public']) },
  { vendor: 'k-ID', title: 'Upgrade a GUARDIAN-managed permission', status: 200, body: body({ status: 'CHALLENGE', challenge: kid.upgradeChallenge }), run: (f) => kidBackend(f).upgrade('c41d-0001', ['voice-chat']) },
  { vendor: 'k-ID', title: 'Challenge approved, no sessionId', status: 200, body: body({ status: 'PASS' }), run: (f) => kidBackend(f).getChallengeStatus('683409f1') },
  { vendor: 'k-ID', title: 'Parent email with none on file', status: 400, body: body(kid.errors.invalidEmail), run: (f) => kidBackend(f).sendParentEmail('683409f1') },
  { vendor: 'k-ID', title: 'Rate limited (429, Retry-After)', status: 429, headers: { 'Retry-After': '30' }, body: body(kid.errors.rateLimited), run: (f) => kidBackend(f).upgrade('c41d-0001', ['voice-chat']) },
  { vendor: 'Nodecraft', title: 'Player Ident succeeds', status: 200, body: body(nc.identSuccess), run: (f) => ncBackend(f).identify(nc.identRequest) },
  { vendor: 'Nodecraft', title: 'Player Ident: terms outdated (409)', status: 409, body: body(nc.conflict('consents.game_outdated', 'legal')), run: (f) => ncBackend(f).identify(nc.identRequest) },
  { vendor: 'Nodecraft', title: 'Game legal documents', status: 200, body: body(nc.gameLegal), run: (f) => ncBackend(f).getDocument({ scope: 'game', state: 'missing', type: 'legal', action: ident }) },
  { vendor: 'Nodecraft', title: 'Server rules from Get Server', status: 200, body: body(nc.server), run: (f) => ncBackend(f).getDocument({ scope: 'server', state: 'missing', type: 'rules', action: join }) },
  { vendor: 'Nodecraft', title: 'Server Join: server rules missing (409)', status: 409, body: body(nc.conflict('consents.server_missing', 'rules')), run: (f) => ncBackend(f).joinServer('srv-1') },
  { vendor: 'Elements', title: 'Sign in (SessionCreation)', status: 200, body: body(el.sessionCreation), run: (f) => new ElementsBackend({ baseUrl: `${BASE}api/rest/`, fetch: f }).signIn({ userId: 'skypilot', password: '••••' }) },
  { vendor: 'Elements', title: 'Expired sign-in (403 FORBIDDEN)', status: 403, body: body({ code: 'FORBIDDEN', message: 'Session not valid.' }), run: (f) => elBackend(f).currentProfile() },
  { vendor: 'Elements', title: 'Truncated JSON', status: 200, body: '{"id":"prof-1","displayName":"Sky', run: (f) => elBackend(f).currentProfile() },
];
