// A provider wired to a whole backend inside the page (createInPageStack), through a fetch
// the test may wrap to rewrite answers.
import '../../src/elements/provider/provider.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import type { InPageStack } from '../../src/emulator/in-page.js';
import { memoryStorage } from '../../src/flows/storage.js';

/** The origin the in-page backend answers for. */
export const GAME_ORIGIN = 'https://game.example';

export function inPageProvider(fetch: typeof globalThis.fetch, stack: InPageStack, ports: { kid?: boolean; nodecraft?: boolean; elements?: boolean }): PlaygateProvider {
  const element = document.createElement('playgate-provider');
  element.fetch = fetch;
  element.storage = memoryStorage();
  element.jurisdiction = 'US-CA';
  if (ports.kid) element.kidUrl = `${GAME_ORIGIN}/api/kid/`;
  if (ports.nodecraft) {
    element.nodecraftUrl = `${GAME_ORIGIN}/emulator/nodecraft/v1/`;
    element.nodecraftGameToken = stack.emulator.scenario.nodecraft.gameToken;
  }
  if (ports.elements) element.elementsUrl = `${GAME_ORIGIN}/emulator/elements/api/rest/`;
  return element;
}
