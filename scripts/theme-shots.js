#!/usr/bin/env node
// `npm run shots`: a screenshot of each element in each theme (light, dark, HUD), from the
// Storybook build (`npm run build-storybook` first), into a folder it prints. For a
// designer's eye: do the three look like one product?
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { BROWSERS, CHROMIUM_ARGS } from './browsers.js';

const root = join(import.meta.dirname, '..', 'storybook-static');
if (!existsSync(root)) throw new Error('No storybook-static/: run `npm run build-storybook` first.');
const out = join(import.meta.dirname, '..', 'theme-screenshots');
mkdirSync(out, { recursive: true });

const STORIES = [
  'elements-session-status--child',
  'elements-session-status--compact-hud',
  'elements-permission-request--waiting-for-a-parent',
  'elements-permission-request--denied',
  'elements-consent-prompt--join-after-new-terms',
];
const THEMES = ['light', 'dark', 'hud'];

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return response.writeHead(404).end();
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${String(server.address().port)}`;
const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
for (const story of STORIES) {
  for (const theme of THEMES) {
    await page.goto(`${base}/iframe.html?id=${story}&viewMode=story&globals=theme:${theme};a11y.manual:!true`);
    // Stories play their part (a click, a parent's answer); the page then settles.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, `${story.replace('elements-', '')}--${theme}.png`), fullPage: true });
  }
}
await browser.close();
server.close();
console.log(`Screenshots of ${String(STORIES.length)} stories in ${THEMES.join(', ')}: ${out}`);
