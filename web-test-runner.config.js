import { esbuildPlugin } from '@web/dev-server-esbuild';
import { browserLaunchers } from './scripts/browsers.js';
import { chunkFaults } from './test/support/chunk-faults.js';
import { cspServer } from './test/support/csp-server.js';
import { emulatorServer } from './test/support/emulator-server.js';
import { wireServer } from './test/support/wire-server.js';

/** The fuzz suites' seed and length: fixed and short in `npm test`, longer in `npm run fuzz`. */
async function fuzzSettings(context, next) {
  if (context.path !== '/__fuzz/settings') return next();
  context.type = 'json';
  context.body = JSON.stringify({ seed: Number(process.env.FUZZ_SEED ?? 20261122), runs: Number(process.env.FUZZ_RUNS ?? 60) });
  return undefined;
}

// Every run tests in Debian's Chromium and Firefox ESR (see scripts/browsers.js).
export default {
  // test/node/ runs under Node's own test runner (npm run test:node).
  files: ['test/**/*.test.ts', 'src/**/*.test.ts', '!test/node/**'],
  nodeResolve: true,
  // One test file at a time per browser: a page in the background pauses its timers and
  // animation frames, and its visibility reads as hidden.
  concurrency: 1,
  concurrentBrowsers: 2,
  browsers: browserLaunchers(['chromium', 'firefox']),
  middleware: [chunkFaults(), wireServer(), emulatorServer(), cspServer(), fuzzSettings],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  // Generous: CI shares two cores between both browsers and the servers.
  testFramework: { config: { timeout: 20000 } },
  // The fault runs and fuzz suites are long files of many short tests.
  testsFinishTimeout: 600_000,
};
