import type { Clock } from '../clock.js';
import { oneTimeCode, randomHex } from '../clock.js';
import type { EmulatorConfig } from '../config.js';
import { ageStatusFor, managedByFor, PERMISSIONS, permissionDefinition, PRODUCT, type ManagedBy } from '../world.js';

export type ChallengeType = 'CHALLENGE_PARENTAL_CONSENT' | 'CHALLENGE_SESSION_UPGRADE' | 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE';
export type ChallengeState = 'PENDING' | 'IN_PROGRESS' | 'PASS' | 'FAIL';

export interface EmuSession {
  sessionId: string;
  jurisdiction: string;
  /** The emulator knows the real age; k-ID shows only `ageStatus`. */
  age: number;
  dateOfBirth?: string;
  kuid?: string;
  /** The highest age verified by age assurance, if any. */
  verifiedAge?: number;
  enabled: Set<string>;
  version: number;
  deleted: boolean;
  /** Who this session belongs to in the emulator's world (a scenario player). */
  player?: string;
  /**
   * An adult who has not proved it yet gets a minor's defaults (wire.md A.7); the session
   * then carries `ageCategory` and `ageVerificationStatus`. Unset: neither field is sent.
   */
  ageVerification?: 'unverified' | 'verified';
}

export interface EmuChallenge {
  challengeId: string;
  type: ChallengeType;
  state: ChallengeState;
  otp: string;
  otpExpiresAt: number;
  /** Proof carried by the email link, which outlives the OTP (two weeks at k-ID). */
  emailToken: string;
  purpose:
    | { kind: 'age-gate'; jurisdiction: string; age: number; dateOfBirth?: string }
    | { kind: 'upgrade'; sessionId: string; permissions: string[] };
  resultSessionId?: string;
  approverEmail?: string;
  lastPolledAt?: number;
}

export interface SentEmail {
  to: string;
  challengeId: string;
  link: string;
  at: number;
}

export type KidWebhook = {
  eventType: 'Challenge.StateChange' | 'Session.ChangePermissions' | 'Session.Delete' | 'Verification.Result';
  data: Record<string, unknown>;
};

/** An age verification the player started (`/age-verification/*`), or an age-assurance challenge's. */
export interface EmuVerification {
  id: string;
  sessionId?: string;
  jurisdiction: string;
  /** The age to prove: an adult, or at least `age`. */
  minimumAge: number;
  state: 'PENDING' | 'PASS' | 'FAIL';
}

/** The age an unverified adult is treated as: a minor's, so they get a minor's defaults. */
const MINOR_DEFAULTS_AGE = 12;

