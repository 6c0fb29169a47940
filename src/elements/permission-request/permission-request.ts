// The adapters this element uses, registered with the provider: a game that ships
// only this element ships only these.
import '../provider/kits/permissions.js';
import { define } from '../shared/define.js';
import { PlaygatePermissionRequest } from './permission-request.component.js';

export { PlaygatePermissionRequest };

define('playgate-permission-request', PlaygatePermissionRequest);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-permission-request': PlaygatePermissionRequest;
  }
}
