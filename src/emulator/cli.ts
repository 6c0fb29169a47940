#!/usr/bin/env node
/// <reference types="node" />
// `npm run emulator`: the three vendor APIs on 127.0.0.1, configured from the environment.
import { serveEmulator } from './node.js';
import { VENDOR_ROOTS } from './emulator.js';

const env = process.env;
const port = Number(env.PLAYGATE_EMULATOR_PORT ?? 8787);

const running = await serveEmulator({
  port,
  ...(env.PLAYGATE_EMULATOR_SCENARIO ? { scenario: env.PLAYGATE_EMULATOR_SCENARIO } : {}),
  config: {
    ...(env.PLAYGATE_EMULATOR_KID_KEY ? { kidApiKey: env.PLAYGATE_EMULATOR_KID_KEY } : {}),
    ...(env.PLAYGATE_EMULATOR_WEBHOOK_SECRET ? { webhookSecret: env.PLAYGATE_EMULATOR_WEBHOOK_SECRET } : {}),
    ...(env.PLAYGATE_EMULATOR_WEBHOOK_URL ? { webhookUrl: env.PLAYGATE_EMULATOR_WEBHOOK_URL } : {}),
  },
}).catch((error: unknown) => {
  console.error(`playgate emulator could not start on port ${String(port)}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const { url, emulator } = running;
console.log(`playgate emulator (scenario "${emulator.scenario.name}")
  k-ID        ${url}${VENDOR_ROOTS.kid}/      API key: ${emulator.config.kidApiKey}
  Nodecraft   ${url}${VENDOR_ROOTS.nodecraft}/      game token: ${emulator.config.gameToken}
  Elements    ${url}${VENDOR_ROOTS.elements}/
  Parent page ${url}/parent
  Control API ${url}/_emulator/      (docs/emulator.md)
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
