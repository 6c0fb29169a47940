#!/usr/bin/env node
// `npm start`: the playgate dev server. It serves the wire explorer (every documented
// vendor answer through the real adapters) and mounts the vendor emulator at /emulator.
// It grows into the demo game.
import { createServer } from 'vite';

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
  Wire explorer   ${url}/explorer.html
  Emulator        ${url}/emulator/_emulator/   (k-ID, Nodecraft and Elements under ${url}/emulator/)
  Parent's device ${url}/emulator/parent
Press Ctrl+C to stop.`);
