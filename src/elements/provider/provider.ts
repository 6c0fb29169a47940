import { define } from '../shared/define.js';
import { PlaygateProvider } from './provider.component.js';

export { PlaygateProvider };

define('playgate-provider', PlaygateProvider);

declare global {
  interface HTMLElementTagNameMap {
    'playgate-provider': PlaygateProvider;
  }
}
