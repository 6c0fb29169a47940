// `playgate/elements/<name>`: the classes alone, imported with no side effects, subclassed
// and registered under a game's own tags. Nothing else in this file loads the define modules.
import { expect } from '@open-wc/testing';
import { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { acceptRounds } from '../support/consent.js';
import { startEmulator } from '../support/emulator.js';

const TAGS = ['playgate-provider', 'playgate-consent-prompt', 'playgate-permission-request', 'playgate-session-status', 'playgate-challenge-panel'];
const definedAtImport = TAGS.filter((tag) => customElements.get(tag));

class GameProvider extends PlaygateProvider {}
class GameConsent extends PlaygateConsentPrompt {}
class GameStatus extends PlaygateSessionStatus {}
customElements.define('game-provider', GameProvider);
customElements.define('game-consent', GameConsent);
customElements.define('game-status', GameStatus);

describe('the element classes alone', () => {
  it('define no tag when imported', () => {
    expect(definedAtImport).to.deep.equal([]);
  });

  it('work under a game’s own tags, even when the prompt comes after the provider started', async () => {
    const emu = await startEmulator('child');
    const provider = new GameProvider();
    provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
    provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
    provider.storage = memoryStorage();
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      document.body.append(provider);
      await provider.updateComplete;
      // No prompt was ever made: the provider has no Nodecraft adapter yet, and says so.
      expect(provider.playgate?.consents).to.equal(undefined);
      const prompt = new GameConsent();
      prompt.storage = memoryStorage();
      provider.append(prompt);
      // Used in the same task: the provider took the prompt's adapter when it was made.
      const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
      await acceptRounds(prompt, 2);
      expect((await ident).displayName).to.equal('Pip');
    } finally {
      console.warn = warn;
      provider.remove();
    }
    // Lit's own dev-mode notes aside.
    expect(warnings.filter((text) => String(text).startsWith('playgate'))).to.deep.equal(['playgate-provider: consents is set up, but no element that uses it is loaded yet.']);
  });

  it('define the tags they render when one is made, even when the game registered the class itself', () => {
    // The game registers the class as it is under its own tag (no subclass): the tag the
    // status renders must still be defined, and neither side may throw.
    customElements.define('game-request', PlaygatePermissionRequest);
    expect(customElements.get('playgate-permission-request')).to.equal(undefined);
    new GameStatus().remove();
    expect(customElements.get('playgate-permission-request')?.prototype).to.be.instanceOf(PlaygatePermissionRequest);
    expect(customElements.get('playgate-challenge-panel')).to.equal(undefined);
    document.createElement('game-request').remove();
    expect(customElements.get('playgate-challenge-panel')).to.not.equal(undefined);
  });
});
