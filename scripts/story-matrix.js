#!/usr/bin/env node
// `npm run test:stories`: every Storybook story as a test (addon-vitest, axe set to fail),
// once per theme and language that the acceptance asks for: light, dark and the HUD skin,
// in English and in Arabic (right to left). Stops at the first failing combination.
import { spawnSync } from 'node:child_process';

const THEMES = ['light', 'dark', 'hud'];
const LOCALES = ['en', 'ar'];

for (const locale of LOCALES) {
  for (const theme of THEMES) {
    console.log(`\nStories in ${locale}, theme ${theme}:`);
    const run = spawnSync('npx', ['vitest', '--run'], {
      stdio: 'inherit',
      env: { ...process.env, VITE_STORY_LOCALE: locale, VITE_STORY_THEME: theme },
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
