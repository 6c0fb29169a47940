/// <reference types="node" />
// Bounded memory on the game's server: open event streams are capped per player and per
// instance, and a stream that ends frees its place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveEmulator, type RunningEmulator } from '../../src/emulator/node.js';
import { openStream, type SseStream } from './support/sse.js';
import { startProxy } from './support/stack.js';

describe('open event streams, bounded', () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const open: SseStream[] = [];

  before(async () => {
    emulator = await serveEmulator({ port: 0, scenario: 'child' });
    proxy = await startProxy(emulator, undefined, { streams: { perPlayer: 2, perInstance: 3 } });
  });

  after(async () => {
    for (const stream of open) stream.close();
    await proxy.close();
    await emulator.close();
  });

  const stream = async (player: string) => {
    const opened = await openStream(`${proxy.url}/api/kid/events`, { cookie: `player=${player}` });
    if (opened.status === 200) open.push(opened);
    return opened;
  };

  it('answers 503 with Retry-After beyond a player’s streams and the instance’s, and frees a place when a stream ends', async () => {
    assert.equal((await stream('pip')).status, 200);
    assert.equal((await stream('pip')).status, 200);
    const third = await stream('pip');
    assert.equal(third.status, 503, 'a third tab of the same player');
    assert.equal(third.headers.get('Retry-After'), '30');
    assert.equal((await stream('sam')).status, 200, 'another player still gets one');
    assert.equal((await stream('kit')).status, 503, 'the instance is full');

    // One of pip's tabs goes away: its place comes free once the server sees it leave.
    open.shift()?.close();
    let again = await stream('kit');
    for (let tries = 0; again.status !== 200 && tries < 200; tries++) {
      await new Promise((resolve) => setImmediate(resolve));
      again = await stream('kit');
    }
    assert.equal(again.status, 200);
  });
});
