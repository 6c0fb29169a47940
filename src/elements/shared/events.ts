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
  }
}
