// Defining the tag also hands the provider this element's adapters (`prepare`), so a game that
// ships only this element ships only them (and the provider has them from the start).
import { define } from '../shared/define.js';
import { PlaygatePermissionRequest } from './permission-request.component.js';

export { PlaygatePermissionRequest };

define('playgate-permission-request', PlaygatePermissionRequest);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-permission-request': PlaygatePermissionRequest;
  }
}
