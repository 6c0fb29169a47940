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
import { waitFor } from '../support/tick.js';

const TAGS = ['playgate-provider', 'playgate-consent-prompt', 'playgate-permission-request', 'playgate-session-status', 'playgate-challenge-panel'];
const definedAtImport = TAGS.filter((tag) => customElements.get(tag));

class GameProvider extends PlaygateProvider {}
class GameConsent extends PlaygateConsentPrompt {}
class GameStatus extends PlaygateSessionStatus {}
customElements.define('game-provider', GameProvider);
customElements.define('game-consent', GameConsent);
customElements.define('game-status', GameStatus);
customElements.define('game-request', PlaygatePermissionRequest);

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

  it('define the tags they render once that code comes, even when the game registered the class itself', async () => {
    // The game registered the request's class as it is under its own tag (no subclass, at
    // the top of this file): the tags the status and the request render must still be
    // defined when their code comes (while the page is idle), and neither side may throw.
    const status = new GameStatus();
    document.body.append(status);
    await waitFor(() => customElements.get('playgate-permission-request') !== undefined, 'the set-up defined');
    expect(customElements.get('playgate-permission-request')?.prototype).to.be.instanceOf(PlaygatePermissionRequest);
    expect(customElements.get('playgate-permission-request'), 'a subclass: the class has a tag already').not.to.equal(PlaygatePermissionRequest);
    status.remove();
    const request = document.createElement('game-request');
    document.body.append(request);
    await waitFor(() => customElements.get('playgate-challenge-panel') !== undefined, 'the panel defined');
    request.remove();
  });
});
