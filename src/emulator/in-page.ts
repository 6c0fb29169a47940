import { createKidProxy, createWebhookReceiver, memoryHub, memoryLedger, type KidProxy, type Ledger } from '../server/index.js';
import type { EmulatorConfig } from './config.js';
import { createEmulator, type Emulator } from './emulator.js';
import type { ScenarioInfo } from './scenarios.js';

export interface InPageStackOptions {
  /** The origin the page's calls name (links and QR codes use it too). */
  origin: string;
  scenario?: string;
  /** The player the game's proxy serves; by default the scenario's own. */
  player?: string;
  config?: Partial<EmulatorConfig>;
}

export interface InPageStack {
  readonly emulator: Emulator;
  /** The game's k-ID proxy, for the game's own routes to check permissions with. */
  readonly proxy: KidProxy;
  /** The game's ledger (in memory): what `/api/kid/history` reads and `/api/kid/receipts` keeps. */
  readonly ledger: Ledger;
  /** For `<playgate-provider>.fetch`: `/api/kid/…` reaches the game's proxy, the rest the emulator. */
  readonly fetch: typeof fetch;
  /** Calls the emulator's control API (POST), e.g. `/events/age-up`. */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Loads another scenario and makes its player the one the proxy serves. */
  switchTo(scenario: string): Promise<ScenarioInfo | undefined>;
}

/**
 * A game's whole backend inside one page: the emulator's vendors, the game's k-ID proxy
 * in front of them and its webhook receiver, wired as `npm start` wires them and reached
 * through `fetch`. For Storybook, static demos and tests with no server. The event
 * stream needs a server, so pushes do not reach the page here: read the session instead.
 */
export async function createInPageStack(options: InPageStackOptions): Promise<InPageStack> {
  const { origin } = options;
  const secret = 'in-page-webhooks';
  const hub = memoryHub();
  const ledger = memoryLedger();
  const receiver = createWebhookReceiver({ secret, hub, ledger });
  const emulator = createEmulator({
    basePath: '/emulator',
    ...(options.scenario ? { scenario: options.scenario } : {}),
    publicOrigin: origin,
    config: { webhookSecret: secret, webhookUrl: `${origin}/api/kid/webhooks`, ...options.config },
    webhookFetch: (input, init) => receiver.fetch(new Request(input, init)),
  });
  const vendor = emulator.asFetch();
  let player = options.player ?? emulator.scenario.elements.userId;
  const proxy = createKidProxy({
    apiKey: emulator.config.kidApiKey,
    baseUrl: `${origin}/emulator/kid/api/v1/`,
    fetch: vendor,
    hub,
    webhooks: receiver,
    ledger,
    resolvePlayer: () => player,
  });
  const link = async (info: ScenarioInfo) => {
    await hub.players.setSession(player, info.kid.sessionId);
    return info;
  };
  await link(emulator.scenario);

  return {
    emulator,
    proxy,
    ledger,
    fetch: (input, init) => {
      const request = input instanceof Request && !init ? input : new Request(new URL(input instanceof Request ? input.url : String(input), origin), init);
      return new URL(request.url).pathname.startsWith('/api/kid/') ? proxy.fetch(request) : vendor(request);
    },
    async control(path, body = {}) {
      const response = await vendor(new Request(`${origin}/emulator/_emulator${path}`, { method: 'POST', body: JSON.stringify(body) }));
      return response.json() as Promise<unknown>;
    },
    async switchTo(scenario) {
      const info = emulator.reset(scenario);
      if (!info) return undefined;
      player = info.elements.userId;
      return link(info);
    },
  };
}
