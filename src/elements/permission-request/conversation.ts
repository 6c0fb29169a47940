import { PlaygateAgeCheckDialog } from '../age-check-dialog/age-check-dialog.component.js';
import { PlaygateChallengePanel } from '../challenge-panel/challenge-panel.component.js';
import { define } from '../shared/define.js';
export { ageGate } from '../shared/age-gate.js';
export { waitingView } from './waiting-view.js';

/**
 * The rare part of a permission request, loaded when a conversation first needs it: the
 * age gate, and the wait with its challenge panel or age check dialog.
 */
export function defineConversation(): void {
  // As subclasses: the game may have registered the classes under its own tags.
  define('playgate-challenge-panel', class extends PlaygateChallengePanel {});
  define('playgate-age-check-dialog', class extends PlaygateAgeCheckDialog {});
}
