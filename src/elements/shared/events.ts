import type { SessionDiff } from '../../flows/session-diff.js';

/** Details of playgate's DOM events. They bubble, cross shadow roots, and carry no secrets. */
export interface PlaygateEventDetails {
  'playgate-ready': { kid: string; identity: string };
  'playgate-session-changed': SessionDiff;
  'playgate-session-revoked': { sessionId: string };
  'playgate-session-expired': Record<string, never>;
  'playgate-consent-required': ConsentEventDetail & { round: number };
  'playgate-consent-accepted': ConsentEventDetail & { pageIds: string[] };
  'playgate-consent-declined': ConsentEventDetail;
  'playgate-consent-completed': { rounds: number };
  'playgate-permission-granted': { permissions: string[] };
  'playgate-permission-denied': { permissions: string[]; reason: 'parent' | 'prohibited' };
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

export function emit<K extends PlaygateEventName>(target: EventTarget, name: K, detail: PlaygateEventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'playgate-ready': CustomEvent<PlaygateEventDetails['playgate-ready']>;
    'playgate-session-changed': CustomEvent<PlaygateEventDetails['playgate-session-changed']>;
    'playgate-session-revoked': CustomEvent<PlaygateEventDetails['playgate-session-revoked']>;
    'playgate-session-expired': CustomEvent<PlaygateEventDetails['playgate-session-expired']>;
    'playgate-consent-required': CustomEvent<PlaygateEventDetails['playgate-consent-required']>;
    'playgate-consent-accepted': CustomEvent<PlaygateEventDetails['playgate-consent-accepted']>;
    'playgate-consent-declined': CustomEvent<PlaygateEventDetails['playgate-consent-declined']>;
    'playgate-consent-completed': CustomEvent<PlaygateEventDetails['playgate-consent-completed']>;
    'playgate-permission-granted': CustomEvent<PlaygateEventDetails['playgate-permission-granted']>;
    'playgate-permission-denied': CustomEvent<PlaygateEventDetails['playgate-permission-denied']>;
    'playgate-challenge-created': CustomEvent<PlaygateEventDetails['playgate-challenge-created']>;
    'playgate-challenge-resolved': CustomEvent<PlaygateEventDetails['playgate-challenge-resolved']>;
    'playgate-challenge-panel-close': CustomEvent<undefined>;
  }
}
