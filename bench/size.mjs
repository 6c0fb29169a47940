// Size, as a user ships it: each entry bundled by esbuild (minify, ES modules, code
// splitting so lazy chunks stay lazy), counted with gzip -9 and brotli (quality 11) twice:
// the first load (the entry and what it imports statically: what loads before any prompt
// opens) and the total (every file it can load, lazy views and the QR encoder included).
// Languages other than English are lazy chunks a game only loads for players who need
// them, so they are listed apart and counted in neither.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cssLiteralsEsbuild } from '../scripts/css-literals.js';

const ROOT = join(import.meta.dirname, '..');
const src = (path) => JSON.stringify(join(ROOT, 'src', path));

/** What is measured: an entry module's source, and any CSS shipped beside it. */
export const ENTRIES = {
  everything: {
    label: 'playgate: provider, three elements, fetch layer, three adapters, QR encoder (lazy), English, Lit',
    code: ['provider/provider.js', 'session-status/session-status.js', 'consent-prompt/consent-prompt.js', 'permission-request/permission-request.js']
      .map((path) => `import ${src(`elements/${path}`)};`)
      .join('\n'),
  },
  'session-status': {
    label: '<playgate-session-status> with its provider, k-ID and Elements adapters (QR lazy)',
    code: `import ${src('elements/provider/provider.js')}; import ${src('elements/session-status/session-status.js')};`,
  },
  'consent-prompt': {
    label: '<playgate-consent-prompt> with its provider and the Nodecraft adapter',
    code: `import ${src('elements/provider/provider.js')}; import ${src('elements/consent-prompt/consent-prompt.js')};`,
  },
  'permission-request': {
    label: '<playgate-permission-request> with its provider and the k-ID adapter (QR lazy)',
    code: `import ${src('elements/provider/provider.js')}; import ${src('elements/permission-request/permission-request.js')};`,
  },
  'vanilla-cookieconsent': {
    label: 'vanilla-cookieconsent 3.1 (JS and its CSS)',
    code: `export * from 'vanilla-cookieconsent';`,
    css: 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
    comparison: true,
  },
  'hanko-elements': {
    label: '@teamhanko/hanko-elements 2.7 (register, English)',
    code: `export { register } from '@teamhanko/hanko-elements'; export { en } from '@teamhanko/hanko-elements/i18n/en';`,
    comparison: true,
  },
};

function sizes(buffers) {
  let min = 0;
  let gzip = 0;
  let brotli = 0;
  for (const buffer of buffers) {
    min += buffer.length;
    gzip += gzipSync(buffer, { level: 9 }).length;
    brotli += brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { min, gzip, brotli };
}

async function measure(name, entry, work) {
  const dir = join(work, name);
  const file = join(work, `${name}.entry.js`);
  writeFileSync(file, entry.code);
  const result = await build({
    entryPoints: [file],
    absWorkingDir: ROOT,
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: dir,
    metafile: true,
    // As the package ships its own modules: with their CSS literals squeezed.
    plugins: [cssLiteralsEsbuild],
    legalComments: 'none',
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const isLocale = (path) => {
    const inputs = Object.keys(outputs[path].inputs);
    return inputs.length > 0 && inputs.every((input) => input.includes('src/i18n/locales/') || input.endsWith('src/i18n/pseudo.ts'));
  };
  const start = Object.keys(outputs).find((path) => outputs[path].entryPoint?.endsWith(`${name}.entry.js`));
  const reachable = (lazyToo) => {
    const loaded = new Set();
    const visit = (path) => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const { path: next, kind } of outputs[path].imports) {
        if (outputs[next] && !isLocale(next) && (lazyToo || kind === 'import-statement')) visit(next);
      }
    };
    visit(start);
    return [...loaded].filter((path) => path.endsWith('.js')).map((path) => readFileSync(join(ROOT, path)));
  };
  const counted = reachable(true);
  const first = reachable(false);
  const lazyLocales = Object.keys(outputs)
    .filter((path) => path.endsWith('.js') && isLocale(path))
    .map((path) => readFileSync(join(ROOT, path)));
  if (entry.css) {
    const css = await build({ entryPoints: [join(ROOT, entry.css)], bundle: true, minify: true, write: false, logLevel: 'error' });
    const sheet = Buffer.from(css.outputFiles[0].contents);
    counted.push(sheet);
    first.push(sheet);
  }
  return {
    name,
    label: entry.label,
    comparison: Boolean(entry.comparison),
    files: counted.length,
    ...sizes(counted),
    firstLoad: { files: first.length, ...sizes(first) },
    ...(lazyLocales.length ? { otherLanguages: { files: lazyLocales.length, ...sizes(lazyLocales) } } : {}),
  };
}

/** Measures every entry (or only playgate's own, without the comparisons); one row each. */
export async function measureSizes({ comparisons = true } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'playgate-size-'));
  try {
    const rows = [];
    for (const [name, entry] of Object.entries(ENTRIES)) {
      if (comparisons || !entry.comparison) rows.push(await measure(name, entry, work));
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Measures one module source as an entry of that name (the budget check's own test). */
export async function measureSource(name, code) {
  const work = mkdtempSync(join(tmpdir(), 'playgate-size-'));
  try {
    return await measure(name, { label: name, code }, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

