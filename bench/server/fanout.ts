/// <reference types="node" />
// One k-ID webhook per player, posted to one instance, timed until it is heard on the
// player's stream (on whichever instance that stream is).
import type { Hub } from '../../src/server/index.js';
import { signedWebhook } from '../../test/node/support/webhook.js';
import { inBatches, percentile, type BenchStream } from './streams.js';

export interface FanOut {
  players: number;
  deliveredPct: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
}

/** `tag` keeps each run's session ids apart (k-ID's events are deduplicated by id). */
export async function fanOut(hub: Hub, to: readonly BenchStream[], postTo: string, secret: string, tag: string): Promise<FanOut> {
  const id = (i: number) => `${tag}-s-${String(i)}`;
  await inBatches(to.length, 100, (i) => hub.players.setSession(to[i]?.player ?? '', id(i)));
  const sent = new Map<string, number>();
  await inBatches(to.length, 50, async (i) => {
    const webhook = signedWebhook(secret, { eventType: 'Session.ChangePermissions', data: { id: id(i) } });
    sent.set(id(i), Date.now());
    await (await fetch(`${postTo}/api/kid/webhooks`, { method: 'POST', headers: webhook.headers, body: webhook.body })).text();
  });
  const changes = (stream: BenchStream) => stream.events.filter((event) => event.type === 'session-changed' && event.data.includes(`"${tag}-s-`));
  const deadline = Date.now() + 10_000;
  while (to.some((stream) => changes(stream).length === 0) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  const latencies = to.flatMap((stream, i) => {
    const first = changes(stream)[0];
    const at = sent.get(id(i));
    return first && at !== undefined ? [first.at - at] : [];
  });
  const duplicates = to.reduce((sum, stream) => sum + Math.max(0, changes(stream).length - 1), 0);
  return { players: to.length, deliveredPct: Math.round((latencies.length / to.length) * 1000) / 10, duplicates, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}
