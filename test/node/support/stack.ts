/// <reference types="node" />
// The server piece as a game runs it: an emulator for k-ID, and the proxy with its
// webhook receiver on a real port in front of it, webhooks flowing between them.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { serveEmulator, type RunningEmulator } from '../../../src/emulator/node.js';
import { createKidProxy, createWebhookReceiver, memoryHub, type Hub, type KidProxy, type KidProxyOptions } from '../../../src/server/index.js';
import { nodeListener } from '../../../src/server/node.js';

export const WEBHOOK_SECRET = 'stack-webhook-secret';

export interface Stack {
  emulator: RunningEmulator;
  proxy: KidProxy;
  url: string;
  /** Every response the proxy sent in this stack, as text, for leak checks. */
  seen: string[];
  call(path: string, init?: RequestInit & { player?: string }): Promise<Response>;
  control(path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
}

/** A proxy on its own port; `emulator` is shared when given (several instances, one k-ID). */
export async function startProxy(emulator: RunningEmulator, hub: Hub = memoryHub(), options: Pick<KidProxyOptions, 'rateLimit' | 'streams' | 'upstreamTimeoutMs' | 'fetch' | 'events' | 'resolveJurisdiction' | 'permissionMaxAgeMs'> = {}) {
  const receiver = createWebhookReceiver({ secret: WEBHOOK_SECRET, hub });
  const proxy = createKidProxy({
    ...options,
    apiKey: emulator.emulator.config.kidApiKey,
    baseUrl: `${emulator.url}/kid/api/v1`,
    hub,
    webhooks: receiver,
    events: { heartbeatMs: 200, ...options.events },
    // The game's own sign-in, here a plain cookie.
    resolvePlayer: (request) => /(?:^|;\s*)player=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1],
  });
  const server = createServer(nodeListener(proxy.fetch));
  const url = await listen(server);
  return {
    proxy,
    url,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export async function startStack(scenario = 'child', hub?: Hub, options: Parameters<typeof startProxy>[2] = {}): Promise<Stack> {
  const emulator = await serveEmulator({ port: 0, scenario, config: { webhookSecret: WEBHOOK_SECRET, minPollIntervalMs: 0 } });
  const front = await startProxy(emulator, hub, options);
  await fetch(`${emulator.url}/_emulator/config`, { method: 'POST', body: JSON.stringify({ webhookUrl: `${front.url}/api/kid/webhooks` }) });
  const seen: string[] = [];
  return {
    emulator,
    proxy: front.proxy,
    url: front.url,
    seen,
    async call(path, init = {}) {
      const { player, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (player) headers.set('cookie', `player=${player}`);
      if (rest.body) headers.set('Content-Type', 'application/json');
      const response = await fetch(`${front.url}/api/kid/${path}`, { ...rest, headers });
      const text = await response.clone().text();
      const headerText = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      seen.push(`${headerText}\n\n${text}`);
      return response;
    },
    async control(path, body = {}) {
      const response = await fetch(`${emulator.url}/_emulator${path}`, { method: 'POST', body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`control ${path}: ${String(response.status)} ${await response.text()}`);
      return response.json() as Promise<unknown>;
    },
    async close() {
      await front.close();
      await emulator.close();
    },
  };
}
