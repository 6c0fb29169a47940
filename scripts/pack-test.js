#!/usr/bin/env node
// `npm run test:pack` (part of `npm test`): packs playgate as npm would publish it, from a
// clean copy of the tree (so `prepack` builds it), installs the tarball into fresh apps (test/pack-apps/: plain HTML,
// Vite + TypeScript, React 19 + Vite, Vue 3 + Vite, webpack, Next.js), type-checks and builds them, and walks each in
// headless Chromium: the elements render, the events fire, a consent round is accepted and
// signed, a parent is asked. Exits non-zero on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BROWSERS, CHROMIUM_ARGS } from './browsers.js';

const ROOT = join(import.meta.dirname, '..');
const APPS = join(ROOT, 'test', 'pack-apps');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const devVersion = (name) => pkg.devDependencies[name];

// Each app's own dependencies, pinned to what this repository tests with.
const APP_PACKAGES = {
  html: { dependencies: {}, devDependencies: {} },
  'vite-ts': { dependencies: {}, devDependencies: { vite: devVersion('vite'), typescript: devVersion('typescript') } },
  react: {
    dependencies: { react: devVersion('react'), 'react-dom': devVersion('react-dom') },
    devDependencies: {
      vite: devVersion('vite'),
      typescript: devVersion('typescript'),
      '@types/react': devVersion('@types/react'),
      '@types/react-dom': devVersion('@types/react-dom'),
      '@vitejs/plugin-react': '6.3.0',
    },
  },
  webpack: { dependencies: {}, devDependencies: { webpack: '5.112.2' } },
  next: {
    dependencies: { next: '16.4.6', react: devVersion('react'), 'react-dom': devVersion('react-dom') },
    devDependencies: { typescript: devVersion('typescript'), '@types/react': devVersion('@types/react'), '@types/react-dom': devVersion('@types/react-dom'), '@types/node': devVersion('@types/node') },
  },
  vue: {
    dependencies: { vue: '3.5.45' },
    devDependencies: { vite: devVersion('vite'), typescript: devVersion('typescript'), '@vitejs/plugin-vue': '6.0.11', 'vue-tsc': '3.3.14' },
  },
};

// The README's quick starts, type-checked inside the apps of their kind: they must work
// as they are written, and each must stay under 15 lines.
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const QUICK_STARTS = { 'vite-ts': ['**A bundler**', 'ts', 'src/readme-quick-start.ts'], react: ['**React 19**', 'tsx', 'src/ReadmeQuickStart.tsx'], vue: ['**Vue 3**', 'vue', 'src/ReadmeQuickStart.vue'] };

function quickStart(heading, language) {
  const from = README.indexOf(heading);
  const fence = `\n\`\`\`${language}\n`;
  const start = README.indexOf(fence, from);
  if (from < 0 || start < 0) throw new Error(`README: no ${language} quick start after ${heading}`);
  const code = README.slice(start + fence.length, README.indexOf('\n```', start + fence.length));
  const lines = code.split('\n').length;
  if (lines >= 15) throw new Error(`README: the ${heading} quick start is ${String(lines)} lines`);
  return `${code}\n`;
}

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });

/**
 * A clean tree: the project's own files as they stand (tracked, and new ones git does not
 * ignore), with no build in it, so `npm pack` must build what it ships (`prepack`).
 */
function cleanTree(work) {
  const tree = join(work, 'tree');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT).split('\0').filter(Boolean);
  for (const file of files) if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(tree, file));
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  return tree;
}

/**
 * npm's JSON from a command's stdout. prepack's build prints there too, in colour where CI forces
 * it (`\x1b[36m` holds a `[`), so the JSON starts where npm opens it: alone on its own line.
 */
function jsonFrom(stdout, opener) {
  const start = stdout.search(opener);
  if (start < 0) throw new Error(`no JSON in npm's output: ${stdout.slice(0, 200)}`);
  return JSON.parse(stdout.slice(start));
}

