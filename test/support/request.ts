// A permission request in a provider, wired as a game wires it (through the game's proxy),
// with no element module imported here: the caller defines the tags, from the usual
// addresses or from its own (see chunk-faults.js).
import type { PlaygatePermissionRequest } from '../../src/elements/permission-request/permission-request.component.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { startEmulator, type TestEmulator } from './emulator.js';

export const LABELS = { 'voice-chat': 'voice chat', 'text-chat-private': 'private messages', 'text-chat-public': 'public chat' };

/** Resolves with the next event of that name on the target. */
export function next<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(name, (event) => {
      resolve(event as GlobalEventHandlersEventMap[K]);
    }, { once: true });
  });
}

export interface MountedRequest {
  emu: TestEmulator;
  provider: PlaygateProvider;
  element: PlaygatePermissionRequest;
  /** `playgate-ready`, listened for before the provider went into the page. */
  ready: Promise<unknown>;
}

/** `player` (linked to the scenario's session) asking in US-CA; in the page, not yet ready. */
export async function requestAs(scenario: string, player: string): Promise<MountedRequest> {
  const emu = await startEmulator(scenario);
  if (emu.scenario.kid.sessionId) await emu.link(player, emu.scenario.kid.sessionId);
  document.cookie = `player=${player}; path=/`;
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.storage = memoryStorage();
  provider.permissionLabels = LABELS;
  provider.jurisdiction = 'US-CA';
  const element = document.createElement('playgate-permission-request');
  provider.append(element);
  const ready = next(provider, 'playgate-ready');
  document.body.append(provider);
  return { emu, provider, element, ready };
}
