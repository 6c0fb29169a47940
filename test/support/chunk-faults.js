// Lazy chunks that fail to load, for web-test-runner. POST /__chunks/fail?match=… makes
// every request for a module whose path holds `match` answer 503 until POST
// /__chunks/clear; GET /__chunks/log lists the module paths asked for since. Each browser
// has its own faults and log (by its user agent), so Chromium and Firefox running at once
// never mix them.

const faults = new Map();
const logs = new Map();

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
    if (url.pathname.startsWith('/src/')) {
      if (!logs.has(browser)) logs.set(browser, []);
      logs.get(browser).push(url.pathname + url.search);
      const match = faults.get(browser);
      if (match && url.pathname.includes(match)) {
        context.status = 503;
        context.set('Cache-Control', 'no-store');
        context.body = 'chunk unavailable';
        return undefined;
      }
    }
    return next();
  };
}
