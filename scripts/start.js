#!/usr/bin/env node
// `npm start`: the playgate dev server. For now it serves the wire explorer: every
// documented vendor answer run through the real adapters. It grows into the demo game.
import { createServer } from 'vite';

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({
  root: new URL('../demo/', import.meta.url).pathname,
  server: { host: '127.0.0.1', port, strictPort: false },
  logLevel: 'warn',
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`playgate wire explorer: ${url}\nPress Ctrl+C to stop.`);
