/// <reference types="node" />
// Debian's redis-server on a free loopback port, for one test file.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createClient } from '@redis/client';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface TestRedis {
  url: string;
  stop(): void;
  /** Stops the server (it writes its append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
}

async function ready(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = createClient({ url, socket: { reconnectStrategy: false } });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      await probe.close();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}

/**
 * Debian's redis-server on a free port. With `persist`, it keeps an append-only file (as a
 * game's Redis should for the event streams), so a restart keeps what was published.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = options.persist ? mkdtempSync(join(tmpdir(), 'playgate-redis-')) : undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...(dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])];
  const url = `redis://127.0.0.1:${String(port)}`;
  let child = spawn('redis-server', args, { stdio: 'ignore' });
  if (!(await ready(url))) {
    child.kill();
    throw new Error('redis-server did not start (is it installed? node scripts/ensure-packages.js redis)');
  }
  const stop = () => {
    child.kill();
  };
  return {
    url,
    stop() {
      stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      const exited = once(child, 'exit');
      stop();
      await exited;
      child = spawn('redis-server', args, { stdio: 'ignore' });
      if (!(await ready(url))) throw new Error('redis-server did not come back');
    },
  };
}
