import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { BROWSERS, CHROMIUM_ARGS } from './scripts/browsers.js';

// Every story is a test: it renders, its play function runs, and axe fails it on any
// violation (`a11y.test: 'error'` in .storybook/preview.ts). Debian's Chromium runs them.
export default defineConfig({
  plugins: [storybookTest({ configDir: '.storybook' })],
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
    testTimeout: 20_000,
  },
});
