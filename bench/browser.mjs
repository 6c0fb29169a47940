// Render timings and leak checks in headless Chromium (playwright-core, Debian's
// Chromium), on production bundles of the elements over the stack in the page. Each timing
// has a baseline (the plainest code drawing the same) measured in the same page and run,
// for a ratio that depends less on the machine than the times do. The page's event
// stream (`/api/kid/events`) is served for real, so its connections can be counted.
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
  const common = { absWorkingDir: ROOT, bundle: true, minify: true, format: 'esm', target: 'es2022', outdir: out, logLevel: 'error' };
  // The widget's lazy chunks land in the same folder, served beside their entries.
  await build({ ...common, entryPoints: { harness: join(PAGE, 'harness.ts'), widget: join(PAGE, 'widget.ts'), bare: join(PAGE, 'bare.ts') }, splitting: true });
  // The cold page's backend on its own: sharing chunks with the widget would load part of
  // the widget's code (zod, k-ID's wire schemas) before its script tag, off the clock.
  await build({ ...common, entryPoints: { stack: join(PAGE, 'stack.ts') } });
  for (const file of ['index.html', 'cold.html', 'counters.js']) copyFileSync(join(PAGE, file), join(out, file));
}

/** Both orders in turn, so neither side always runs on what the other warmed (fonts, caches). */
async function pair(run, widget, baseline) {
  if (run % 2) {
    const base = await baseline();
    return [await widget(), base];
  }
  const mine = await widget();
  return [mine, await baseline()];
}

async function coldStart(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof window.coldStartMs === 'number', undefined, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.coldStartMs);
  await page.close();
  return ms;
}

/** Each measure against its baseline, run after run, in the same browser. */
async function measureRender(browser, base) {
  const render = { consentDocument: [], plainDocument: [], permissionList: [], plainList: [], coldStart: [], bareColdStart: [], lazyFirst: [], lazySecond: [] };
  const push = (names, values) => names.forEach((name, index) => render[name].push(values[index]));
  for (let run = 0; run < RENDER_RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(`${base}index.html`);
    await page.waitForFunction(() => 'bench' in window);
    const evaluate = (call) => () => page.evaluate(call);
    push(['consentDocument', 'plainDocument'], await pair(run, evaluate(() => window.bench.consentDocument()), evaluate(() => window.bench.plainDocument())));
    push(['permissionList', 'plainList'], await pair(run, evaluate(() => window.bench.permissionList(500)), evaluate(() => window.bench.plainList(500))));
    await page.close();
    // A fresh page: the first open of the consent dialog must be its first in the page.
    const fresh = await browser.newPage();
    await fresh.goto(`${base}index.html`);
    await fresh.waitForFunction(() => 'bench' in window);
    const open = await fresh.evaluate(() => window.bench.lazyOpen());
    push(['lazyFirst', 'lazySecond'], [open.firstMs, open.secondMs]);
    await fresh.close();
    push(['coldStart', 'bareColdStart'], await pair(run, () => coldStart(browser, `${base}cold.html`), () => coldStart(browser, `${base}cold.html?bare`)));
  }
  const ratio = (widget, baseline, target) => {
    const value = median(render[widget].map((ms, run) => ms / render[baseline][run]));
    return { value, target, missedBy: Math.max(0, value - target) };
  };
  const extra = median(render.lazyFirst.map((ms, run) => ms - render.lazySecond[run]));
  return {
    runs: RENDER_RUNS,
    consentDocumentMs: median(render.consentDocument),
    plainDocumentMs: median(render.plainDocument),
    permissionListMs: median(render.permissionList),
    plainListMs: median(render.plainList),
    coldStartMs: median(render.coldStart),
    bareColdStartMs: median(render.bareColdStart),
    lazyFirstOpenMs: median(render.lazyFirst),
    lazySecondOpenMs: median(render.lazySecond),
    // Medians of each run's own ratio (both sides of it measured together).
    ratios: {
      consentDocument: ratio('consentDocument', 'plainDocument', 1.5),
      permissionList: ratio('permissionList', 'plainList', 2),
      coldStart: ratio('coldStart', 'bareColdStart', 1.5),
    },
    lazyFirstOpenExtra: { ms: extra, target: 16, missedBy: Math.max(0, extra - 16) },
    samples: render,
  };
}

export async function measureBrowser() {
  const out = mkdtempSync(join(tmpdir(), 'playgate-bench-'));
  await bundle(out);
  const server = await serveFolder(out, events);
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const render = await measureRender(browser, server.base);

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
    return { render, leaks };
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
