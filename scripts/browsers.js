// The Debian packages playgate tests with (browsers, redis-server, PostgreSQL), where
// their binaries are, and how to launch the browsers here.
import { existsSync, readdirSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';

/** Debian's PostgreSQL server binaries: /usr/lib/postgresql/<major>/bin, the newest installed (15 on Debian 12). */
export function postgresBin() {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.find((major) => existsSync(`${root}/${major}/bin/initdb`));
  return `${root}/${found ?? '15'}/bin`;
}

export const BROWSERS = {
  chromium: { binary: '/usr/bin/chromium', packages: ['chromium'] },
  firefox: { binary: '/usr/bin/firefox-esr', packages: ['firefox-esr'] },
  webkit: {
    binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    driver: '/usr/bin/WebKitWebDriver',
    packages: ['webkit2gtk-driver', 'xvfb'],
  },
  redis: { binary: '/usr/bin/redis-server', packages: ['redis-server'] },
  // Read when asked: the major version is only known once the package is installed.
  postgres: {
    get binary() {
      return `${postgresBin()}/initdb`;
    },
    packages: ['postgresql'],
  },
};

// Without the background-networking flags Chromium floods the closed network here.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function browserLaunchers(names) {
  return names.map((name) => {
    if (name === 'chromium') {
      return chromeLauncher({
        puppeteer,
        launchOptions: { executablePath: BROWSERS.chromium.binary, headless: true, args: CHROMIUM_ARGS },
      });
    }
    if (name === 'firefox') {
      return chromeLauncher({
        puppeteer,
        launchOptions: { browser: 'firefox', executablePath: BROWSERS.firefox.binary, headless: true },
      });
    }
    throw new Error(`unknown browser ${name}`);
  });
}
