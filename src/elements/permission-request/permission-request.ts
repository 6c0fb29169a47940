import { define } from '../shared/define.js';
import { PlaygatePermissionRequest } from './permission-request.component.js';

export { PlaygatePermissionRequest };

define('playgate-permission-request', PlaygatePermissionRequest);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-permission-request': PlaygatePermissionRequest;
  }
}
