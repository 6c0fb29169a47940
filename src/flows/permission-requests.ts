import { isPlaygateError, PlaygateError } from '../model/error.js';
import { Audience } from './audience.js';
import type { Challenge, ChallengeResult } from '../model/permissions.js';
import type { AgeInput, PermissionsPort } from '../model/ports.js';
import { ChallengeWait, type ChallengePush, type WaitMode } from './challenge-wait.js';
import { CodeRenewal } from './code-renewal.js';
import { pendingChallenge, type PendingChallenge } from './pending-challenge.js';
import type { SessionStore } from './session-store.js';
import { BY_PLAYER, BY_RULES, byAnswer, RequestStateHolder, type RequestState } from './request-state.js';
import type { KeyValueStorage } from './storage.js';
import type { Timers } from './timers.js';

export type { ChallengeProgress, EmailState, RequestEvent, RequestListener, RequestState } from './request-state.js';

export interface PermissionRequestsOptions {
  port: PermissionsPort;
  store: SessionStore;
  storage: KeyValueStorage;
  timers: Timers;
  isVisible(): boolean;
  push?: ChallengePush;
  /** Passed on to the wait, for tests and tuning. */
  wait?: { minIntervalMs?: number; maxIntervalMs?: number; longPollSeconds?: number };
}

/** A session read this recent (the watch reads every 30 s) is used as it is before an upgrade. */
const FRESH_ENOUGH_MS = 30_000;

/**
 * The player's side of asking a parent: upgrades (PLAYER-managed ones pass at once),
 * first consent through the age gate, and the wait for the parent's answer, which
 * survives a reload. One per provider, shared by every element, so the wait lives at
 * the top of the app and not in a panel. It waits only while some element is attached.
 */
export class PermissionRequests extends RequestStateHolder {
  private wait: ChallengeWait | undefined;
  /** The elements showing requests; the wait runs only while there is one. */
  readonly audience = new Audience();
  private retryStep: (() => Promise<void>) | undefined;
  private resuming = false;
  private readonly code: CodeRenewal;
  /** Ends the calls still out when the provider goes. */
  private readonly lifetime = new AbortController();

  constructor(private readonly options: PermissionRequestsOptions) {
    super();
    this.code = new CodeRenewal({
      port: options.port,
      timers: options.timers,
      isVisible: () => options.isVisible(),
      current: () => (this.current.state === 'waiting' && this.audience.size > 0 ? this.current.challenge : undefined),
      update: ({ challenge, error, clockTrusted }) => {
        const patch: Partial<Extract<RequestState, { state: 'waiting' }>> = {};
        if (challenge) patch.challenge = challenge;
        if (error) patch.codeError = error;
        if (clockTrusted === false) patch.codeClockTrusted = false;
        this.patchWaiting(patch, challenge !== undefined && error === undefined);
      },
    });
  }

  /** How the wait learns the answer now, for the UI's fine print and for tests. */
  get waitMode(): WaitMode | undefined {
    return this.wait?.mode;
  }

  /** An element that shows requests is on the page: resume a stored challenge, keep waiting. */
  attach(view: object): () => void {
    const leave = this.audience.join(view, undefined);
    if (this.audience.size === 1) this.resume();
    return () => {
      // Another element may take over showing the conversation.
      if (leave()) this.set(this.current);
      if (this.audience.size === 0) this.stopWaiting();
    };
  }

  visibilityChanged(): void {
    this.wait?.visibilityChanged();
    this.code.visibilityChanged();
  }

  /** The window has focus again, or the age check's frame said it is done (a hint): the wait asks soon. */
  wake = (): void => this.wait?.wake();

