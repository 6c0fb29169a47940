// The game's backend for the cold-start page: the emulator and the k-ID proxy, in the page.
import { createInPageStack } from '../../src/emulator/in-page.js';

export const stackReady = createInPageStack({ origin: location.origin, scenario: 'child' });
