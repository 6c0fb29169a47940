#!/usr/bin/env node
// Runs the browser tests in WebKitGTK: an Xvfb display, WebKitWebDriver, then wtr.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { BROWSERS } from './browsers.js';

const port = Number(process.env.WEBKIT_DRIVER_PORT ?? 4444);
const children = [];

function start(command, args, env) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  children.push(child);
  return child;
}

function waitForPort(tries = 100) {
  return new Promise((resolve, reject) => {
    const attempt = (left) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (left === 0) reject(new Error(`WebKitWebDriver did not open port ${port}`));
        else setTimeout(() => attempt(left - 1), 100);
      });
    };
    attempt(tries);
  });
}

function stopAll() {
  for (const child of children) child.kill();
}
process.on('exit', stopAll);

const env = {};
if (!process.env.DISPLAY) {
  const display = `:${90 + (process.pid % 9)}`;
  start('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
  env.DISPLAY = display;
}
start(BROWSERS.webkit.driver, [`--port=${port}`], env);
await waitForPort();
const wtr = spawn('npx', ['wtr', '--config', 'web-test-runner.webkit.config.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
wtr.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 1);
});
