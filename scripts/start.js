#!/usr/bin/env node
// `npm start`: the playgate demo. The demo game, the plain-HTML page, the wire explorer,
// the vendor emulator at /emulator and the game's k-ID proxy at /api/kid, on one server.
import { createServer } from 'vite';
import { ensureCdnBuild } from './cdn.js';

await ensureCdnBuild();

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({
  configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
  server: { host: '127.0.0.1', port, strictPort: false },
  logLevel: 'warn',
});
await server.listen();
const url = (server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`).replace(/\/$/, '');
console.log(`playgate demo
  The game        ${url}/
  Plain HTML page ${url}/plain.html   (one <script type="module"> tag, no build step)
  Wire explorer   ${url}/explorer.html
  Emulator        ${url}/emulator/_emulator/   (k-ID, Nodecraft and Elements under ${url}/emulator/)
  Parent's device ${url}/emulator/parent
Press Ctrl+C to stop.`);
