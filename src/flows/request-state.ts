import { PlaygateError } from '../model/error.js';
import type { AgeGateRequirements, Challenge, Session } from '../model/permissions.js';
import type { DecidedBy } from '../model/receipt.js';
import type { PendingChallenge } from './pending-challenge.js';

export type ChallengeProgress = 'PENDING' | 'IN_PROGRESS' | 'POLL_TIMEOUT';

/** Sending the request to a parent's inbox. The address itself is never kept. */
export type EmailState = 'idle' | 'sending' | 'sent' | 'invalid' | 'no-address' | 'failed';

/** Where the player's conversation with a parent is. Elements render this. */
export type RequestState =
  | { state: 'idle' }
  /** An upgrade (or a stored challenge after a reload) is on its way. */
  | { state: 'requesting'; permissions: readonly string[] }
  /** First consent: the age gate, asking for a date of birth or an age. */
  | { state: 'age-gate'; jurisdiction: string; requirements?: AgeGateRequirements; checking: boolean; error?: PlaygateError }
  /** The player is too young for this game in this jurisdiction. */
  | { state: 'prohibited' }
  /** A parent (or an age check) must answer on their own device. */
  | {
      state: 'waiting';
      pending: PendingChallenge;
      challenge: Challenge;
      progress: ChallengeProgress;
      email: EmailState;
      codeError?: PlaygateError;
      /** False when this device's clock disagrees with the server's: no countdown then. */
      codeClockTrusted?: boolean;
    }
  /** Approved (or PLAYER-managed): the features are on. Empty for a first consent. */
  | { state: 'granted'; permissions: readonly string[] }
  | { state: 'denied'; pending: PendingChallenge }
  /**
   * The answer was yes, and yet the session shows these off (k-ID's honest outcome):
   * below an age threshold, or a parent turned them off.
   */
  | { state: 'locked'; permissions: readonly string[]; reason: LockedReason }
  /** A step failed; `retry()` repeats it. */
  | { state: 'failed'; error: PlaygateError; permissions: readonly string[] };

/** Why a feature stayed off after a yes: `not-available` below its age threshold, `turned-off` by a parent. */
export type LockedReason = 'not-available' | 'turned-off';

/** Who decided an outcome, and on which challenge: what its decision record says. */
export interface DecisionBasis {
  by: DecidedBy;
  challengeId?: string;
}

/** Nobody was asked: the feature was on already, or k-ID's rules keep it off here. */
export const BY_RULES: DecisionBasis = { by: 'vendor-default' };
export const BY_PLAYER: DecisionBasis = { by: 'player' };

/** Whoever answered a challenge: the player's own age check, or a parent. */
export function byAnswer(pending: PendingChallenge): DecisionBasis {
  return { by: pending.kind === 'upgrade' && pending.ageCheck ? 'age-check' : 'parent', challengeId: pending.challengeId };
}

export type RequestEvent =
  | { type: 'challenge-created'; pending: PendingChallenge; challenge: Challenge }
  | { type: 'challenge-resolved'; pending: PendingChallenge; status: 'PASS' | 'FAIL' }
  | ({ type: 'granted'; permissions: readonly string[] } & DecisionBasis)
  /** `age-check-failed`: the player's own age check did not pass (a threshold feature). */
  | ({ type: 'denied'; permissions: readonly string[]; reason: 'parent' | 'prohibited' | 'age-check-failed' | LockedReason } & DecisionBasis);

export type RequestListener = (state: RequestState, event?: RequestEvent) => void;

/** Where the conversation is, for the views that draw it: the state, its listeners, and the ways it moves on. */
export class RequestStateHolder {
  protected current: RequestState = { state: 'idle' };
  protected readonly listeners = new Set<RequestListener>();

  get state(): RequestState {
    return this.current;
  }

  subscribe(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  protected grant(permissions: readonly string[], basis: DecisionBasis): void {
    this.set({ state: 'granted', permissions }, { type: 'granted', permissions, ...basis });
  }

  /**
   * After a yes, granted only what `session` shows on (k-ID: read the outcome from the
   * session, never from the PASS); what stays off is locked, by cause.
   */
  protected conclude(asked: readonly string[], session: Session | undefined, basis: DecisionBasis): void {
    const shown = (name: string) => session?.permissions.find((p) => p.name === name);
    const on = asked.filter((name) => shown(name)?.enabled === true);
    const off = asked.filter((name) => !on.includes(name));
    if (off.length === 0) {
      this.grant(asked, basis);
      return;
    }
    if (on.length) this.emit({ type: 'granted', permissions: on, ...basis });
    const reason: LockedReason = off.some((name) => shown(name)?.verifiedAgeThreshold !== undefined || shown(name)?.managedBy === 'PROHIBITED') ? 'not-available' : 'turned-off';
    // Kept off by the rules below an age threshold, or by a parent's own setting.
    const lockedBy: DecisionBasis = { ...basis, by: reason === 'not-available' ? 'vendor-default' : 'parent' };
    this.set({ state: 'locked', permissions: off, reason }, { type: 'denied', permissions: off, reason, ...lockedBy });
  }

  protected failed(error: unknown, permissions: readonly string[]): void {
    this.set({ state: 'failed', error: PlaygateError.from(error), permissions });
  }

  protected patchWaiting(patch: Partial<Extract<RequestState, { state: 'waiting' }>>, clearCodeError = false): void {
    const current = this.current;
    if (current.state !== 'waiting') return;
    const next = { ...current, ...patch };
    if (clearCodeError) delete next.codeError;
    this.set(next);
  }

  protected set(state: RequestState, event?: RequestEvent): void {
    this.current = state;
    for (const listener of this.listeners) listener(state, event);
  }

  protected emit(event: RequestEvent): void {
    for (const listener of this.listeners) listener(this.current, event);
  }
}
