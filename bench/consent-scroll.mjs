// Measures how a 100 KB consent document renders and scrolls in <playgate-consent-prompt>,
// in headless Chromium, from the Storybook build (run `npm run build-storybook` first).
// Storybook's own axe run is turned off: it is the test tooling's cost, not the widget's.
// Usage: node bench/consent-scroll.mjs [runs]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolder } from '../scripts/static-server.js';

const root = join(import.meta.dirname, '..', 'storybook-static');
if (!existsSync(root)) throw new Error('No storybook-static/: run `npm run build-storybook` first.');
const server = await serveFolder(root);
const port = new URL(server.base).port;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
const runs = [];
for (let i = 0; i < Number(process.argv[2] ?? 5); i++) {
  await page.goto(`http://127.0.0.1:${port}/iframe.html?id=elements-consent-prompt--hundred-kilobyte-terms&viewMode=story&globals=a11y.manual:!true`);
  runs.push(
    await page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      const prompt = () => document.querySelector('playgate-consent-prompt');
      const box = () => prompt()?.shadowRoot?.querySelector('[part="document"]');
      while ((box()?.textContent.length ?? 0) < 90_000) await frame();
      await frame();
      await frame();
      const painted = performance.now() - start;
      const accept = prompt().shadowRoot.querySelector('[part="accept"]');
      const disabledBefore = accept.disabled;
      const frames = [];
      let last = performance.now();
      for (let step = 1; step <= 120; step++) {
        box().scrollTop = (box().scrollHeight * step) / 120;
        await frame();
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      await frame();
      frames.sort((a, b) => a - b);
      return { painted, median: frames[60], p95: frames[113], max: frames.at(-1), acceptGated: disabledBefore && !accept.disabled };
    }),
  );
}
await browser.close();
server.close();
const round = (n) => Math.round(n * 10) / 10;
console.table(runs.map((r) => ({ 'painted ms': round(r.painted), 'median frame': round(r.median), 'p95 frame': round(r.p95), 'max frame': round(r.max), 'Accept only at the end': r.acceptGated })));
