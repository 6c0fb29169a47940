/// <reference types="node" />
// `npm run bench:server`: the game server's piece under load, on loopback only. It starts
// the emulator's k-ID, a real redis-server and two proxy instances (each its own process)
// on one Redis hub, then measures open streams and their memory, the fan-out of webhooks
// from one instance to streams on the other, proxy reads against direct ones, and
// webhooks per second. Writes bench/server-results.json and .md. Stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import autocannon from 'autocannon';
import { serveEmulator } from '../../src/emulator/node.js';
import { redisHub } from '../../src/server/index.js';
import { startRedis } from '../../test/node/support/redis.js';
import { signedWebhook } from '../../test/node/support/webhook.js';
import { fanOut } from './fanout.js';
import { faultRows, faultsHeld, instanceKill, kidFailure, redisRestart, slowClient, type FaultContext } from './faults.js';
import { inBatches, openStreams, type BenchStream } from './streams.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const FANOUT = Math.min(1000, Math.floor(STREAMS / 2));
const FAULT_PLAYERS = Math.min(500, Math.floor(STREAMS / 4));
const SECRET = 'bench-webhook-secret';
const PREFIX = `bench-${String(process.pid)}`;
const children: ChildProcess[] = [];

function instance(redisUrl: string, kidBase: string, apiKey: string): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'instance.ts'), redisUrl, kidBase, apiKey, SECRET, PREFIX], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      // Before it listened: it failed to start.
      reject(new Error(`an instance stopped (${String(code)})`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const url = /listening (\S+)/.exec(chunk.toString())?.[1];
      if (url) resolve(url);
    });
  });
}

const memory = async (url: string) => (await (await fetch(`${url}/__bench/memory`)).json()) as { heapUsed: number; rss: number };

/** Stops an instance and waits until it is gone. */
function stopInstance(child: ChildProcess | undefined): Promise<unknown> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

