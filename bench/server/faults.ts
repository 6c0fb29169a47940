/// <reference types="node" />
// The fault runs of `npm run bench:server`: Redis restarted under live streams, an
// instance killed, a client that stops reading, and k-ID failing. Each counts what every
// player heard; the run fails when an event is lost or heard twice.
import type { Hub } from '../../src/server/index.js';
import { signedWebhook } from '../../test/node/support/webhook.js';
import { fanOut, type FanOut } from './fanout.js';
import { inBatches, openStream, openStreams, type BenchStream } from './streams.js';

export interface FaultContext {
  hub: Hub;
  secret: string;
  /** Instances A and B, on the shared hub. */
  a: string;
  b: string;
  /** Starts one more instance on the hub; answers its URL and a way to kill it (SIGKILL). */
  spare(): Promise<{ url: string; kill(): Promise<void> }>;
  restartRedis(): Promise<void>;
  emulatorUrl: string;
  /** A session the emulator's k-ID has, for reads that succeed once k-ID is well again. */
  kidSessionId: string;
}

/** Every player's count of each event it should have heard: exactly once each is a pass. */
export interface Delivery {
  players: number;
  expected: number;
  heardOnce: number;
  lost: number;
  duplicates: number;
}

const until = async (done: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** Posts a signed webhook as k-ID does: again, signed anew, until it is taken (k-ID retries any non-2xx). */
async function deliver(url: string, secret: string, event: unknown): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const signed = signedWebhook(secret, event, Math.floor(Date.now() / 1000) + attempt);
    const response = await fetch(`${url}/api/kid/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body }).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('a webhook was never taken');
}

const changed = (id: string) => ({ eventType: 'Session.ChangePermissions', data: { id } });

/** How often each player's streams heard each of its expected markers. */
function count(streams: readonly BenchStream[][], markers: (player: number) => string[]): Delivery {
  let heardOnce = 0;
  let lost = 0;
  let duplicates = 0;
  let expected = 0;
  streams.forEach((mine, i) => {
    for (const marker of markers(i)) {
      expected += 1;
      const times = mine.flatMap((stream) => stream.events).filter((event) => event.data.includes(`"${marker}"`)).length;
      if (times === 0) lost += 1;
      else if (times === 1) heardOnce += 1;
      else duplicates += times - 1;
    }
  });
  return { players: streams.length, expected, heardOnce, lost, duplicates };
}

const heardAll = (streams: readonly BenchStream[][], markers: (player: number) => string[]) => () => count(streams, markers).lost === 0;

/** Redis restarted while streams are open on B: events before and after, each heard once, with no client reconnecting. */
export async function redisRestart(ctx: FaultContext, players: number): Promise<Delivery & { restartMs: number }> {
  const streams = await openStreams(players, (i) => ({ url: ctx.b, player: `redis-${String(i)}` }));
  try {
    const markers = (i: number) => [`rb-${String(i)}`, `ra-${String(i)}`];
    await inBatches(players, 100, (i) => ctx.hub.players.setSession(`redis-${String(i)}`, `rb-${String(i)}`));
    await inBatches(players, 50, (i) => deliver(ctx.a, ctx.secret, changed(`rb-${String(i)}`)));
    await until(heardAll(streams.map((s) => [s]), (i) => [markers(i)[0] ?? '']), 10_000);
    const started = Date.now();
    await ctx.restartRedis();
    const restartMs = Date.now() - started;
    await inBatches(players, 100, (i) => ctx.hub.players.setSession(`redis-${String(i)}`, `ra-${String(i)}`));
    await inBatches(players, 50, (i) => deliver(ctx.a, ctx.secret, changed(`ra-${String(i)}`)));
    const all = streams.map((s) => [s]);
    await until(heardAll(all, markers), 15_000);
    // Time for a late duplicate to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ...count(all, markers), restartMs };
  } finally {
    for (const stream of streams) stream.close();
  }
}

/**
 * An instance killed with its players' streams open: while it is down their challenge
 * results are posted; they reconnect to B with Last-Event-ID and get them, then live ones.
 */
export async function instanceKill(ctx: FaultContext, players: number): Promise<Delivery> {
  const doomed = await ctx.spare();
  const player = (i: number) => `kill-${String(i)}`;
  const first = await openStreams(players, (i) => ({ url: doomed.url, player: player(i) }));
  const second: BenchStream[] = [];
  try {
    await inBatches(players, 100, async (i) => {
      await ctx.hub.players.setSession(player(i), `kb-${String(i)}`);
      await ctx.hub.players.addChallenge(player(i), `kc-${String(i)}`);
    });
    await inBatches(players, 50, (i) => deliver(ctx.a, ctx.secret, changed(`kb-${String(i)}`)));
    await until(heardAll(first.map((s) => [s]), (i) => [`kb-${String(i)}`]), 10_000);
    await doomed.kill();
    // While they are cut off: each player's parent answers.
    await inBatches(players, 50, (i) => deliver(ctx.a, ctx.secret, { eventType: 'Challenge.StateChange', data: { id: `kc-${String(i)}`, status: 'PASS' } }));
    // Their browsers reconnect through the load balancer, to B, from the last id they heard.
    for (let i = 0; i < players; i += 250) {
      const batch = first.slice(i, i + 250);
      second.push(...(await Promise.all(batch.map((stream, j) => openStream(ctx.b, player(i + j), stream.events.at(-1)?.id)))));
    }
    await inBatches(players, 100, (i) => ctx.hub.players.setSession(player(i), `ka-${String(i)}`));
    await inBatches(players, 50, (i) => deliver(ctx.a, ctx.secret, changed(`ka-${String(i)}`)));
    const all = first.map((stream, i) => [stream, second[i] as BenchStream]);
    const markers = (i: number) => [`kb-${String(i)}`, `kc-${String(i)}`, `ka-${String(i)}`];
    await until(heardAll(all, markers), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return count(all, markers);
  } finally {
    for (const stream of [...first, ...second]) stream.close();
  }
}

/**
 * One client stops reading while 8 MB is published for it; a fan-out to other players on
 * the same instance runs meanwhile. The slow one is dropped; the others are served as before.
 */
export async function slowClient(ctx: FaultContext, others: readonly BenchStream[], memory: (url: string) => Promise<{ rss: number }>) {
  const slow = await openStream(ctx.b, 'slow-reader');
  slow.pause();
  const rssBefore = (await memory(ctx.b)).rss;
  const big = 'x'.repeat(4000);
  const flood = inBatches(2000, 20, (i) => ctx.hub.events.publish('slow-reader', { type: 'session-changed', sessionId: `${big}${String(i)}` }));
  const fanout: FanOut = await fanOut(ctx.hub, others, ctx.a, ctx.secret, 'slow');
  await flood;
  const rssAfter = (await memory(ctx.b)).rss;
  slow.resume();
  await until(() => slow.ended, 10_000);
  const readEvents = slow.events.length;
  slow.close();
  return { publishedBytes: 2000 * big.length, readEvents, dropped: slow.ended && readEvents < 2000, rssGrowthBytes: rssAfter - rssBefore, othersFanout: fanout };
}

/** k-ID answering 503, then too slowly: the proxy answers at once with a clear status, and streams go on. */
export async function kidFailure(ctx: FaultContext, others: readonly BenchStream[]) {
  const control = (method: string, body?: unknown) => fetch(`${ctx.emulatorUrl}/_emulator/faults`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  await ctx.hub.players.setSession('kid-fault', ctx.kidSessionId);
  const read = async () => {
    const started = Date.now();
    const response = await fetch(`${ctx.a}/api/kid/session/get`, { headers: { cookie: 'player=kid-fault' } });
    return { status: response.status, error: ((await response.json().catch(() => ({}))) as { error?: string }).error ?? '', ms: Date.now() - started };
  };
  await control('POST', { vendor: 'kid', path: '/session/get', kind: '5xx', status: 503 });
  const unavailable = await read();
  await control('DELETE');
  await control('POST', { vendor: 'kid', path: '/session/get', kind: 'latency', ms: 6000 });
  const [slow, fanout] = await Promise.all([read(), fanOut(ctx.hub, others, ctx.a, ctx.secret, 'kidfault')]);
  await control('DELETE');
  const after = await read();
  return { unavailable, timedOut: slow, afterwards: after, streamsFanout: fanout };
}

type Faults = {
  kidFailure: Awaited<ReturnType<typeof kidFailure>>;
  slowClient: Awaited<ReturnType<typeof slowClient>>;
  instanceKill: Delivery;
  redisRestart: Delivery & { restartMs: number };
};

const exactlyOnce = (run: Delivery) => run.lost === 0 && run.duplicates === 0 && run.heardOnce === run.expected;

/** What the script asserts, not only prints. */
export function faultsHeld(faults: Faults): boolean {
  const kid = faults.kidFailure;
  return (
    exactlyOnce(faults.redisRestart) &&
    exactlyOnce(faults.instanceKill) &&
    faults.slowClient.dropped &&
    kid.unavailable.status === 503 &&
    kid.timedOut.status === 504 &&
    kid.afterwards.status === 200
  );
}

export function faultRows(faults: Faults): string[] {
  const once = (run: Delivery) => `${String(run.heardOnce)} of ${String(run.expected)} heard once, ${String(run.lost)} lost, ${String(run.duplicates)} twice`;
  const kid = faults.kidFailure;
  const slow = faults.slowClient;
  return [
    `| Redis restarted (${String(faults.redisRestart.restartMs)} ms) under ${String(faults.redisRestart.players)} live streams: events before and after | ${once(faults.redisRestart)} | all once |`,
    `| an instance killed; its ${String(faults.instanceKill.players)} players resume on the other with Last-Event-ID (a challenge result posted while cut off) | ${once(faults.instanceKill)} | all once |`,
    `| a client that stops reading while ${String(slow.publishedBytes / 1e6)} MB is published for it | dropped: ${String(slow.dropped)} (${String(slow.readEvents)} events read); the instance's RSS grew ${String(Math.round(slow.rssGrowthBytes / 1e6))} MB; others meanwhile: ${String(slow.othersFanout.deliveredPct)} %, p99 ${String(slow.othersFanout.p99Ms)} ms | dropped, others served |`,
    `| k-ID answers 503, then takes 6 s | ${String(kid.unavailable.status)} in ${String(kid.unavailable.ms)} ms, ${String(kid.timedOut.status)} ${kid.timedOut.error} in ${String(kid.timedOut.ms)} ms, then ${String(kid.afterwards.status)}; streams meanwhile ${String(kid.streamsFanout.deliveredPct)} %, p99 ${String(kid.streamsFanout.p99Ms)} ms | clear errors, streams unaffected |`,
  ];
}
