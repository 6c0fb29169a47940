// Defining the tag also hands the provider this element's adapters (`prepare`), so a game that
// ships only this element ships only them (and the provider has them from the start).
import { define } from '../shared/define.js';
import { PlaygateConsentPrompt } from './consent-prompt.component.js';

export { PlaygateConsentPrompt };

define('playgate-consent-prompt', PlaygateConsentPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-consent-prompt': PlaygateConsentPrompt;
  }
}
