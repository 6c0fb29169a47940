// Stories run the whole stack inside the page (the emulator's vendors and the game's k-ID
// proxy), exactly as `npm start` wires them, with no server.
import { createInPageStack, type InPageStack } from '../../src/emulator/in-page.js';

export type { InPageStack };

export const GAME = 'https://game.example';

export function inPageStack(scenario: string, player?: string, config: Record<string, unknown> = {}): Promise<InPageStack> {
  return createInPageStack({ origin: GAME, scenario, ...(player ? { player } : {}), config: { minPollIntervalMs: 0, ...config } });
}
