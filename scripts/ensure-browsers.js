#!/usr/bin/env node
// Makes sure Debian's browsers for the tests are installed. Test tools may not download
// their own browsers here, so playgate uses Debian's packages: as root they are installed
// on the spot; otherwise the one command to run is printed.
//   node scripts/ensure-browsers.js            chromium and firefox-esr
//   node scripts/ensure-browsers.js webkit     WebKitGTK's driver and Xvfb
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSERS } from './browsers.js';

const wanted = process.argv.includes('webkit') ? ['webkit'] : ['chromium', 'firefox'];
const missing = wanted.filter((name) => {
  const { binary, driver } = BROWSERS[name];
  return !existsSync(binary) || (driver && !existsSync(driver));
});
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((name) => BROWSERS[name].packages);
const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`Missing browsers for the tests: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${command}'`);
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
