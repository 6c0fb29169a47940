// Defining the tag also hands the provider this element's adapters, so a game that
// ships only this element ships only them (and the provider has them from the start).
import { identityKit } from '../provider/kits/identity.js';
import { permissionsKit } from '../provider/kits/permissions.js';
import { registerKit } from '../provider/kits.js';
import { define } from '../shared/define.js';
import { PlaygateSessionStatus } from './session-status.component.js';

export { PlaygateSessionStatus };

registerKit('identity', identityKit);
registerKit('permissions', permissionsKit);
define('playgate-session-status', PlaygateSessionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-session-status': PlaygateSessionStatus;
  }
}
