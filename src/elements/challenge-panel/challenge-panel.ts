import { define } from '../shared/define.js';
import { PlaygateChallengePanel } from './challenge-panel.component.js';

export { PlaygateChallengePanel };

define('playgate-challenge-panel', PlaygateChallengePanel);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-challenge-panel': PlaygateChallengePanel;
  }
}
