// Render timings and leak checks in headless Chromium (playwright-core, Debian's
// Chromium), on production bundles of the elements over the stack in the page. The page's
// event stream (`/api/kid/events`) is served for real, so its connections can be counted.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { BROWSERS, CHROMIUM_ARGS } from '../scripts/browsers.js';
import { serveFolder } from '../scripts/static-server.js';

const ROOT = join(import.meta.dirname, '..');
const PAGE = join(import.meta.dirname, 'page');
export const RENDER_RUNS = Number(process.env.BENCH_RUNS ?? 7);
export const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const TAGS = process.env.BENCH_TAGS?.split(',') ?? ['playgate-provider', 'playgate-session-status', 'playgate-consent-prompt', 'playgate-permission-request'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A stream that stays open with nothing to say, as the game's server's does between events. */
function events(request, response) {
  if (!request.url?.startsWith('/api/kid/events')) return false;
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  response.write(': open\n\n');
  return true;
}

async function bundle(out) {
  await build({
    entryPoints: { harness: join(PAGE, 'harness.ts'), stack: join(PAGE, 'stack.ts'), widget: join(PAGE, 'widget.ts') },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: out,
    logLevel: 'error',
  });
  for (const file of ['index.html', 'cold.html', 'counters.js']) copyFileSync(join(PAGE, file), join(out, file));
}

export async function measureBrowser() {
  const out = mkdtempSync(join(tmpdir(), 'playgate-bench-'));
  await bundle(out);
  const server = await serveFolder(out, events);
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const render = { consentDocument: [], permissionList: [], coldStart: [] };
    for (let run = 0; run < RENDER_RUNS; run++) {
      const page = await browser.newPage();
      await page.goto(`${server.base}index.html`);
      await page.waitForFunction(() => 'bench' in window);
      render.consentDocument.push(await page.evaluate(() => window.bench.consentDocument()));
      render.permissionList.push(await page.evaluate(() => window.bench.permissionList(500)));
      await page.close();
      const cold = await browser.newPage();
      await cold.goto(`${server.base}cold.html`);
      await cold.waitForFunction(() => typeof window.coldStartMs === 'number', undefined, { timeout: 30_000 });
      render.coldStart.push(await cold.evaluate(() => window.coldStartMs));
      await cold.close();
    }

    const leaks = [];
    for (const tag of TAGS) {
      const page = await browser.newPage();
      await page.addInitScript({ path: join(PAGE, 'counters.js') });
      await page.goto(`${server.base}index.html`);
      await page.waitForFunction(() => 'bench' in window);
      await page.evaluate(() => window.bench.ensureStack('child'));
      const cdp = await page.context().newCDPSession(page);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        await page.evaluate(() => window.gc?.());
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      // One warm-up cycle loads what stays for good (styles, the locale, lazy modules).
      await page.evaluate((name) => window.bench.cycles(name, 1), tag);
      const before = { live: await page.evaluate(() => window.__benchLive()), heap: await heap() };
      await page.evaluate(([name, times]) => window.bench.cycles(name, times), [tag, CYCLES]);
      const after = { live: await page.evaluate(() => window.__benchLive()), heap: await heap() };
      leaks.push({
        element: tag,
        cycles: CYCLES,
        timers: after.live.timers - before.live.timers,
        listeners: after.live.listeners - before.live.listeners,
        connections: after.live.connections - before.live.connections,
        heapGrowthBytes: after.heap - before.heap,
      });
      await page.close();
    }
    return {
      render: {
        runs: RENDER_RUNS,
        consentDocumentMs: median(render.consentDocument),
        permissionListMs: median(render.permissionList),
        coldStartMs: median(render.coldStart),
      },
      leaks,
    };
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
