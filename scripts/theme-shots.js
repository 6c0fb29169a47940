#!/usr/bin/env node
// `npm run shots`: a screenshot of each element in each theme (light, dark, HUD), from the
// Storybook build (`npm run build-storybook` first), into a folder it prints. For a
// designer's eye: do the three look like one product?
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BROWSERS, CHROMIUM_ARGS } from './browsers.js';
import { serveFolder } from './static-server.js';

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

const server = await serveFolder(root);
const base = server.base.replace(/\/$/, '');
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
