// What the demo asks of its own dev server: the emulator's control API and the demo's
// scenario switch. None of this is playgate: a real game has its own backend instead.
import type { ScenarioInfo } from '../../src/emulator/scenarios.js';
import type { DemoStack } from './stack.js';

export interface ScenarioSummary {
  name: string;
  title: string;
  description: string;
}

const CONTROL = '/emulator/_emulator';

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo's backend calls, over whichever stack runs the backends. */
export function backendOver(stack: DemoStack) {
  const call = (path: string, init?: RequestInit) => stack.fetch(new Request(new URL(path, location.origin), init));
  const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return {
    scenario: () => call(`${CONTROL}/scenario`).then((r) => json<ScenarioInfo>(r)),
    scenarios: () => call(`${CONTROL}/scenarios`).then((r) => json<ScenarioSummary[]>(r)),
    /** Resets the emulator to a scenario and signs the demo in as its player. */
    switchTo: (name: string) => post('/demo-api/scenario', { name }).then((r) => json<ScenarioInfo>(r)),
    /** Something the vendor does on its own: age-up, a parent's change, a revoke, new terms. */
    event: (name: 'age-up' | 'parent-change' | 'revoke' | 'publish-terms', body: Record<string, unknown> = {}) =>
      post(`${CONTROL}/events/${name}`, body).then((r) => json<unknown>(r)),
    /** The emulator's control API: its switches. */
    control: (path: string, body: unknown = {}) => post(`${CONTROL}${path}`, body).then((r) => json<Record<string, unknown>>(r)),
  };
}

export type DemoBackend = ReturnType<typeof backendOver>;

/** The servers this game lists in its server browser (a real game gets them from Nodecraft). */
export const SERVERS = [
  { id: 'srv-rules', name: 'Creative Friends', blurb: 'Build together. Has its own rules to accept.', players: 12 },
  { id: 'srv-open', name: 'Open Plains', blurb: 'Survival on a wide, open map.', players: 31 },
  { id: 'srv-locked', name: 'Secret Base', blurb: 'Invite only. Password: letmein', players: 4, password: true },
] as const;

/** Features the game names in its own words. */
export const LABELS: Record<string, string> = {
  'voice-chat': 'Voice chat',
  'text-chat-private': 'Private messages',
  'text-chat-public': 'Public chat',
  'user-generated-content': 'Sharing builds',
  'in-game-purchases': 'In-game purchases',
  'targeted-ads': 'Personalised ads',
  'loot-boxes-paid-gameplay-impacting': 'Paid loot boxes',
};
