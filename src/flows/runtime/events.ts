import type { ConsentReceipt, DecisionRecord } from '../../model/receipt.js';
import type { SessionDiff } from '../session-diff.js';

/** Details of playgate's DOM events. They bubble, cross shadow roots, and carry no secrets. */
export interface PlaygateEventDetails {
  'playgate-ready': { kid: string; identity: string };
  'playgate-session-changed': SessionDiff;
  'playgate-session-revoked': { sessionId: string };
  'playgate-session-expired': Record<string, never>;
  'playgate-consent-required': ConsentEventDetail & { round: number };
  /** `receipt`: what was shown and accepted, and when (its `confirmedAt` comes with `completed`). */
  'playgate-consent-accepted': ConsentEventDetail & { pageIds: string[]; receipt: ConsentReceipt };
  'playgate-consent-declined': ConsentEventDetail;
  /** `receipts`: each acceptance the vendor took in the run, with `confirmedAt`. */
  'playgate-consent-completed': { rounds: number; receipts: ConsentReceipt[] };
  'playgate-permission-granted': { permissions: string[]; decision: DecisionRecord };
  /** `not-available` and `turned-off`: the answer was yes, yet the session shows them off (below an age threshold; a parent turned them off). */
  'playgate-permission-denied': { permissions: string[]; reason: 'parent' | 'prohibited' | 'age-check-failed' | 'not-available' | 'turned-off'; decision: DecisionRecord };
  /** The player started proving their own age: for these features (threshold), or none (an unverified adult). */
  'playgate-age-verification-started': { permissions: string[] };
  /** The age check passed; what it unlocked follows as `playgate-permission-granted` or `playgate-session-changed`. */
  'playgate-age-verified': { permissions: string[]; decision: DecisionRecord };
  'playgate-age-verification-failed': { permissions: string[]; decision: DecisionRecord };
  /** While a parent decides, the player may play with these features on (none named: play without them). */
  'playgate-limited-access': { challengeId: string; permissions: string[] };
  'playgate-challenge-created': ChallengeEventDetail & { type: string };
  'playgate-challenge-resolved': ChallengeEventDetail & { status: 'approved' | 'denied' };
}

/** Which challenge an event is about. Never its one-time code or link: those let a parent approve. */
export interface ChallengeEventDetail {
  challengeId: string;
  /** `upgrade`: features for a session; `consent`: a first consent. */
  kind: 'upgrade' | 'consent';
  permissions: string[];
}

/** Which documents a consent event is about. Page ids only: nothing secret. */
export interface ConsentEventDetail {
  scope: 'game' | 'server';
  state: 'missing' | 'outdated';
  type?: 'legal' | 'rules';
}

export type PlaygateEventName = keyof PlaygateEventDetails;

/**
 * An event for the page, as the runtime words it. `view` is the element that shows the
 * conversation it is about (the one the player used, or the first on the page); without
 * one, the provider sends it.
 */
export type RuntimeEvent = { [K in PlaygateEventName]: { name: K; detail: PlaygateEventDetails[K]; view?: object } }[PlaygateEventName];