  /** Ask for features, from `origin` (the element the player used). */
  async request(permissions: readonly string[], { origin }: { origin?: object } = {}): Promise<void> {
    if (this.current.state === 'requesting' || this.current.state === 'waiting') return;
    this.audience.startedBy(origin);
    this.retryStep = () => this.request(permissions);
    this.set({ state: 'requesting', permissions });
    const { store, port } = this.options;
    try {
      // Who manages a feature may have changed since the row was drawn (age-up); a read
      // made within the watch's interval already says so.
      await store.refreshIfOlderThan(FRESH_ENOUGH_MS);
      const kid = store.snapshot.kid;
      if (kid.state !== 'active') throw kid.state === 'error' ? kid.error : new PlaygateError({ kind: 'session_deleted', message: 'No session to upgrade' });
      const wanted = kid.session.permissions.filter((p) => permissions.includes(p.name) && !p.enabled);
      if (wanted.length === 0) {
        this.grant(permissions, BY_RULES);
        return;
      }
      // What may be asked for, asked for as the session's permissions: the adapter knows which mixes its vendor refuses.
      const asked = wanted.filter((p) => p.managedBy !== 'PROHIBITED');
      if (asked.length === 0) {
        this.set({ state: 'idle' }, { type: 'denied', permissions, reason: 'prohibited', ...BY_RULES });
        return;
      }
      const names = asked.map((p) => p.name);
      const result = await port.upgrade(kid.session.sessionId, asked);
      if (result.status === 'PASS') {
        store.noteApproved(names);
        store.receive(result.session);
        this.conclude(names, result.session, BY_PLAYER);
        return;
      }
      const ageCheck = result.challenge.purpose === 'age-check' ? { ageCheck: true as const } : {};
      this.startWaiting({ kind: 'upgrade', challengeId: result.challenge.challengeId, permissions: names, ...ageCheck }, result.challenge, false);
    } catch (error) {
      this.failed(error, permissions);
    }
  }

  /** First consent (no session, or a revoked one): ask k-ID how to ask for the age. */
  async startAgeGate(jurisdiction: string, { origin }: { origin?: object } = {}): Promise<void> {
    this.audience.startedBy(origin);
    this.retryStep = () => this.startAgeGate(jurisdiction);
    this.set({ state: 'age-gate', jurisdiction, checking: true });
    try {
      const requirements = await this.options.port.getAgeGateRequirements(jurisdiction);
      this.set({ state: 'age-gate', jurisdiction, requirements, checking: false });
    } catch (error) {
      this.set({ state: 'age-gate', jurisdiction, checking: false, error: PlaygateError.from(error) });
    }
  }

  /** The player entered a date of birth or an age. */
  async checkAge(age: AgeInput): Promise<void> {
    const current = this.current;
    if (current.state !== 'age-gate' || current.checking) return;
    const { jurisdiction, requirements } = current;
    this.set({ state: 'age-gate', jurisdiction, checking: true, ...(requirements ? { requirements } : {}) });
    try {
      const answer = await this.options.port.checkAge({ ...age, jurisdiction });
      if (answer.status === 'PROHIBITED') {
        this.set({ state: 'prohibited' }, { type: 'denied', permissions: [], reason: 'prohibited', ...BY_RULES });
      } else if (answer.status === 'CHALLENGE') {
        this.startWaiting({ kind: 'consent', challengeId: answer.challenge.challengeId, jurisdiction, age }, answer.challenge, false);
      } else if (answer.session) {
        this.options.store.receive(answer.session, { justCreated: true });
        this.grant([], BY_PLAYER);
      } else {
        throw new PlaygateError({ kind: 'invalid_response', message: 'The age check passed without a session' });
      }
    } catch (error) {
      this.set({ state: 'age-gate', jurisdiction, checking: false, error: PlaygateError.from(error), ...(requirements ? { requirements } : {}) });
    }
  }

  /** Emails the request: to `email` if given, else to the adult on file. The address is not kept. */
  async sendEmail(email?: string): Promise<void> {
    const current = this.current;
    if (current.state !== 'waiting' || current.email === 'sending') return;
    this.patchWaiting({ email: 'sending' });
    try {
      await this.options.port.sendParentEmail(current.challenge.challengeId, email?.trim() || undefined);
      this.patchWaiting({ email: 'sent' });
    } catch (error) {
      // Refused: a bad address when one was typed, and no adult on file when not.
      this.patchWaiting({ email: isPlaygateError(error, 'invalid_email') ? (email?.trim() ? 'invalid' : 'no-address') : 'failed' });
    }
  }

  /** A fresh one-time code (and QR link) now. */
  refreshCode(): Promise<void> {
    return this.code.renew();
  }

  /** Repeats the step that failed, or asks again after a parent said no. */
  retry(): Promise<void> {
    const current = this.current;
    if (current.state === 'denied' && current.pending.kind === 'upgrade') return this.request(current.pending.permissions);
    if (current.state === 'failed' || current.state === 'age-gate') return this.retryStep?.() ?? Promise.resolve();
    return Promise.resolve();
  }

  /** Back to rest, after an outcome was shown. A wait in progress carries on. */
  dismiss(): void {
    if (this.current.state !== 'waiting' && this.current.state !== 'requesting') this.set({ state: 'idle' });
  }