/** k-ID's state: sessions, challenges and what parents have on file. */
export class KidState {
  readonly sessions = new Map<string, EmuSession>();
  readonly challenges = new Map<string, EmuChallenge>();
  readonly verifications = new Map<string, EmuVerification>();
  readonly outbox: SentEmail[] = [];
  /** The adult who most recently approved: `send-email` without an address goes there. */
  emailOnFile: string | undefined;
  private waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly clock: Clock,
    private readonly config: EmulatorConfig,
    private readonly emit: (event: KidWebhook) => void,
  ) {}

  createSession(init: { age: number; jurisdiction: string; dateOfBirth?: string; kuid?: string; player?: string; sessionId?: string; enabled?: string[]; ageVerification?: 'unverified' }): EmuSession {
    const session: EmuSession = {
      sessionId: init.sessionId ?? crypto.randomUUID(),
      jurisdiction: init.jurisdiction,
      age: init.age,
      ...(init.dateOfBirth ? { dateOfBirth: init.dateOfBirth } : {}),
      ...(init.kuid ? { kuid: init.kuid } : {}),
      ...(init.player ? { player: init.player } : {}),
      ...(init.ageVerification ? { ageVerification: init.ageVerification } : {}),
      enabled: new Set(init.enabled ?? []),
      version: 1,
      deleted: false,
    };
    this.sessions.set(session.sessionId, session);
    return session;
  }

  /** A live session, or undefined when it never existed or was deleted. */
  live(sessionId: string | undefined): EmuSession | undefined {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    return session && !session.deleted ? session : undefined;
  }

  managedBy(session: EmuSession, name: string): ManagedBy {
    const definition = permissionDefinition(name);
    const age = session.ageVerification === 'unverified' ? MINOR_DEFAULTS_AGE : session.age;
    return definition ? managedByFor(definition, age, session.jurisdiction) : 'PROHIBITED';
  }

  /** What a minor may use while a parent decides (limited access): nothing that needs consent is on. */
  limitedPermissions(age: number, jurisdiction: string) {
    return PERMISSIONS.map((definition) => ({ name: definition.name, enabled: false, managedBy: managedByFor(definition, age, jurisdiction) }));
  }

  /** Opaque, and new on every change. */
  etag(session: EmuSession): string {
    let hash = 0x811c9dc5;
    for (const ch of `${session.sessionId}:${String(session.version)}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return hash.toString(16).padStart(8, '0');
  }

  /** The session as k-ID sends it. */
  toWire(session: EmuSession) {
    return {
      sessionId: session.sessionId,
      status: 'ACTIVE',
      etag: this.etag(session),
      jurisdiction: session.jurisdiction,
      ...(session.dateOfBirth ? { dateOfBirth: session.dateOfBirth } : {}),
      ageStatus: ageStatusFor(session.age, session.jurisdiction),
      ...(session.kuid ? { kuid: session.kuid } : {}),
      ...(session.ageVerification ? { ageCategory: 'adult', ageVerificationStatus: session.ageVerification } : {}),
      allowances: [],
      permissions: PERMISSIONS.map((definition) => {
        const managedBy = this.managedBy(session, definition.name);
        return {
          name: definition.name,
          enabled: managedBy !== 'PROHIBITED' && session.enabled.has(definition.name),
          managedBy,
          ...(definition.verifiedAgeThreshold === undefined ? {} : { verifiedAgeThreshold: definition.verifiedAgeThreshold }),
        };
      }),
    };
  }

  touch(session: EmuSession): void {
    session.version += 1;
    // Enabled flags of features that became prohibited do not survive.
    for (const name of session.enabled) if (this.managedBy(session, name) === 'PROHIBITED') session.enabled.delete(name);
  }

  createChallenge(type: ChallengeType, purpose: EmuChallenge['purpose']): EmuChallenge {
    const challenge: EmuChallenge = {
      challengeId: crypto.randomUUID(),
      type,
      state: 'PENDING',
      otp: oneTimeCode(),
      otpExpiresAt: this.clock.now() + this.config.otpTtlMs,
      emailToken: randomHex(16),
      purpose,
    };
    this.challenges.set(challenge.challengeId, challenge);
    return challenge;
  }

  refreshOtp(challenge: EmuChallenge): void {
    challenge.otp = oneTimeCode();
    challenge.otpExpiresAt = this.clock.now() + this.config.otpTtlMs;
  }

  /** The challenge a live (unexpired) OTP belongs to. */
  byOtp(otp: string): EmuChallenge | undefined {
    const wanted = otp.trim().toUpperCase();
    for (const challenge of this.challenges.values()) {
      if (challenge.otp === wanted) return challenge.otpExpiresAt > this.clock.now() ? challenge : undefined;
    }
    return undefined;
  }

  /** The parent opened the request: k-ID reports IN_PROGRESS from then on. */
  opened(challenge: EmuChallenge): void {
    if (challenge.state !== 'PENDING') return;
    challenge.state = 'IN_PROGRESS';
    this.changed(challenge);
  }

  decide(challenge: EmuChallenge, approve: boolean, approverEmail?: string): void {
    if (challenge.state === 'PASS' || challenge.state === 'FAIL') return;
    challenge.state = approve ? 'PASS' : 'FAIL';
    if (approve) {
      if (approverEmail) {
        challenge.approverEmail = approverEmail;
        this.emailOnFile = approverEmail;
      }
      challenge.resultSessionId = this.apply(challenge);
    }
    this.changed(challenge);
  }

  /** What an approval does: a first session, new permissions, or a verified age. */
  private apply(challenge: EmuChallenge): string | undefined {
    const { purpose } = challenge;
    if (purpose.kind === 'age-gate') {
      const session = this.createSession({ ...purpose, kuid: String(100000 + this.sessions.size) });
      return session.sessionId;
    }
    const session = this.live(purpose.sessionId);
    if (!session) return undefined;
    if (challenge.type === 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE') session.verifiedAge = session.age;
    // The switch for honest outcomes: a PASS after which the permission is still off.
    if (!this.config.passLeavesPermissionsOff) for (const name of purpose.permissions) session.enabled.add(name);
    this.touch(session);
    return session.sessionId;
  }

  private changed(challenge: EmuChallenge): void {
    const status = challenge.state;
    this.emit({
      eventType: 'Challenge.StateChange',
      data: {
        id: challenge.challengeId,
        productId: PRODUCT.productId,
        status,
        ...(status === 'PASS' && challenge.resultSessionId && !this.config.omitSessionIdOnPass ? { sessionId: challenge.resultSessionId } : {}),
        ...(status === 'PASS' && challenge.approverEmail ? { approverEmail: challenge.approverEmail } : {}),
      },
    });
    for (const wake of this.waiters.get(challenge.challengeId) ?? []) wake();
    this.waiters.delete(challenge.challengeId);
  }

  /**
   * A parent already consented for this player's age gate: asking again with the same age
   * gives that session (how a PASS that named no session is completed, wire.md A.3).
   */
  consentedSession(jurisdiction: string, age: number, dateOfBirth?: string): EmuSession | undefined {
    for (const challenge of this.challenges.values()) {
      const { purpose } = challenge;
      if (challenge.state !== 'PASS' || purpose.kind !== 'age-gate' || !challenge.resultSessionId) continue;
      if (purpose.jurisdiction !== jurisdiction || purpose.age !== age || (dateOfBirth !== undefined && purpose.dateOfBirth !== dateOfBirth)) continue;
      const session = this.live(challenge.resultSessionId);
      if (session) return session;
    }
    return undefined;
  }

  /** Resolves when the challenge changes, or after `ms`: a long poll. */
  waitForChange(challengeId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.get(challengeId)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      const set = this.waiters.get(challengeId) ?? new Set();
      set.add(done);
      this.waiters.set(challengeId, set);
    });
  }
}
