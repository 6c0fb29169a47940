import { define } from '../shared/define.js';
import { PlaygateConsentPrompt } from './consent-prompt.component.js';

export { PlaygateConsentPrompt };

define('playgate-consent-prompt', PlaygateConsentPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-consent-prompt': PlaygateConsentPrompt;
  }
}