function pack(work) {
  const tree = cleanTree(work);
  const output = run('npm', ['pack', '--json', '--pack-destination', work], tree);
  const [{ filename, files }] = jsonFrom(output, /^\[\s*$/m);
  const paths = files.map((file) => file.path);
  for (const needed of ['custom-elements.json', 'vscode.html-custom-data.json', 'dist/playgate.js', 'dist/react/index.js', 'dist/elements/provider/provider.component.d.ts']) {
    if (!paths.includes(needed)) throw new Error(`the package lacks ${needed}`);
  }
  const strays = paths.filter((path) => /^(src|test|stories|demo)\//.test(path));
  if (strays.length) throw new Error(`the package ships what it should not: ${strays.slice(0, 5).join(', ')}`);
  console.log(`packed ${filename} from a clean tree (prepack built it): ${String(files.length)} files`);
  // What `npm publish` would send, from the same tree (its build already there).
  const [publish] = Object.values(jsonFrom(run('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], tree), /^\{\s*$/m));
  const published = publish.files?.map((file) => file.path) ?? [];
  if (published.length !== paths.length || !['LICENSE', 'CHANGELOG.md', 'README.md'].every((name) => published.includes(name))) {
    throw new Error(`npm publish --dry-run would send something else: ${published.length} files`);
  }
  console.log(`npm publish --dry-run: ${publish.id} would send ${String(published.length)} files, ${String(publish.size)} bytes packed (LICENSE, CHANGELOG.md and README.md among them)`);
  return join(work, filename);
}

function makeApp(name, work, tarball) {
  const dir = join(work, name);
  cpSync(join(APPS, name), dir, { recursive: true });
  cpSync(join(APPS, 'serve.mjs'), join(dir, 'serve.mjs'));
  // The Next.js page renders the React app's component, as it is.
  if (name === 'next') cpSync(join(APPS, 'react/src/App.tsx'), join(dir, 'app/App.tsx'));
  const scripts = {
    html: {},
    webpack: { build: 'node build.mjs' },
    // `next build` type-checks too.
    next: { build: 'next build' },
    vue: { typecheck: 'vue-tsc --noEmit -p .', build: 'vite build' },
  }[name] ?? { typecheck: 'tsc --noEmit -p .', build: 'vite build' };
  const { dependencies, devDependencies } = APP_PACKAGES[name];
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `playgate-${name}-app`, private: true, type: 'module', scripts, dependencies: { playgate: `file:${tarball}`, ...dependencies }, devDependencies }, null, 2),
  );
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir);
  console.log(`${name}: installed in ${String(Math.round((Date.now() - started) / 1000))} s`);
  if (name === 'html') {
    // An older playgate on the same page: the same file, another version number.
    const cdn = readFileSync(join(dir, 'node_modules/playgate/dist/playgate.js'), 'utf8');
    if (!cdn.includes(`"${pkg.version}"`)) throw new Error('the CDN file does not carry its version');
    writeFileSync(join(dir, 'older-playgate.js'), cdn.replaceAll(`"${pkg.version}"`, '"0.0.1"'));
    return { dir, folder: '.' };
  }
  if (scripts.typecheck) {
    const [heading, language, file] = QUICK_STARTS[name];
    writeFileSync(join(dir, file), quickStart(heading, language));
    run('npm', ['run', '--silent', 'typecheck'], dir);
    console.log(`${name}: type-checks${name === 'vue' ? '' : ' (typed event details included)'}, and so does the README's quick start`);
  }
  run('npm', ['run', '--silent', 'build'], dir);
  return { dir, folder: name === 'next' ? 'out' : 'dist' };
}

function serve({ dir, folder }) {
  const child = spawn(process.execPath, ['serve.mjs', folder], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${String(code)}`)));
    child.stdout.once('data', (data) => resolve({ base: String(data).trim(), close: () => child.kill() }));
  });
}

const events = (page) => page.evaluate(() => globalThis.playgateEvents ?? []);

async function waitForEvent(page, name) {
  await page.waitForFunction((wanted) => (globalThis.playgateEvents ?? []).some((event) => event.name === wanted), name, { timeout: 15_000 });
  return (await events(page)).find((event) => event.name === name);
}

async function acceptDocument(page, title) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await dialog.getByRole('document').evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });
  await dialog.getByRole('button', { name: 'I accept' }).click();
}

async function walk(browser, name, base) {
  const page = await browser.newPage();
  const problems = [];
  const warnings = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // HTTP errors are answers here (Nodecraft's 409 asks for consent), and the widget handles them.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(base);
  const ready = await waitForEvent(page, 'playgate-ready');
  if (ready.detail.kid !== 'active') throw new Error(`${name}: k-ID is ${String(ready.detail.kid)} after the first read, not active`);
  // The session status renders the player's permissions, and who manages them.
  await page.locator('playgate-session-status').getByText('text chat public').first().waitFor();

  await page.getByRole('button', { name: 'Sign in' }).click();
  await acceptDocument(page, 'Terms of service');
  await acceptDocument(page, 'Game rules');
  await page.getByText('Signed in as Pip.').waitFor();
  const completed = await waitForEvent(page, 'playgate-consent-completed');
  if (completed.detail.rounds !== 2) throw new Error(`${name}: ${JSON.stringify(completed.detail)} after two rounds`);

  await page.getByRole('button', { name: /^Ask a parent/ }).click();
  const created = await waitForEvent(page, 'playgate-challenge-created');
  if (created.detail.permissions?.[0] !== 'voice-chat') throw new Error(`${name}: challenge for ${JSON.stringify(created.detail)}`);
  // The parent's ways in: the one-time code, and the QR code (a lazy chunk in a bundled app).
  await page.locator('playgate-challenge-panel [part="code"]').waitFor();
  await page.locator('playgate-challenge-panel [part="qr"] svg').waitFor();

  // PACK_SHOTS=<folder>: a screenshot of each app at the end of its walk, to look at.
  if (process.env.PACK_SHOTS) await page.screenshot({ path: join(process.env.PACK_SHOTS, `${name}.png`), fullPage: true });
  // Secrets are properties: the game token must not be in the page's markup (a framework
  // that wrote it as an attribute would put it there).
  const token = await page.evaluate(() => fetch('/emulator/_emulator/scenario').then((response) => response.json()).then((body) => body.nodecraft.gameToken));
  if ((await page.content()).includes(token)) problems.push('the game token is in the page markup');
  const versionWarnings = warnings.filter((text) => text.includes('already defined by another version'));
  const expected = name === 'html' ? 1 : 0;
  if (versionWarnings.length !== expected) problems.push(`${String(versionWarnings.length)} version warnings, expected ${String(expected)}: ${versionWarnings.join(' | ')}`);
  await page.close();
  if (problems.length) throw new Error(`${name}:\n  ${problems.join('\n  ')}`);
  console.log(`  ✓ ${name}: renders, playgate-ready, two consent rounds signed (playgate-consent-completed), a parent asked (playgate-challenge-created)${name === 'html' ? ', two copies and an older one on the page without a throw' : ''}`);
}

/** The classes alone, bundled: no tag registered by importing them, and they work under the game's tags. */
async function walkClasses(browser, base) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${base}classes.html`);
  const ready = await waitForEvent(page, 'playgate-ready');
  const defined = await page.evaluate(() => globalThis.definedAtImport);
  if (defined.length) problems.push(`importing the classes registered ${defined.join(', ')}`);
  if (ready.detail.kid !== 'active') problems.push(`k-ID is ${String(ready.detail.kid)} under the game's own tags`);
  await page.locator('game-status').getByText('text chat public').first().waitFor();
  await page.close();
  if (problems.length) throw new Error(`vite-ts classes.html:\n  ${problems.join('\n  ')}`);
  console.log("  ✓ vite-ts: the classes alone register no tag, and work under the game's own tags");
}

const work = mkdtempSync(join(tmpdir(), 'playgate-pack-'));
let failed = false;
const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS });
try {
  const tarball = pack(work);
  for (const name of readdirSync(APPS, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    const app = makeApp(name, work, tarball);
    const server = await serve(app);
    try {
      await walk(browser, name, server.base);
      if (name === 'vite-ts') await walkClasses(browser, server.base);
    } finally {
      server.close();
    }
  }
} catch (error) {
  failed = true;
  console.error(error.stderr ? `${error.message}\n${error.stdout ?? ''}${error.stderr}` : error);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('pack test: 6 apps installed from the tarball, type-checked, built and walked');
