import type * as z from 'zod/mini';
import { cookieAuth, type SecretSource } from '../../http/auth.js';
import { HttpClient, type HttpClientOptions } from '../../http/client.js';
import { delay } from '../../http/timing.js';
import { isPlaygateError, PlaygateError } from '../../model/error.js';
import type {
  AgeCheckResult,
  AgeGateRequirements,
  AgeVerification,
  AgeVerificationStatus,
  Challenge,
  ChallengeResult,
  OneTimeCode,
  Permission,
  Session,
  SessionRead,
  UpgradeResult,
} from '../../model/permissions.js';
import type { AgeInput, CallOptions, PermissionsPort } from '../../model/ports.js';
import { decodeKidError, decodeKidSessionError } from './errors.js';
import { GameServerLedger } from './game-server-ledger.js';
import { toChallenge, toOneTimeCode, toRequirements, toSession, unwrapSession } from './mapping.js';
import {
  KidAgeCheckBody,
  KidChallengeBody,
  KidChallengeStatusBody,
  KidOtpBody,
  KidRequirementsBody,
  KidSessionBody,
  KidUpgradeBody,
  KidVerificationBody,
  KidVerificationStatusBody,
} from './wire.js';

/**
 * The browser's time zone, which the game's proxy may use to decide the jurisdiction (k-ID:
 * decided on the server). A query parameter the proxy reads and never passes on.
 */
function timeZoneHint(): Record<string, string> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZone ? { timeZone } : {};
}

export interface KidBackendOptions extends Omit<HttpClientOptions, 'auth' | 'decodeError' | 'name'> {
  /** Between reads of a session k-ID just made that does not read yet (three more tries). Default 1 s. */
  newSessionWaitMs?: number;
  /**
   * The game's own k-ID proxy (never k-ID itself: the API key is server-only). The
   * browser's cookies go along; `token` adds a bearer for games that use one.
   */
  baseUrl: string;
  token?: SecretSource;
}

/** The permissions port over k-ID, reached through the game's proxy. */
export class KidBackend implements PermissionsPort {
  readonly vendor = 'k-id';
  readonly ledger: GameServerLedger;
  private readonly http: HttpClient;
  private readonly newSessionWaitMs: number;
  private readonly newSessionTries = 3;

  constructor(options: KidBackendOptions) {
    this.newSessionWaitMs = options.newSessionWaitMs ?? 1000;
    this.http = new HttpClient({ ...options, name: 'k-ID', auth: cookieAuth(options.token), decodeError: decodeKidError });
    // The proxy's own routes, beside k-ID's: same address, same sign-in, same error shape.
    this.ledger = new GameServerLedger(this.http);
  }

  async getAgeGateRequirements(jurisdiction: string, options?: CallOptions): Promise<AgeGateRequirements> {
    return toRequirements(await this.http.json({ ...options, path: 'age-gate/get-requirements', query: { jurisdiction, ...timeZoneHint() }, schema: KidRequirementsBody }));
  }

  async checkAge(input: AgeInput & { jurisdiction: string }, options?: CallOptions): Promise<AgeCheckResult> {
    // Sending both age fields is a 400; the type already forbids it, this keeps JS callers honest.
    const body = input.dateOfBirth !== undefined
      ? { jurisdiction: input.jurisdiction, dateOfBirth: input.dateOfBirth }
      : { jurisdiction: input.jurisdiction, age: input.age };
    const answer = await this.http.json({ ...options, method: 'POST', path: 'age-gate/check', query: timeZoneHint(), body, schema: KidAgeCheckBody });
    if (answer.status === 'PROHIBITED') return { status: 'PROHIBITED' };
    const session = await this.completeSession(answer.session, options);
    if (answer.status === 'PASS') return { status: 'PASS', session };
    if (!answer.challenge) throw missing('challenge', 'age-gate/check');
    const challenge = toChallenge(answer.challenge);
    // Limited access while a parent decides: the reduced permissions come with no session id, and none is made up.
    const limited = !session && answer.session?.permissions ? { limitedPermissions: answer.session.permissions.filter((p) => p.enabled).map((p) => p.name) } : {};
    return { status: 'CHALLENGE', challenge: { ...challenge, ...limited }, session };
  }

  async getSession(sessionId: string, options?: CallOptions & { etag?: string }): Promise<SessionRead> {
    const result = await this.http.request({
      ...options,
      path: 'session/get',
      query: { sessionId },
      etagParam: 'etag',
      schema: KidSessionBody,
      decodeError: decodeKidSessionError,
    });
    if (result.notModified) return { changed: false };
    return { changed: true, session: toSession(unwrapSession(result.data)) };
  }

  async upgrade(sessionId: string, permissions: ReadonlyArray<string | Permission>, options?: CallOptions): Promise<UpgradeResult> {
    const asked = permissions.map((p) => (typeof p === 'string' ? { name: p } : p));
    // k-ID refuses a mix (400), and an age check is not a parent's consent: one kind per request.
    const checked = asked.filter((p) => 'verifiedAgeThreshold' in p && p.verifiedAgeThreshold !== undefined).length;
    if (checked && checked < asked.length) throw new PlaygateError({ kind: 'bad_request', message: 'Ask for age-checked features alone' });
    const body = { sessionId, requestedPermissions: asked.map(({ name }) => ({ name })) };
    const answer = await this.http.json({ ...options, method: 'POST', path: 'session/upgrade', body, schema: KidUpgradeBody });
    if (answer.status === 'CHALLENGE') {
      if (!answer.challenge) throw missing('challenge', 'session/upgrade');
      return { status: 'CHALLENGE', challenge: toChallenge(answer.challenge) };
    }
    // The result lives in `session.permissions`; when it is left out, read it back.
    if (answer.session) return { status: 'PASS', session: toSession(answer.session) };
    const read = await this.getSession(sessionId, options);
    if (!read.changed) throw missing('session', 'session/upgrade');
    return { status: 'PASS', session: read.session };
  }

