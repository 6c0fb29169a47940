#!/usr/bin/env node
// `npm run smoke`: walks the demo game as a player and a parent would, in Debian's
// Chromium (playwright-core), finding every control by its role and accessible name, and
// saves a screenshot of each step to a folder it prints. Exits non-zero on any failure.
// With `--static`, it walks the static build in dist-demo/ (npm run build) instead of the
// dev server: the same game, with the emulator and the proxy running in the page.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { BROWSERS, CHROMIUM_ARGS } from './browsers.js';
import { ensureCdnBuild } from './cdn.js';
import { serveFolder } from './static-server.js';

const staticBuild = process.argv.includes('--static');
const out = join(import.meta.dirname, '..', staticBuild ? 'smoke-screenshots/static' : 'smoke-screenshots');
mkdirSync(out, { recursive: true });

/** dist-demo/ from a plain file server, as any static host would serve it. */
function serveStatic() {
  const root = join(import.meta.dirname, '..', 'dist-demo');
  if (!existsSync(join(root, 'index.html'))) throw new Error('No dist-demo/: run npm run build first.');
  return serveFolder(root);
}

async function serveDev() {
  await ensureCdnBuild();
  const dev = await createServer({
    configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
    server: { host: '127.0.0.1', port: 0 },
    logLevel: 'error',
  });
  await dev.listen();
  return { base: dev.resolvedUrls?.local[0] ?? '', close: () => dev.close() };
}

const server = staticBuild ? await serveStatic() : await serveDev();
const { base } = server;
const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
const problems = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
// Errors the page logs fail the walk. HTTP errors are expected answers here (a revoked
// session's 400, a static host's 404 for the dev server's stream), and the widget shows them.
page.on('console', (message) => {
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
});
let step = 0;

async function shot(name) {
  step += 1;
  const file = join(out, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`  ✓ ${name}`);
}

