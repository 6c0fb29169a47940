import { define } from '../shared/define.js';
import { PlaygateAgeCheckDialog } from './age-check-dialog.component.js';

export { PlaygateAgeCheckDialog };

define('playgate-age-check-dialog', PlaygateAgeCheckDialog);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-age-check-dialog': PlaygateAgeCheckDialog;
  }
}
