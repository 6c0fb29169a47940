/// <reference types="node" />
// A throwaway PostgreSQL cluster for one test file: Debian's initdb into a temporary folder,
// the server on a free loopback port with trust auth, stopped and removed at the end.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

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

/** Debian's server binaries, the newest major installed (scripts/browsers.js finds them the same way). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const major = majors.find((name) => existsSync(join(root, name, 'bin', 'initdb')));
  if (!major) throw new Error('PostgreSQL is not installed (node scripts/ensure-packages.js postgres)');
  return join(root, major, 'bin');
}

/** initdb and postgres refuse to run as root: as root (here and in CI), they run as Debian's `postgres` user. */
function runAs(): Pick<SpawnOptions, 'uid' | 'gid'> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface TestPostgres {
  /** Connection settings for node-postgres (`new pg.Pool(config)`). */
  config: pg.PoolConfig;
  /** A pool on the cluster; ended by `stop`. */
  pool: pg.Pool;
  stop(): Promise<void>;
}

async function ready(config: pg.PoolConfig, server: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (server.exitCode !== null) return false;
    const probe = new pg.Client(config);
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      return true;
    } catch {
      await probe.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}

/** A new cluster on a free port; its data lives in a temporary folder removed by `stop`. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'playgate-pg-'));
  if (owner.uid !== undefined && owner.gid !== undefined) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  execFileSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...owner, stdio: 'ignore' });
  const port = await freePort();
  // No fsync and no Unix socket: a test cluster, reached on loopback only.
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'], {
    ...owner,
    stdio: 'ignore',
  });
  const config: pg.PoolConfig = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await ready(config, server))) {
    server.kill('SIGKILL');
    remove();
    throw new Error('postgres did not start');
  }
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return {
    config,
    pool,
    async stop() {
      await pool.end().catch(() => undefined);
      if (server.exitCode === null) {
        const exited = once(server, 'exit');
        // SIGINT: PostgreSQL's fast shutdown.
        server.kill('SIGINT');
        await exited;
      }
      remove();
    },
  };
}
