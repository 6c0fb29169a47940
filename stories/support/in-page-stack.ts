// Stories run the whole stack inside the page: the emulator's vendors, and the game's
// k-ID proxy in front of them, exactly as `npm start` wires them, with no server.
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { createKidProxy, createWebhookReceiver, memoryHub } from '../../src/server/index.js';

export const GAME = 'https://game.example';

export interface InPageStack {
  emulator: Emulator;
  /** The `fetch` to give `<playgate-provider>`: the game's proxy, and the emulator behind it. */
  fetch: typeof fetch;
  /** Calls the emulator's control API. */
  control(path: string, body?: unknown): Promise<unknown>;
}

export async function inPageStack(scenario: string, player = 'pip', config: Record<string, unknown> = {}): Promise<InPageStack> {
  const hub = memoryHub();
  const receiver = createWebhookReceiver({ secret: 'story-secret', hub });
  const emulator = createEmulator({
    basePath: '/emulator',
    scenario,
    config: { webhookSecret: 'story-secret', webhookUrl: `${GAME}/api/kid/webhooks`, minPollIntervalMs: 0, ...config },
    webhookFetch: (input, init) => receiver.fetch(new Request(input, init)),
  });
  const vendor = emulator.asFetch();
  const proxy = createKidProxy({
    apiKey: emulator.config.kidApiKey,
    baseUrl: `${GAME}/emulator/kid/api/v1/`,
    fetch: vendor,
    hub,
    webhooks: receiver,
    resolvePlayer: () => player,
  });
  if (emulator.scenario.kid.sessionId) await hub.players.setSession(player, emulator.scenario.kid.sessionId);
  const route: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    return new URL(request.url).pathname.startsWith('/api/kid/') ? proxy.fetch(request) : vendor(request);
  };
  return {
    emulator,
    fetch: route,
    async control(path, body = {}) {
      const response = await vendor(new Request(`${GAME}/emulator/_emulator${path}`, { method: 'POST', body: JSON.stringify(body) }));
      return response.json() as Promise<unknown>;
    },
  };
}
