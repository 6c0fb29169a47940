import { define } from '../shared/define.js';
import { lazyPart } from '../shared/lazy.js';

/** The age check dialog's code, loaded when a check first opens (or ahead, while the page is idle). */
export const ageCheckDialogPart = lazyPart(
  () => import('./age-check-dialog.component.js'),
  (module) => {
    define('playgate-age-check-dialog', class extends module.PlaygateAgeCheckDialog {});
  },
);