  async getChallenge(challengeId: string, options?: CallOptions): Promise<Challenge> {
    const body = await this.http.json({ ...options, path: 'challenge/get', query: { challengeId }, schema: KidChallengeBody });
    return toChallenge('challenge' in body ? body.challenge : body);
  }

  async getChallengeStatus(challengeId: string, options?: CallOptions): Promise<ChallengeResult> {
    const body = await this.http.json({ ...options, path: 'challenge/get-status', query: { challengeId }, schema: KidChallengeStatusBody });
    // The approver's email is the parent's personal data: the widget never needs it.
    return body.sessionId ? { status: body.status, sessionId: body.sessionId } : { status: body.status };
  }

  /** The legacy long poll (wire.md A.2); k-ID's current docs list only get-status. */
  async awaitChallenge(challengeId: string, timeoutSeconds: number, options?: CallOptions): Promise<ChallengeResult> {
    const query = { challengeId, timeout: String(Math.round(timeoutSeconds)) };
    const body = await this.http.json({
      ...options,
      path: 'challenge/await',
      query,
      schema: KidChallengeStatusBody,
      // No such endpoint here (a 404 from k-ID or the proxy's allow-list): say so, apart from a gone challenge (400 NOT_FOUND).
      decodeError: (response, generic) => {
        const decoded = decodeKidError(response, generic);
        return response.status === 404 || response.status === 405 ? { ...decoded, kind: 'unsupported' } : decoded;
      },
    });
    return body.sessionId ? { status: body.status, sessionId: body.sessionId } : { status: body.status };
  }

  async sendParentEmail(challengeId: string, email?: string, options?: CallOptions): Promise<void> {
    const body = email === undefined || email === '' ? { challengeId } : { challengeId, email };
    await this.http.request({ ...options, method: 'POST', path: 'challenge/send-email', body });
  }

  /** An unverified adult proving they are one. The proxy decides the jurisdiction; the time zone is its hint. */
  async startAgeVerification({ sessionId, jurisdiction }: { sessionId?: string; jurisdiction?: string }, options?: CallOptions): Promise<AgeVerification> {
    const body = { ...(sessionId ? { sessionId } : {}), ...(jurisdiction ? { jurisdiction } : {}), criteria: { ageCategory: 'ADULT' } };
    const answer = await this.http.json({ ...options, method: 'POST', path: 'age-verification/perform-access-age-verification', query: timeZoneHint(), body, schema: KidVerificationBody });
    return { verificationId: answer.id, url: answer.url };
  }

  async getAgeVerificationStatus(verificationId: string, options?: CallOptions): Promise<AgeVerificationStatus> {
    // k-ID's parameter is `id` (`verificationId` is a 400).
    const { status } = await this.http.json({ ...options, path: 'age-verification/get-status', query: { id: verificationId }, schema: KidVerificationStatusBody });
    return status === 'PASS' || status === 'FAIL' ? status : 'PENDING';
  }

  async refreshOneTimeCode(challengeId: string, options?: CallOptions): Promise<OneTimeCode> {
    const body = await this.http.json({ ...options, method: 'POST', path: 'challenge/generate-otp', body: { challengeId }, schema: KidOtpBody });
    return toOneTimeCode(body);
  }

  /** A first consent's PASS names its new session, or not (wire.md A.3): then the age gate is asked again. */
  async consentedSession({ sessionId, asked }: { sessionId?: string; asked: AgeInput & { jurisdiction: string } }, options?: CallOptions): Promise<Session> {
    if (sessionId) return this.readNew(sessionId, options);
    const again = await this.checkAge(asked, options);
    if (again.status === 'PROHIBITED' || !again.session) throw missing('session', 'age-gate/check');
    return again.session;
  }

  /** An age-gate PASS may carry a whole session, only its id, or nothing at all. */
  private async completeSession(wire: z.infer<typeof KidAgeCheckBody>['session'], options?: CallOptions) {
    if (!wire?.sessionId) return undefined;
    if (wire.permissions) return toSession({ ...wire, sessionId: wire.sessionId, permissions: wire.permissions });
    return this.readNew(wire.sessionId, options);
  }

  /** A session k-ID just made may read as missing (404) for a second or two while it propagates. */
  private async readNew(sessionId: string, options?: CallOptions): Promise<Session> {
    for (let attempt = 1; ; attempt++) {
      try {
        const read = await this.getSession(sessionId, options);
        if (!read.changed) throw missing('session', 'session/get');
        return read.session;
      } catch (error) {
        if (!isPlaygateError(error, 'session_deleted') || attempt > this.newSessionTries) throw error;
        await delay(this.newSessionWaitMs, options?.signal ?? new AbortController().signal);
      }
    }
  }
}

function missing(field: string, path: string): PlaygateError {
  return new PlaygateError({ kind: 'invalid_response', message: `k-ID ${path} answered without ${field}`, path: field });
}
