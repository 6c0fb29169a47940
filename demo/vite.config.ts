import { copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { cssLiteralsVite } from '../scripts/css-literals.js';
import type { Emulator } from '../src/emulator/index.js';
import { playgateEmulator } from '../src/emulator/vite.js';
import { createKidProxy, createWebhookReceiver, memoryHub, memoryLedger } from '../src/server/index.js';
import { expressMiddleware } from '../src/server/node.js';
import { chatRoute } from './chat-route.js';

// The dev server of `npm start`: the demo pages, the emulator at /emulator, and the
// game's own server piece at /api/kid, wired as a game would: widget → proxy → k-ID (the
// emulator's), and k-ID's webhooks → the proxy's receiver. Both hops are in-process.

const WEBHOOK_SECRET = 'demo-webhook-secret';
const KID_API_KEY = 'demo-kid-key';
const hub = memoryHub();
// What the player agreed to and what the server saw: Settings → "What I agreed to" reads it.
const ledger = memoryLedger();
const receiver = createWebhookReceiver({ secret: WEBHOOK_SECRET, hub, ledger });
let emulator: Emulator | undefined;

/** The demo's stand-in for a game's sign-in: a cookie naming the player. */
function demoPlayer(request: Request): string | undefined {
  return /(?:^|;\s*)playgate_demo_player=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

const proxy = createKidProxy({
  apiKey: KID_API_KEY,
  baseUrl: 'http://emulator.internal/emulator/kid/api/v1/',
  fetch: (input, init) => {
    if (!emulator) return Promise.reject(new Error('the emulator is not ready'));
    return emulator.asFetch()(input, init);
  },
  resolvePlayer: demoPlayer,
  hub,
  webhooks: receiver,
  ledger,
});
const postInChat = chatRoute(proxy);

function gameServer(): Plugin {
  return {
    name: 'playgate-demo-game-server',
    configureServer(server) {
      server.middlewares.use(expressMiddleware(proxy.fetch, proxy.basePath));
      server.middlewares.use(expressMiddleware(demoApi, '/demo-api'));
      server.middlewares.use(expressMiddleware(plainFiles, '/plain.html'));
      server.middlewares.use(expressMiddleware(plainFiles, '/playgate.js'));
    },
    // The plain page is not built: it and the CDN file are copied as they are.
    closeBundle() {
      copyFileSync(resolve(import.meta.dirname, 'static/plain.html'), resolve(import.meta.dirname, '../dist-demo/plain.html'));
      copyFileSync(CDN_FILE, resolve(import.meta.dirname, '../dist-demo/playgate.js'));
    },
  };
}

const CDN_FILE = resolve(import.meta.dirname, '../dist/playgate.js');

/** The plain-HTML page and the one-file build it loads (`npm start` builds it first). */
async function plainFiles(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const file = pathname === '/playgate.js' ? CDN_FILE : resolve(import.meta.dirname, 'static/plain.html');
  const type = pathname === '/playgate.js' ? 'text/javascript' : 'text/html';
  try {
    return new Response(await readFile(file), { headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' } });
  } catch {
    return new Response('Not built yet: run npm run build', { status: 404 });
  }
}

/**
 * The demo's own backend: switching scenario resets the emulator, signs the demo in as
 * that scenario's player (a cookie, as a game's sign-in would) and links them to their
 * k-ID session in the proxy, as a game's sign-up would.
 */
async function demoApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/demo-api/chat' && request.method === 'POST') return postInChat(request);
  if (url.pathname !== '/demo-api/scenario' || request.method !== 'POST') return new Response('Not found', { status: 404 });
  if (!emulator) return new Response('The emulator is not ready', { status: 503 });
  const { name } = (await request.json()) as { name?: unknown };
  const info = emulator.reset(typeof name === 'string' ? name : undefined);
  if (!info) return Response.json({ error: 'No such scenario' }, { status: 404 });
  const player = info.elements.userId;
  await hub.players.setSession(player, info.kid.sessionId);
  return Response.json(info, { headers: { 'Set-Cookie': `playgate_demo_player=${player}; Path=/; SameSite=Lax` } });
}

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: '../dist-demo',
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), explorer: resolve(import.meta.dirname, 'explorer.html') } },
  },
  plugins: [
    cssLiteralsVite(),
    playgateEmulator({
      config: { kidApiKey: KID_API_KEY, webhookSecret: WEBHOOK_SECRET, webhookUrl: 'http://game.internal/api/kid/webhooks' },
      webhookFetch: (input, init) => receiver.fetch(new Request(input, init)),
      onReady(ready) {
        emulator = ready;
        // The scenario's player already has a k-ID session: link it as the game would.
        const { scenario } = ready;
        if (scenario.kid.sessionId) void hub.players.setSession(scenario.elements.userId, scenario.kid.sessionId);
      },
    }),
    gameServer(),
  ],
});
