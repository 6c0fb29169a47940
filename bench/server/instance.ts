/// <reference types="node" />
// One playgate server instance for `npm run bench:server`, in its own process (file
// descriptors are per process): the k-ID proxy with its webhook receiver on a shared
// Redis hub. Prints its URL when listening; `GET /__bench/memory` answers its memory
// after a garbage collection.
import { createServer } from 'node:http';
import { createClient } from '@redis/client';
import { createKidProxy, createWebhookReceiver, redisHub } from '../../src/server/index.js';
import { nodeListener } from '../../src/server/node.js';

const [redisUrl = '', kidBase = '', apiKey = '', webhookSecret = '', prefix = 'bench'] = process.argv.slice(2);
const client = createClient({ url: redisUrl });
// A Redis that goes away (the bench ends, or a fault run restarts it) is reported, not fatal.
client.on('error', (error: unknown) => {
  console.error(`instance: Redis: ${String(error)}`);
});
await client.connect();
const hub = redisHub(client, { prefix });
const proxy = createKidProxy({
  apiKey,
  baseUrl: kidBase,
  hub,
  webhooks: createWebhookReceiver({ secret: webhookSecret, hub }),
  // The load comes from a few bench players: their limit is the bench's, not a player's.
  rateLimit: { capacity: 1e9, perSecond: 1e9 },
  // The k-ID fault run holds an answer 6 s: a bench need not wait the default 10.
  upstreamTimeoutMs: 2000,
  streams: { perPlayer: 4, perInstance: 19_000 },
  events: { heartbeatMs: 15_000 },
  resolvePlayer: (request) => /(?:^|;\s*)player=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1],
});
const serve = nodeListener(proxy.fetch);
const server = createServer((req, res) => {
  if (req.url === '/__bench/memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ heapUsed, rss }));
    return;
  }
  serve(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void hub.close().then(() => client.close()).finally(() => process.exit(0));
});