/** Reads a consent document to its end and accepts it. */
async function acceptDocument(title) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  const text = dialog.getByRole('document');
  await text.evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });
  await dialog.getByRole('button', { name: 'I accept' }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The parent types the code on their phone (the iframe beside the game) and answers. */
async function parentAnswers(decision) {
  const code = await page.locator('playgate-challenge-panel').first().locator('[part="code"]').innerText();
  const phone = page.frameLocator('iframe[title="The parent\'s phone"]');
  const another = phone.getByRole('link', { name: 'Enter another code' });
  if (await another.count()) await another.click();
  await phone.getByLabel('Code').fill(code);
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('button', { name: decision }).click();
}

/** Switches the demo to a scenario, signs in, joins the open server and opens the settings. */
async function playAs(scenario, name) {
  await page.getByLabel('Scenario').selectOption(scenario);
  await page.getByRole('button', { name: `Play as ${name}` }).click();
  await page.getByRole('button', { name: 'Join Open Plains' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings · Account and permissions' }).waitFor();
}

/** The player's own age check: k-ID's page (the emulator's) in the dialog's frame. */
async function passTheAgeCheck(name) {
  const dialog = page.getByRole('dialog', { name: 'Check your age' });
  await dialog.waitFor();
  const frame = page.frameLocator('iframe[title="Age check"]');
  await frame.getByRole('button', { name: 'Pass the check' }).waitFor();
  await shot(name);
  await frame.getByRole('button', { name: 'Pass the check' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function finish() {
  if (problems.length) throw new Error(problems.join('\n'));
  console.log(`smoke${staticBuild ? ' (static build)' : ''}: ${String(step)} steps passed; screenshots in ${out}`);
}

try {
  console.log(`Demo at ${base}`);
  if (!staticBuild) {
    await page.request.post(`${base}demo-api/scenario`, { data: { name: 'child' } });
    await page.context().addCookies([{ name: 'playgate_demo_player', value: 'pip', url: base }]);
  }
  await page.goto(base);
  await page.getByRole('heading', { name: 'Block Game' }).waitFor();
  await shot('title');

  await page.getByRole('button', { name: 'Play as Pip' }).click();
  await page.getByRole('dialog', { name: 'Terms of service' }).waitFor();
  await shot('terms');
  await acceptDocument('Terms of service');
  await acceptDocument('Game rules');
  await page.getByRole('heading', { name: 'Servers' }).waitFor();
  await shot('servers');

  await page.getByRole('button', { name: 'Join Creative Friends' }).click();
  await page.getByRole('dialog', { name: 'Server rules' }).waitFor();
  await shot('server-rules');
  await acceptDocument('Server rules');
  await page.getByRole('heading', { name: 'Voice chat' }).waitFor();
  await shot('playing');

  // The game's own server checks the permission again before it posts (requirePermission).
  await page.getByLabel('Say something to everyone').fill('Hello, builders');
  await page.getByRole('button', { name: 'Post' }).click();
  await page.getByRole('list', { name: 'Posted' }).getByText('Hello, builders').waitFor();
  await shot('public-chat-posted');

  await page.getByRole('button', { name: 'Ask a parent Voice chat' }).click();
  await page.getByRole('heading', { name: 'Ask a parent for Voice chat' }).waitFor();
  await shot('ask-a-parent');
  await parentAnswers('Approve');
  await page.getByRole('button', { name: 'Talk to your team' }).waitFor();
  await shot('voice-chat-approved');

  await page.getByRole('button', { name: 'Birthday: age up' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByText('What changed').first().waitFor();
  await shot('aged-up');

  await page.getByRole('button', { name: 'Parent revokes access' }).click();
  await page.getByText('A parent reset your account').first().waitFor();
  await page.getByRole('button', { name: 'Set up my account' }).first().click();
  const birth = page.getByRole('group', { name: 'Date of birth' }).first();
  await birth.getByLabel('Month').selectOption({ label: 'March' });
  await birth.getByLabel('Day').selectOption('1');
  await birth.getByLabel('Year').selectOption('2017');
  await page.getByRole('button', { name: 'Continue' }).first().click();
  await page.getByRole('heading', { name: 'A parent needs to say yes' }).waitFor();
  await shot('revoked-set-up-again');
  await parentAnswers('Approve');
  await page.getByText('Child account').first().waitFor();
  await shot('set-up-again');

  await page.getByRole('button', { name: 'In-game overlay' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('heading', { name: 'Voice chat' }).waitFor();
  await shot('overlay');

  // The same widget from one <script type="module"> tag, no build step (it needs the dev
  // server's backends, so not on a static host).
  if (!staticBuild) {
    await page.goto(`${base}plain.html`);
    await page.getByText('Child account').first().waitFor();
    await page.getByRole('button', { name: 'Sign in with Nodecraft (asks for the terms)' }).click();
    // Pip accepted the terms in the game above: the same player signs in without being asked again.
    await page.getByText('Signed in as Pip').waitFor();
    await shot('plain-html-page');
  }
  // Last, as they switch players: k-ID's age checks. the emulator's check page is served by the dev server, so not on a static host.
  if (!staticBuild) {
    await page.goto(base);
    await playAs('adult', 'Sam');
    await page.getByRole('button', { name: 'Verify your age Paid loot boxes' }).click();
    await passTheAgeCheck('threshold-age-check');
    await page.getByText('Paid loot boxes is on.').first().waitFor();
    await shot('threshold-on');

    await playAs('unverified-adult', 'Sam');
    await page.getByText('Some features stay locked until you check your age.').first().waitFor();
    await shot('unverified-adult');
    await page.getByRole('button', { name: 'Verify to unlock' }).first().click();
    await passTheAgeCheck('unverified-adult-age-check');
    await page.getByText('You can now turn on Voice chat yourself.').first().waitFor();
    await shot('adult-verified');
  }

  finish();
} catch (error) {
  await page.screenshot({ path: join(out, 'failure.png') }).catch(() => undefined);
  console.error(`smoke failed at step ${String(step + 1)}: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`screenshots in ${out} (failure.png is the last screen)`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
