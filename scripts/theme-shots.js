#!/usr/bin/env node
// `npm run shots`: a screenshot of each element in each theme (light, dark, HUD), from the
// Storybook build (`npm run build-storybook` first), into a folder it prints. For a
// designer's eye: do the three look like one product? Then the same stories in a
// high-contrast mode (forced colors, dark) and at 320 px wide, for an accessibility eye.
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
  'elements-permission-request--age-gate',
  'elements-consent-prompt--join-after-new-terms',
];
const THEMES = ['light', 'dark', 'hud'];
const PASSES = [
  ...THEMES.map((theme) => ({ name: theme, theme, width: 720 })),
  { name: 'forced-colors', theme: 'light', width: 720, media: { forcedColors: 'active', colorScheme: 'dark' } },
  { name: '320px', theme: 'light', width: 320 },
];

const server = await serveFolder(root);
const base = server.base.replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
for (const story of STORIES) {
  for (const pass of PASSES) {
    await page.setViewportSize({ width: pass.width, height: 900 });
    await page.emulateMedia(pass.media ?? { forcedColors: 'none', colorScheme: 'light' });
    await page.goto(`${base}/iframe.html?id=${story}&viewMode=story&globals=theme:${pass.theme};a11y.manual:!true`);
    // Stories play their part (a click, a parent's answer); the page then settles.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, `${story.replace('elements-', '')}--${pass.name}.png`), fullPage: true });
  }
}
await browser.close();
server.close();
console.log(`Screenshots of ${String(STORIES.length)} stories, ${PASSES.map((pass) => pass.name).join(', ')}: ${out}`);
