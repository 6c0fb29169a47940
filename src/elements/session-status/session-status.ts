// Defining the tag also hands the provider this element's adapters (`prepare`), so a game that
// ships only this element ships only them (and the provider has them from the start).
import { define } from '../shared/define.js';
import { PlaygateSessionStatus } from './session-status.component.js';

export { PlaygateSessionStatus };

define('playgate-session-status', PlaygateSessionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-session-status': PlaygateSessionStatus;
  }
}
