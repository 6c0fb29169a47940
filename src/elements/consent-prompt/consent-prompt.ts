// The adapters this element uses, registered with the provider: a game that ships
// only this element ships only these.
import '../provider/kits/consents.js';
import { define } from '../shared/define.js';
import { PlaygateConsentPrompt } from './consent-prompt.component.js';

export { PlaygateConsentPrompt };

define('playgate-consent-prompt', PlaygateConsentPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-consent-prompt': PlaygateConsentPrompt;
  }
}
