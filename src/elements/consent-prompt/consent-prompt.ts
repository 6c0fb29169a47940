// Defining the tag also hands the provider this element's adapters, so a game that
// ships only this element ships only them (and the provider has them from the start).
import { consentsKit } from '../provider/kits/consents.js';
import { registerKit } from '../provider/kits.js';
import { define } from '../shared/define.js';
import { PlaygateConsentPrompt } from './consent-prompt.component.js';

export { PlaygateConsentPrompt };

registerKit('consents', consentsKit);
define('playgate-consent-prompt', PlaygateConsentPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-consent-prompt': PlaygateConsentPrompt;
  }
}
