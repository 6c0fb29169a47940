#!/usr/bin/env node
// Makes sure the Debian packages the tests need are installed: the browsers (test tools
// may not download their own here), redis-server and PostgreSQL. As root they are installed on the
// spot; otherwise the one command to run is printed.
//   node scripts/ensure-packages.js            chromium and firefox-esr
//   node scripts/ensure-packages.js webkit     WebKitGTK's driver and Xvfb
//   node scripts/ensure-packages.js redis      redis-server
//   node scripts/ensure-packages.js postgres   PostgreSQL (the tests run their own clusters: initdb, pg_ctl)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSERS } from './browsers.js';

const asked = process.argv.slice(2);
const wanted = asked.length ? asked : ['chromium', 'firefox'];
const missing = wanted.filter((name) => {
  const { binary, driver } = BROWSERS[name];
  return !existsSync(binary) || (driver && !existsSync(driver));
});
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((name) => BROWSERS[name].packages);
const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`Missing for the tests: ${missing.join(', ')}. Install with:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} from Debian's packages…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: 'inherit', env });
for (const name of missing) {
  if (!existsSync(BROWSERS[name].binary)) {
    console.error(`${name} is still missing after installing ${BROWSERS[name].packages.join(', ')}`);
    process.exit(1);
  }
}
