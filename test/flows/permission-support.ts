import { pendingChallenge, type PendingChallenge } from '../../src/flows/pending-challenge.js';
import { PermissionRequests, type RequestEvent, type RequestState } from '../../src/flows/permission-requests.js';
import { SessionStore } from '../../src/flows/session-store.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { ManualTimers } from '../../src/flows/timers.js';
import { PlaygateError } from '../../src/model/error.js';
import type { AgeCheckResult, AgeGateRequirements, Challenge, ChallengeResult, Permission, Session, UpgradeResult } from '../../src/model/permissions.js';
import type { AgeInput, PermissionsPort } from '../../src/model/ports.js';
import { reply, type Reply, T0, SESSION_KEY } from './support.js';

// The permission requests' world for flow tests: a session, and a fake k-ID port.

export const s1: Session = {
  sessionId: 's1',
  status: 'ACTIVE',
  etag: 'e1',
  ageStatus: 'DIGITAL_MINOR',
  permissions: [
    { name: 'text-chat', enabled: false, managedBy: 'PLAYER' },
    { name: 'voice-chat', enabled: false, managedBy: 'GUARDIAN' },
    { name: 'gambling', enabled: false, managedBy: 'PROHIBITED' },
    { name: 'mature-content', enabled: false, managedBy: 'GUARDIAN', verifiedAgeThreshold: 18 },
  ],
};
export const turnOn = (session: Session, names: readonly string[], etag: string): Session => ({
  ...session,
  etag,
  permissions: session.permissions.map((p) => (names.includes(p.name) ? { ...p, enabled: true } : p)),
});
export const challenge = (challengeId: string, type = 'CHALLENGE_SESSION_UPGRADE', purpose: Challenge['purpose'] = 'parent'): Challenge => ({ challengeId, type, purpose, oneTimePassword: '123456' });
export const notFound = () => new PlaygateError({ kind: 'not_found', message: 'gone', status: 404 });

/**
 * k-ID as far as these flows go: sessions it holds (read with etags), and queued answers
 * for the other calls. No long poll, so the wait polls status. Unscripted calls fail loudly.
 */
export function fakePort(timers: ManualTimers) {
  const sessions = new Map<string, Session>([['s1', s1]]);
  const calls = { consented: [] as unknown[], asked: [] as Array<ReadonlyArray<string | Permission>>, getSession: [] as string[], upgrade: [] as Array<{ sessionId: string; names: string[] }>, getChallenge: [] as string[], status: [] as string[], ageGate: [] as string[], checkAge: [] as Array<AgeInput & { jurisdiction: string }> };
  const upgrades: Array<Reply<UpgradeResult>> = [];
  const challenges: Array<Reply<Challenge>> = [];
  const statuses: Array<Reply<ChallengeResult>> = [];
  const ageChecks: Array<Reply<AgeCheckResult>> = [];
  const consented: Array<Reply<Session>> = [];
  const requirements: AgeGateRequirements = { shouldDisplay: true, digitalConsentAge: 13, methods: { dateOfBirth: true, age: true } };
  const unscripted = (call: string) => Promise.reject(new Error(`unscripted ${call}`));
  const port: PermissionsPort = {
    getSession(sessionId, options) {
      calls.getSession.push(sessionId);
      const session = sessions.get(sessionId);
      if (!session) return Promise.reject(new PlaygateError({ kind: 'session_deleted', message: 'no session', status: 404 }));
      return Promise.resolve(options?.etag === session.etag ? { changed: false } : { changed: true, session });
    },
    upgrade(sessionId, asked) {
      calls.asked.push(asked);
      calls.upgrade.push({ sessionId, names: asked.map((p) => (typeof p === 'string' ? p : p.name)) });
      return upgrades.length ? reply(upgrades.shift()!) : unscripted('upgrade');
    },
    getChallenge(challengeId) {
      calls.getChallenge.push(challengeId);
      return challenges.length ? reply(challenges.shift()!) : unscripted('getChallenge');
    },
    getChallengeStatus(challengeId) {
      calls.status.push(`${challengeId}@${String(timers.now() - T0)}`);
      return reply(statuses.shift() ?? { status: 'PENDING' });
    },
    getAgeGateRequirements(jurisdiction) {
      calls.ageGate.push(jurisdiction);
      return Promise.resolve(requirements);
    },
    checkAge(input) {
      calls.checkAge.push(input);
      return ageChecks.length ? reply(ageChecks.shift()!) : unscripted('checkAge');
    },
    consentedSession(answer) {
      calls.consented.push(answer);
      return consented.length ? reply(consented.shift()!) : unscripted('consentedSession');
    },
    sendParentEmail: () => unscripted('sendParentEmail'),
    refreshOneTimeCode: () => unscripted('refreshOneTimeCode'),
  };
  return { port, sessions, calls, upgrades, challenges, statuses, ageChecks, consented, requirements };
}

export function setupRequests(opts: { sessionId?: string | undefined; pending?: PendingChallenge; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const timers = new ManualTimers(T0);
  const storage = opts.storage ?? memoryStorage();
  const sessionId = 'sessionId' in opts ? opts.sessionId : 's1';
  if (sessionId) storage.set(SESSION_KEY, sessionId);
  if (opts.pending) pendingChallenge.write(storage, opts.pending);
  const fake = fakePort(timers);
  const store = new SessionStore({ permissions: fake.port, storage, timers });
  const requests = new PermissionRequests({ port: fake.port, store, storage, timers, isVisible: () => true });
  const states: RequestState[] = [];
  const events: RequestEvent[] = [];
  requests.subscribe((state, event) => {
    states.push(state);
    if (event) events.push(event);
  });
  return { timers, storage, fake, store, requests, states, events };
}

