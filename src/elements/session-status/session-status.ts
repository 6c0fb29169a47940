// The adapters this element uses, registered with the provider: a game that ships
// only this element ships only these.
import '../provider/kits/identity.js';
import '../provider/kits/permissions.js';
import { define } from '../shared/define.js';
import { PlaygateSessionStatus } from './session-status.component.js';

export { PlaygateSessionStatus };

define('playgate-session-status', PlaygateSessionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-session-status': PlaygateSessionStatus;
  }
}