  dispose(): void {
    this.lifetime.abort();
    this.stopWaiting();
    this.listeners.clear();
  }

  /** A challenge stored before a reload: show it again and check its status at once. */
  private resume(): void {
    if (this.wait) {
      this.wait.start(true);
      if (this.current.state === 'waiting') this.code.schedule(this.current.challenge);
      return;
    }
    const pending = pendingChallenge.read(this.options.storage);
    if (!pending || this.current.state === 'waiting' || this.resuming) return;
    this.resuming = true;
    const permissions = pending.kind === 'upgrade' ? pending.permissions : [];
    this.set({ state: 'requesting', permissions });
    this.options.port.getChallenge(pending.challengeId).then(
      (challenge) => {
        this.resuming = false;
        this.startWaiting(pending, challenge, true);
      },
      (error: unknown) => {
        this.resuming = false;
        // A challenge k-ID no longer knows has nothing left to wait for.
        if (isPlaygateError(error, 'not_found')) {
          pendingChallenge.write(this.options.storage, undefined);
          this.set({ state: 'idle' });
        } else {
          this.retryStep = async () => {
            this.resume();
            await Promise.resolve();
          };
          this.failed(error, permissions);
        }
      },
    );
  }

  private startWaiting(pending: PendingChallenge, challenge: Challenge, resumed: boolean): void {
    pendingChallenge.write(this.options.storage, pending);
    this.set({ state: 'waiting', pending, challenge, progress: 'PENDING', email: 'idle' }, resumed ? undefined : { type: 'challenge-created', pending, challenge });
    this.code.schedule(challenge);
    this.wait?.stop();
    this.wait = new ChallengeWait(
      challenge.challengeId,
      { port: this.options.port, timers: this.options.timers, isVisible: () => this.options.isVisible(), ...(this.options.push ? { push: this.options.push } : {}), ...this.options.wait },
      (result) => {
        void this.settle(pending, result);
      },
      (result) => {
        if (result.status !== 'PASS' && result.status !== 'FAIL') this.patchWaiting({ progress: result.status });
      },
      (error) => {
        this.gone(pending, error);
      },
    );
    if (this.audience.size > 0) this.wait.start(resumed);
  }

  private stopWaiting(): void {
    this.wait?.stop();
    this.code.stop();
  }

  /** The challenge vanished: say so, and let the player start again. */
  private gone(pending: PendingChallenge, error: PlaygateError): void {
    this.wait = undefined;
    this.code.stop();
    pendingChallenge.write(this.options.storage, undefined);
    const permissions = pending.kind === 'upgrade' ? pending.permissions : [];
    this.retryStep = pending.kind === 'upgrade' ? () => this.request(permissions) : () => this.startAgeGate(pending.jurisdiction);
    this.failed(error, permissions);
  }

  private async settle(pending: PendingChallenge, result: ChallengeResult): Promise<void> {
    this.wait = undefined;
    this.code.stop();
    pendingChallenge.write(this.options.storage, undefined);
    const status = result.status === 'PASS' ? 'PASS' : 'FAIL';
    const permissions = pending.kind === 'upgrade' ? pending.permissions : [];
    this.emit({ type: 'challenge-resolved', pending, status });
    if (status === 'FAIL') {
      this.set({ state: 'denied', pending }, { type: 'denied', permissions, reason: pending.kind === 'upgrade' && pending.ageCheck ? 'age-check-failed' : 'parent', ...byAnswer(pending) });
      return;
    }
    this.set({ state: 'requesting', permissions });
    try {
      const { store } = this.options;
      if (pending.kind === 'upgrade') {
        store.noteApproved(permissions);
        await (result.sessionId && result.sessionId !== store.sessionId ? store.adoptSession(result.sessionId) : store.refresh());
        const kid = store.snapshot.kid;
        this.conclude(permissions, kid.state === 'active' ? kid.session : undefined, byAnswer(pending));
        return;
      }
      const { age, jurisdiction } = pending;
      const answer = { ...(result.sessionId ? { sessionId: result.sessionId } : {}), asked: { ...age, jurisdiction } };
      store.receive(await this.options.port.consentedSession(answer, { signal: this.lifetime.signal }), { justCreated: true });
      this.grant(permissions, byAnswer(pending));
    } catch (error) {
      this.retryStep = () => this.settle(pending, result);
      this.failed(error, permissions);
    }
  }
}
