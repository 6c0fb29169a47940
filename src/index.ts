/**
 * playgate: consent and permission web components for web games.
 * This entry exposes the vendor-neutral model, the fetch layer, the vendor adapters, the
 * flows, and the elements (importing it registers them).
 */
export * from './model/index.js';
export * from './http/index.js';
export * from './backends/index.js';
export * from './flows/challenge-wait.js';
export * from './flows/consent-flow.js';
export * from './flows/pending-challenge.js';
export * from './flows/permission-requests.js';
export * from './flows/session-diff.js';
export * from './flows/session-store.js';
export * from './flows/storage.js';
export * from './flows/timers.js';
export { PlaygateProvider } from './elements/provider/provider.js';
export { PlaygateSessionStatus } from './elements/session-status/session-status.js';
export { PlaygateConsentPrompt } from './elements/consent-prompt/consent-prompt.js';
export { PlaygatePermissionRequest } from './elements/permission-request/permission-request.js';
export { PlaygateChallengePanel } from './elements/challenge-panel/challenge-panel.js';
export { GamepadNavigator, type GamepadNavigatorOptions } from './elements/gamepad/gamepad-navigator.js';
export type { PlaygateClient } from './elements/shared/context.js';
export type { PlaygateEventDetails } from './elements/shared/events.js';
