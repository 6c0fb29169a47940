#!/usr/bin/env node
// `npm run test:stories`: every Storybook story as a test (addon-vitest, axe set to fail),
// once per theme and language that the acceptance asks for: light, dark and the HUD skin,
// in English and in Arabic (right to left); light in a second right-to-left language,
// Hebrew; then light at 320 px wide (every story checks that it reflows and clips nothing)
// in English, both right-to-left languages, and the longest: German, Finnish and Russian.
// Stops at the first failing combination.
import { spawnSync } from 'node:child_process';

const THEMES = ['light', 'dark', 'hud'];
const LOCALES = ['en', 'ar'];
const NARROW = ['en', 'ar', 'he', 'de', 'fi', 'ru'];

const RUNS = [
  ...LOCALES.flatMap((locale) => THEMES.map((theme) => ({ locale, theme, width: '1200' }))),
  { locale: 'he', theme: 'light', width: '1200' },
  ...NARROW.map((locale) => ({ locale, theme: 'light', width: '320' })),
];

for (const { locale, theme, width } of RUNS) {
  console.log(`\nStories in ${locale}, theme ${theme}, ${width} px wide:`);
  const run = spawnSync('npx', ['vitest', '--run'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_STORY_LOCALE: locale, VITE_STORY_THEME: theme, VITE_STORY_WIDTH: width },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
