// Lazy chunks that fail to load, for web-test-runner. POST /__chunks/fail?match=… makes
// every request for a module whose path holds `match` answer 503 until POST
// /__chunks/clear; GET /__chunks/log lists the module paths asked for since. Each browser
// has its own faults and log (by its user agent), so Chromium and Firefox running at once
// never mix them.
//
// The runner lets browsers cache modules for a year, so a chunk another test file loaded
// would never be asked for again. A test imports playgate under /__fresh/<name>/src/…
// instead (and its packages under /__fresh/<name>/node_modules/…): the same files, at
// addresses no other file uses, so each of its loads comes here.

const faults = new Map();
const logs = new Map();
const FRESH = /^\/__fresh\/[\w-]+(?=\/(src|node_modules)\/)/;

export function chunkFaults() {
  return async (context, next) => {
    const url = new URL(context.url, 'http://localhost');
    const browser = context.get('user-agent');
    if (url.pathname.startsWith('/__chunks/')) {
      if (url.pathname === '/__chunks/fail') faults.set(browser, url.searchParams.get('match') ?? '');
      if (url.pathname === '/__chunks/clear') {
        faults.delete(browser);
        logs.set(browser, []);
      }
      context.type = 'json';
      context.set('Cache-Control', 'no-store');
      context.body = JSON.stringify(logs.get(browser) ?? []);
      return undefined;
    }
    if (!FRESH.test(url.pathname)) return next();
    const path = url.pathname.replace(FRESH, '');
    if (!logs.has(browser)) logs.set(browser, []);
    logs.get(browser).push(path + url.search);
    const match = faults.get(browser);
    if (match && path.includes(match)) {
      context.status = 503;
      context.body = 'chunk unavailable';
      return undefined;
    }
    context.url = path + url.search;
    return next();
  };
}
