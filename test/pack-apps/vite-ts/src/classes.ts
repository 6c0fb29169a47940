// The classes alone: importing them registers no tag; the game registers its own.
import { PlaygateProvider } from 'playgate/elements/provider';
import { PlaygateSessionStatus } from 'playgate/elements/session-status';

const TAGS = ['playgate-provider', 'playgate-session-status', 'playgate-consent-prompt', 'playgate-permission-request'];
const definedAtImport = TAGS.filter((tag) => customElements.get(tag));
const events: Array<{ name: string; detail: unknown }> = [];
Object.assign(window, { playgateEvents: events, definedAtImport });

class GameProvider extends PlaygateProvider {}
class GameStatus extends PlaygateSessionStatus {}
document.querySelector<GameProvider>('game-provider')?.addEventListener('playgate-ready', (event) => {
  events.push({ name: event.type, detail: { kid: event.detail.kid } });
});
customElements.define('game-provider', GameProvider);
customElements.define('game-status', GameStatus);
