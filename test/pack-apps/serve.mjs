// The game's server in the packed-package apps: the app's files, the emulator of the three
// vendors at /emulator, and the k-ID proxy at /api/kid/ (the API key stays here), all from
// the installed package. Prints its URL. Usage: node serve.mjs <folder>
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createEmulator } from 'playgate/emulator';
import { createKidProxy, memoryHub } from 'playgate/server';
import { nodeListener } from 'playgate/server/node';

const root = join(process.cwd(), process.argv[2] ?? '.');
let origin;
// Links and QR codes for the parent name this server, not the proxy's internal host.
const emulator = createEmulator({ basePath: '/emulator', publicOrigin: () => origin });
const hub = memoryHub();
// The game's own sign-in, as the proxy sees it: this page's player is Pip.
await hub.players.setSession('pip', emulator.scenario.kid.sessionId);
const proxy = createKidProxy({
  apiKey: emulator.scenario.kid.apiKey,
  baseUrl: 'http://game.internal/emulator/kid/api/v1/',
  fetch: emulator.asFetch(),
  resolvePlayer: () => 'pip',
  hub,
});
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

async function file(request) {
  const path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^(\.\.[/\\])+/, '');
  const name = join(root, path.endsWith('/') ? `${path}index.html` : path);
  try {
    return new Response(await readFile(name), { headers: { 'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream' } });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

const server = createServer(
  nodeListener((request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/emulator/')) return emulator.fetch(request);
    if (pathname.startsWith(proxy.basePath)) return proxy.fetch(request);
    return file(request);
  }),
);
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${String(server.address().port)}`;
  console.log(`${origin}/`);
});
