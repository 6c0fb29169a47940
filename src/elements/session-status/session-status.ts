import { define } from '../shared/define.js';
import { PlaygateSessionStatus } from './session-status.component.js';

export { PlaygateSessionStatus };

define('playgate-session-status', PlaygateSessionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-session-status': PlaygateSessionStatus;
  }
}
