import type { PlaygateEventDetails, RuntimeEvent } from '../../flows/runtime/events.js';

export type { ChallengeEventDetail, ConsentEventDetail, PlaygateEventDetails, PlaygateEventName } from '../../flows/runtime/events.js';

/** Sends a runtime event from the element it names. They bubble, cross shadow roots, and carry no secrets. */
export function send(target: EventTarget, event: RuntimeEvent): void {
  target.dispatchEvent(new CustomEvent(event.name, { detail: event.detail, bubbles: true, composed: true }));
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
    'playgate-age-verification-started': CustomEvent<PlaygateEventDetails['playgate-age-verification-started']>;
    'playgate-age-verified': CustomEvent<PlaygateEventDetails['playgate-age-verified']>;
    'playgate-age-verification-failed': CustomEvent<PlaygateEventDetails['playgate-age-verification-failed']>;
    'playgate-limited-access': CustomEvent<PlaygateEventDetails['playgate-limited-access']>;
    'playgate-challenge-panel-close': CustomEvent<undefined>;
    'playgate-age-check-dialog-close': CustomEvent<undefined>;
    'playgate-age-check-dialog-hint': CustomEvent<undefined>;
  }
}
