// Where the demo's backends run. Under `npm start` they are on the dev server: the
// emulator at /emulator, the game's k-ID proxy at /api/kid, the demo's own /demo-api. In
// the static build (`npm run build`, any file host) there is no server, so the same
// emulator and the same proxy run inside the page, and the page's calls reach them through
// an injected fetch: the widget, the proxy and the emulator are the real ones either way.
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { createKidProxy, createWebhookReceiver, memoryHub } from '../../src/server/index.js';

export interface DemoStack {
  /** Every call the demo makes: to the emulator, the proxy and the demo's own API. */
  fetch: typeof fetch;
  /** The backends run in this page (a static build): no event stream, no reloads. */
  inPage: boolean;
}

/** The dev server's backends, when it has them; otherwise the page's own. */
export async function demoStack(): Promise<DemoStack> {
  const probe = await fetch('/emulator/_emulator/scenario').catch(() => undefined);
  if (probe?.ok && probe.headers.get('content-type')?.includes('json')) return { fetch: globalThis.fetch.bind(globalThis), inPage: false };
  return inPageStack();
}

function inPageStack(): DemoStack {
  const origin = location.origin;
  const secret = 'in-page-demo-webhooks';
  const hub = memoryHub();
  const receiver = createWebhookReceiver({ secret, hub });
  let player = 'pip';
  const emulator: Emulator = createEmulator({
    basePath: '/emulator',
    scenario: 'child',
    publicOrigin: origin,
    config: { webhookSecret: secret, webhookUrl: `${origin}/api/kid/webhooks` },
    webhookFetch: (input, init) => receiver.fetch(new Request(input, init)),
  });
  const vendor = emulator.asFetch();
  const proxy = createKidProxy({
    apiKey: emulator.config.kidApiKey,
    baseUrl: `${origin}/emulator/kid/api/v1/`,
    fetch: vendor,
    hub,
    webhooks: receiver,
    resolvePlayer: () => player,
  });
  const link = async () => {
    const info = emulator.scenario;
    player = info.elements.userId;
    await hub.players.setSession(player, info.kid.sessionId);
    return info;
  };
  const ready = link();

  const route = async (request: Request): Promise<Response> => {
    await ready;
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/kid/')) return proxy.fetch(request);
    if (pathname === '/demo-api/scenario' && request.method === 'POST') {
      const { name } = (await request.json()) as { name?: string };
      if (!emulator.reset(name)) return Response.json({ error: 'No such scenario' }, { status: 404 });
      return Response.json(await link());
    }
    return vendor(request);
  };
  return {
    fetch: (input, init) => route(input instanceof Request ? input : new Request(new URL(String(input), origin), init)),
    inPage: true,
  };
}