// Persistent, as docs/server.md asks of a game's Redis: the restart run keeps the event logs.
const redis = await startRedis({ persist: true });
const emulator = await serveEmulator({ port: 0, scenario: 'child', config: { webhookSecret: SECRET } });
const kidBase = `${emulator.url}/kid/api/v1`;
const apiKey = emulator.emulator.config.kidApiKey;
const driver = createClient({ url: redis.url });
// The restart run takes Redis away: reported, then node-redis reconnects by itself.
driver.on('error', () => undefined);
await driver.connect();
const hub = redisHub(driver, { prefix: PREFIX });
let streams: BenchStream[] = [];
try {
  const [a, b, c] = await Promise.all([instance(redis.url, kidBase, apiKey), instance(redis.url, kidBase, apiKey), instance(redis.url, kidBase, apiKey)]);
  console.log(`Instances: ${a} and ${b}, and ${c} for the one-instance run`);

  // One instance first (its own process, so A and B start fresh): half the streams, and the fan-out to them.
  const aloneBefore = await memory(c);
  const alone = await openStreams(STREAMS / 2, (i) => ({ url: c, player: `q${String(i)}` }));
  const aloneAfter = await memory(c);
  const aloneFanout = await fanOut(hub, alone.slice(0, FANOUT), c, SECRET, 'one');
  const one = {
    streams: alone.filter((stream) => stream.open).length,
    heapPerStreamBytes: Math.round((aloneAfter.heapUsed - aloneBefore.heapUsed) / (STREAMS / 2)),
    fanout: aloneFanout,
  };
  for (const stream of alone) stream.close();
  await stopInstance(children.pop());
  console.log(`One instance: ${JSON.stringify(one)}`);

  // Then two: player i on A when i is even, on B when odd.
  const before = { a: await memory(a), b: await memory(b) };
  const opened = Date.now();
  streams = await openStreams(STREAMS, (i) => ({ url: i % 2 ? b : a, player: `p${String(i)}` }));
  const after = { a: await memory(a), b: await memory(b) };
  const perInstance = STREAMS / 2;
  const per = (key: 'a' | 'b', field: 'heapUsed' | 'rss') => Math.round((after[key][field] - before[key][field]) / perInstance);
  const held = streams.filter((stream) => stream.open).length;
  console.log(`Streams: ${String(held)} of ${String(STREAMS)} open in ${String(Date.now() - opened)} ms`);

  // Fan-out: a webhook for each of FANOUT players, posted to A, reaches their stream on B.
  const onB = streams.filter((_, i) => i % 2 === 1).slice(0, FANOUT);
  const fanout = await fanOut(hub, onB, a, SECRET, 'two');
  console.log(`Fan-out: ${JSON.stringify(fanout)}`);

  // Proxy reads against the same reads sent straight to the emulator, same run.
  const sessionId = emulator.emulator.scenario.kid.sessionId ?? '';
  await hub.players.setSession('pip', sessionId);
  const load = (url: string, headers: Record<string, string>) => autocannon({ url, headers, connections: 50, duration: 5 });
  const direct = await load(`${kidBase}/session/get?sessionId=${sessionId}`, { Authorization: `Bearer ${apiKey}` });
  const proxied = await load(`${a}/api/kid/session/get`, { cookie: 'player=pip' });
  const proxy = {
    directRps: Math.round(direct.requests.average),
    proxyRps: Math.round(proxied.requests.average),
    ratio: Math.round((proxied.requests.average / direct.requests.average) * 100) / 100,
    addedP50Ms: proxied.latency.p50 - direct.latency.p50,
    non2xx: proxied.non2xx,
  };
  console.log(`Proxy: ${JSON.stringify(proxy)}`);

  // Webhooks: challenge results for players' challenges, verified, deduplicated and relayed.
  const WEBHOOKS = 2000;
  await inBatches(WEBHOOKS, 200, (i) => hub.players.addChallenge(onB[i % onB.length]?.player ?? '', `c-${String(i)}`));
  const started = Date.now();
  const results = await inBatches(WEBHOOKS, 50, async (i) => {
    const webhook = signedWebhook(SECRET, { eventType: 'Challenge.StateChange', data: { id: `c-${String(i)}`, status: 'PASS' } });
    return ((await (await fetch(`${a}/api/kid/webhooks`, { method: 'POST', headers: webhook.headers, body: webhook.body })).json()) as { result: string }).result;
  });
  const seconds = (Date.now() - started) / 1000;
  // The same event again, signed anew (k-ID's at-least-once retry): acknowledged, not relayed.
  const again = signedWebhook(SECRET, { eventType: 'Challenge.StateChange', data: { id: 'c-0', status: 'PASS' } }, Math.floor(Date.now() / 1000) + 1);
  const repeat = ((await (await fetch(`${b}/api/kid/webhooks`, { method: 'POST', headers: again.headers, body: again.body })).json()) as { result: string }).result;
  const webhooks = { sent: WEBHOOKS, accepted: results.filter((result) => result === 'accepted').length, perSecond: Math.round(WEBHOOKS / seconds), sameEventTwice: repeat };
  console.log(`Webhooks: ${JSON.stringify(webhooks)}`);

  // Faults: each counts what every player heard, exactly once each or the run fails.
  const ctx: FaultContext = {
    hub,
    secret: SECRET,
    a,
    b,
    emulatorUrl: emulator.url,
    kidSessionId: sessionId,
    restartRedis: () => redis.restart(),
    async spare() {
      const url = await instance(redis.url, kidBase, apiKey);
      const child = children.at(-1);
      return {
        url,
        kill: () =>
          new Promise((resolve) => {
            child?.once('exit', () => { resolve(); });
            child?.kill('SIGKILL');
          }),
      };
    },
  };
  const others = onB.slice(0, Math.min(500, onB.length));
  const faults = {
    kidFailure: await kidFailure(ctx, others),
    slowClient: await slowClient(ctx, others, memory),
    instanceKill: await instanceKill(ctx, FAULT_PLAYERS),
    redisRestart: await redisRestart(ctx, FAULT_PLAYERS),
  };
  console.log(`Faults: ${JSON.stringify(faults)}`);

  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${String(cpus().length)}, ${String(Math.round(totalmem() / 2 ** 30))} GB, Node ${process.version}`;
  const results_ = {
    measuredAt: new Date().toISOString(),
    machine,
    streams: { asked: STREAMS, held, instances: 2, a: { heapPerStreamBytes: per('a', 'heapUsed'), rssPerStreamBytes: per('a', 'rss') }, b: { heapPerStreamBytes: per('b', 'heapUsed'), rssPerStreamBytes: per('b', 'rss') } },
    fanout,
    proxy,
    webhooks,
    scaling: { one, two: { streams: held, heapPerStreamBytes: Math.round((per('a', 'heapUsed') + per('b', 'heapUsed')) / 2), fanout } },
    faults,
  };
  writeFileSync(join(import.meta.dirname, '..', 'server-results.json'), `${JSON.stringify(results_, null, 2)}\n`);
  const table = [
    `# Server bench (${results_.measuredAt.slice(0, 10)}, ${machine})`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| streams held over two instances | ${String(held)} of ${String(STREAMS)} | ≥ 10,000 |`,
    `| heap / RSS per stream (A) | ${String(results_.streams.a.heapPerStreamBytes)} / ${String(results_.streams.a.rssPerStreamBytes)} B | |`,
    `| heap / RSS per stream (B) | ${String(results_.streams.b.heapPerStreamBytes)} / ${String(results_.streams.b.rssPerStreamBytes)} B | |`,
    `| fan-out A → B, ${String(fanout.players)} players: delivered, duplicates | ${String(fanout.deliveredPct)} %, ${String(fanout.duplicates)} | 100 %, 0 |`,
    `| fan-out p50 / p99 | ${String(fanout.p50Ms)} / ${String(fanout.p99Ms)} ms | p99 ≤ 250 ms |`,
    `| session reads through the proxy vs direct | ${String(proxy.proxyRps)} vs ${String(proxy.directRps)} /s: ${String(proxy.ratio)}× | ≥ 0.5× |`,
    `| added p50 latency | ${String(proxy.addedP50Ms)} ms | |`,
    `| one instance: streams, heap per stream, fan-out p99 | ${String(one.streams)}, ${String(one.heapPerStreamBytes)} B, ${String(one.fanout.p99Ms)} ms | |`,
    `| two instances: streams, fan-out p99 | ${String(held)}, ${String(fanout.p99Ms)} ms | twice the streams |`,
    `| webhooks verified, deduplicated, relayed | ${String(webhooks.perSecond)} /s (${String(webhooks.accepted)} of ${String(webhooks.sent)}); the same event twice: ${webhooks.sameEventTwice} | |`,
    ...faultRows(faults),
    '',
  ].join('\n');
  writeFileSync(join(import.meta.dirname, '..', 'server-results.md'), table);
  console.log(`\n${table}`);
  const lost = [fanout, one.fanout, faults.slowClient.othersFanout, faults.kidFailure.streamsFanout].some((run) => run.duplicates > 0 || run.deliveredPct < 100);
  if (held < STREAMS || one.streams < STREAMS / 2 || lost || repeat !== 'duplicate' || !faultsHeld(faults)) process.exitCode = 1;
} finally {
  for (const stream of streams) stream.close();
  // The instances leave before their Redis does.
  await Promise.all(children.map(stopInstance));
  await hub.close();
  await driver.close();
  await emulator.close();
  redis.stop();
}
