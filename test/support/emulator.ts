/** Browser side of `emulator-server.js`: a fresh emulator per call, reached over HTTP. */
import { ElementsBackend, KidBackend, NodecraftBackend } from '../../src/backends/index.js';
import type { ScenarioInfo } from '../../src/emulator/scenarios.js';
import { nextTask } from './tick.js';

export interface TestEmulator {
  base: string;
  scenario: ScenarioInfo;
  kid(): KidBackend;
  nodecraft(options?: { playerToken?: () => string | undefined }): NodecraftBackend;
  elements(options?: { header?: 'bearer' | 'session-secret'; profileId?: string }): ElementsBackend;
  /** Calls the control API; rejects on a non-2xx answer. */
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** A raw vendor call, for what the adapters deliberately never send. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  /** The k-ID adapter as the widget uses it: through the game's proxy, with cookies. */
  kidThroughProxy(): KidBackend;
  /** Links a player to a session in the proxy, as a game's sign-up would. */
  link(player: string, sessionId: string): Promise<void>;
  /** Resolves once a widget's push stream is open on the game's server. */
  streamOpen(): Promise<void>;
  /** Sends an event on a player's push stream, as the game's server would. */
  push(player: string, event: Record<string, unknown>): Promise<void>;
}

const RETRY = { baseDelayMs: 5 };

/** Challenge polls are not rate-limited unless a test asks for it (`minPollIntervalMs`). */
export async function startEmulator(
  scenario = 'child',
  config: Record<string, unknown> = { minPollIntervalMs: 0 },
  secrets: { kidApiKey?: string; gameToken?: string } = {},
): Promise<TestEmulator> {
  const created = (await (await fetch(`/__emu/new?scenario=${scenario}`, { method: 'POST', headers: { 'x-emulator-secrets': JSON.stringify(secrets) } })).json()) as { base: string };
  const base = new URL(created.base, location.href).toString();
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}/_emulator${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${String(response.status)} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  await control('POST', '/config', config);
  const info = await control<ScenarioInfo>('GET', '/scenario');
  return {
    base,
    scenario: info,
    kid: () => new KidBackend({ baseUrl: `${base}/kid/api/v1/`, token: () => info.kid.apiKey, retry: RETRY }),
    nodecraft: (options = {}) =>
      new NodecraftBackend({ baseUrl: `${base}/nodecraft/v1/`, gameToken: () => info.nodecraft.gameToken, retry: RETRY, ...options }),
    elements: (options = {}) => new ElementsBackend({ baseUrl: `${base}/elements/api/rest/`, retry: RETRY, ...options }),
    control,
    raw: (path, init) => fetch(`${base}${path}`, init),
    kidThroughProxy: () => new KidBackend({ baseUrl: `${base}/api/kid/`, retry: RETRY }),
    async link(player, sessionId) {
      await fetch(`${base}/__link`, { method: 'POST', body: JSON.stringify({ player, sessionId }) });
    },
    async streamOpen() {
      const deadline = Date.now() + 15_000;
      while (((await (await fetch(`${base}/__streams`)).json()) as { streams: number }).streams === 0) {
        if (Date.now() > deadline) throw new Error('no push stream opened');
        await nextTask();
      }
    },
    async push(player, event) {
      await fetch(`${base}/__push`, { method: 'POST', body: JSON.stringify({ player, event }) });
    },
  };
}

/** Opens the parent page in a second page (an iframe) and waits for it to load. */
export async function openParentPage(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = '390px';
  frame.style.height = '844px';
  document.body.append(frame);
  await navigate(frame, () => {
    frame.src = url;
  });
  return frame;
}

/** Runs `action` and resolves once the frame has loaded the page it leads to. */
export function navigate(frame: HTMLIFrameElement, action: () => void): Promise<void> {
  return new Promise((resolve) => {
    frame.addEventListener('load', () => {
      resolve();
    }, { once: true });
    action();
  });
}

export function frameDocument(frame: HTMLIFrameElement): Document {
  const doc = frame.contentDocument;
  if (!doc) throw new Error('parent page is not same-origin');
  return doc;
}

/** Whoever the challenge link is for (a parent; the player for an age check) opens it and presses `decision`. */
export async function parentAnswers(url: string, decision: 'Approve' | 'Deny' | 'Confirm age' | 'Pass the check' | 'Fail the check'): Promise<void> {
  const frame = await openParentPage(url);
  const button = [...frameDocument(frame).querySelectorAll('button')].find((b) => b.textContent === decision);
  if (!button) throw new Error(`no ${decision} button on the parent page`);
  await navigate(frame, () => {
    button.click();
  });
}
