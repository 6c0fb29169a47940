import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import type { PlaygateSessionStatus } from '../../src/elements/session-status/session-status.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import type { Timers } from '../../src/flows/timers.js';
import type { TestEmulator } from './emulator.js';
import { nextTask } from './tick.js';

import { LABELS, next } from './request.js';

export { LABELS, next };

export interface Mounted {
  provider: PlaygateProvider;
  status: PlaygateSessionStatus;
  text(): string;
}

/** A provider wired as a game wires it (through the game's proxy), with a status inside. */
export async function mountStatus(emu: TestEmulator, options: { layout?: 'full' | 'compact'; timers?: Timers; elements?: boolean } = {}): Promise<Mounted> {
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  if (options.elements) provider.elementsUrl = `${emu.base}/elements/api/rest/`;
  provider.storage = memoryStorage();
  provider.permissionLabels = LABELS;
  if (options.timers) provider.timers = options.timers;
  const status = document.createElement('playgate-session-status');
  if (options.layout) status.layout = options.layout;
  provider.append(status);
  const ready = new Promise((resolve) => {
    provider.addEventListener('playgate-ready', resolve, { once: true });
  });
  document.body.append(provider);
  await ready;
  await status.updateComplete;
  return { provider, status, text: () => status.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '' };
}

/** Waits until the element's text satisfies `check` (rendering is async). */
export async function until(mounted: Mounted, check: (text: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    await mounted.status.updateComplete;
    if (check(mounted.text())) return;
    await nextTask();
  }
  throw new Error(`timed out waiting for ${what}; text is: ${mounted.text()}`);
}

export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

export function cleanUp(): void {
  delete (document as { visibilityState?: unknown }).visibilityState;
  document.querySelectorAll('playgate-provider, late-provider, iframe').forEach((node) => {
    node.remove();
  });
  document.cookie = 'player=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
}

/** Picks a date of birth (`YYYY-MM-DD`) in an age gate's selects, as a player would. */
export function pickBirthDate(root: ParentNode, dateOfBirth: string): void {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  for (const [name, value] of [['year', year], ['month', month], ['day', day]] as const) {
    const select = root.querySelector<HTMLSelectElement>(`[part="age-gate"] select[name="${name}"]`);
    if (!select) throw new Error(`no ${name} field in the age gate`);
    select.value = String(value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
