// Mounts playgate emulators into web-test-runner's dev server. Each test file makes its
// own (POST /__emu/new), so Chromium and Firefox never share state; requests under
// /__emu/<id>/ reach that emulator over real HTTP. Each also gets the game's server
// piece at /__emu/<id>/api/kid (the k-ID proxy, whose player is the `player` cookie),
// receiving that emulator's webhooks.
import { register } from 'tsx/esm/api';

register();
const { createEmulator } = await import('../../src/emulator/emulator.ts');
const { createKidProxy, createWebhookReceiver, memoryHub, memoryLedger } = await import('../../src/server/index.ts');
const { toRequest, sendResponse } = await import('../../src/server/node.ts');

const instances = new Map();
let nextId = 1;

/** The hub, counting the event streams open on it, so a test can wait for the push. */
function countStreams(hub) {
  const { events } = hub;
  const counted = { ...hub, streams: 0 };
  counted.events = {
    ...events,
    subscribe: async (player, listener) => {
      const unsubscribe = await events.subscribe(player, listener);
      counted.streams += 1;
      return () => {
        counted.streams -= 1;
        unsubscribe();
      };
    },
  };
  return counted;
}

function create(scenario, publicOrigin, secrets = {}) {
  const id = String(nextId++);
  const basePath = `/__emu/${id}`;
  const hub = countStreams(memoryHub());
  const secret = 'wtr-webhook-secret';
  const ledger = memoryLedger();
  const receiver = createWebhookReceiver({ secret, hub, ledger });
  const emulator = createEmulator({
    basePath,
    scenario,
    publicOrigin,
    config: { webhookSecret: secret, webhookUrl: 'http://game.internal/webhooks', ...secrets },
    webhookFetch: (input, init) => receiver.fetch(new Request(input, init)),
  });
  const proxy = createKidProxy({
    apiKey: emulator.config.kidApiKey,
    baseUrl: `http://emulator.internal${basePath}/kid/api/v1/`,
    fetch: emulator.asFetch(),
    basePath: `${basePath}/api/kid`,
    hub,
    ledger,
    webhooks: receiver,
    events: { heartbeatMs: 1000 },
    resolvePlayer: (request) => /(?:^|;\s*)player=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1],
  });
  instances.set(id, { emulator, proxy, hub, ledger });
  return { id, base: basePath };
}

export function emulatorServer() {
  return async function emulator(ctx, next) {
    if (ctx.path === '/__emu/new' && ctx.method === 'POST') {
      // Secrets may be chosen (canaries), in a header so that no URL holds them: the k-ID
      // API key and the Nodecraft game token.
      const chosen = JSON.parse(ctx.get('x-emulator-secrets') || '{}');
      const secrets = Object.fromEntries(['kidApiKey', 'gameToken'].filter((key) => typeof chosen[key] === 'string').map((key) => [key, chosen[key]]));
      ctx.body = create(ctx.query.scenario || undefined, ctx.origin, secrets);
      return;
    }
    const match = ctx.path.match(/^\/__emu\/(\d+)(\/.*)?$/);
    const instance = match && instances.get(match[1]);
    if (!instance) return next();
    const rest = match[2] ?? '/';
    ctx.respond = false;
    const request = await toRequest(ctx.req, ctx.res, ctx.origin);
    if (rest === '/__link' && ctx.method === 'POST') {
      // Test set-up only: link a player to a session, as a game's sign-up would.
      const { player, sessionId } = await request.json();
      await instance.hub.players.setSession(player, sessionId);
      await sendResponse(ctx.res, new Response(null, { status: 204 }));
      return;
    }
    if (rest === '/__push' && ctx.method === 'POST') {
      // Test set-up only: an event on a player's stream, as the game's server would send it.
      const { player, event } = await request.json();
      await instance.hub.events.publish(player, event);
      await sendResponse(ctx.res, new Response(null, { status: 204 }));
      return;
    }
    if (rest === '/__ledger') {
      // Test set-up only: a player's whole ledger, as the game's support would export it (JSON Lines).
      const player = new URL(request.url).searchParams.get('player') ?? '';
      await sendResponse(ctx.res, new Response(await instance.ledger.export(player), { headers: { 'Content-Type': 'application/x-ndjson' } }));
      return;
    }
    if (rest === '/__streams') {
      // Test set-up only: how many push streams are open.
      await sendResponse(ctx.res, Response.json({ streams: instance.hub.streams }));
      return;
    }
    const handler = rest.startsWith('/api/kid/') ? instance.proxy.fetch : instance.emulator.fetch;
    await sendResponse(ctx.res, await handler(request));
  };
}
