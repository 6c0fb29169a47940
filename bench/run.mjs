#!/usr/bin/env node
// `npm run bench`: measures playgate and what a game would pick instead, in the same run,
// and writes bench/results.json and bench/results.md (also printed): size (min, gzip -9,
// brotli; first load and total), requests per flow, render ratios against plain-DOM baselines
// (with the times), and what 1,000 mount/unmount cycles leave.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { CYCLES, measureBrowser } from './browser.mjs';
import { kb, measureSizes } from './size.mjs';

const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${String(cpus().length)}, ${String(Math.round(totalmem() / 2 ** 30))} GB, Node ${process.version}`;
const measuredAt = new Date().toISOString();

console.log('Measuring sizes (esbuild --minify, gzip -9, brotli 11)…');
const size = await measureSizes();

console.log('Counting requests per flow on the emulator…');
const requests = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'requests.ts')], { encoding: 'utf8' }));

console.log('Render times and leaks in headless Chromium…');
const { render, leaks } = await measureBrowser();
const ms = (value) => `${value.toFixed(0)} ms`;

const byName = Object.fromEntries(size.map((row) => [row.name, row]));
const times = (value) => `${value.toFixed(2)}×`;
const rows = size.map((row) => {
  const first = row.firstLoad;
  return `| ${row.label} | ${kb(first.gzip)} | ${kb(first.brotli)} | ${kb(row.gzip)} | ${kb(row.brotli)} | ${String(first.files)} / ${String(row.files)} |`;
});
/** playgate's first load against a comparison's whole (which loads all at once), min+gz. */
const against = (mine, theirs) => {
  const a = byName[mine];
  const b = byName[theirs];
  return a && b ? { firstLoadGzip: a.firstLoad.gzip, theirGzip: b.gzip, ratio: a.firstLoad.gzip / b.gzip } : undefined;
};
const sizeRatios = { everythingFirstLoadToHanko: against('everything', 'hanko-elements'), consentPromptFirstLoadToCookieconsent: against('consent-prompt', 'vanilla-cookieconsent') };
const sentence = (what, who, ratio) => (ratio ? `${what} is ${times(ratio.ratio)} ${who}'s, min+gz: ${kb(ratio.firstLoadGzip)} against ${kb(ratio.theirGzip)}.` : '');
const languages = byName.everything?.otherLanguages;

/** A ratio with its target, and by how much it is missed when it is. */
const verdict = ({ target, missedBy }) => (missedBy > 0 ? `missed by ${times(missedBy)} (${(100 * missedBy / target).toFixed(0)} % over)` : 'met');
const { ratios, lazyFirstOpenExtra: extra } = render;
const renderRows = [
  ['a 100 KB consent document: its answer in to the prompt painted', 'the same text as a plain `<div>`\'s `textContent`', ratios.consentDocument, render.consentDocumentMs, render.plainDocumentMs],
  ['500 permissions: the session in to the list painted', '500 plain `<li>` rows with a `<button>` each (`createElement`)', ratios.permissionList, render.permissionListMs, render.plainListMs],
  ['cold start: the script tag to the HUD badge painted (backend already up)', 'a plain custom element (no Lit) reading the same session', ratios.coldStart, render.coldStartMs, render.bareColdStartMs],
].map(([what, baseline, ratio, mine, theirs]) => `| ${what} | ${times(ratio.value)} | ≤ ${times(ratio.target)}: ${verdict(ratio)} | ${ms(mine)} | ${baseline}: ${ms(theirs)} |`);
const extraMs = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(0)} ms`;

const markdown = [
  `Measured ${measuredAt.slice(0, 10)} on ${machine}.`,
  '',
  '| bundle | first load min+gz | first load min+br | total min+gz | total min+br | files (first load / total) |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  'The first load is what loads before any prompt opens; the total adds every lazy chunk the bundle can load. The comparisons load everything at once.',
  '',
  sentence('playgate\'s first load (everything)', 'Hanko', sizeRatios.everythingFirstLoadToHanko),
  sentence('The consent prompt\'s first load', 'vanilla-cookieconsent', sizeRatios.consentPromptFirstLoadToCookieconsent),
  '',
  languages ? `The ${String(languages.files - 1)} other languages and the pseudo-locale are lazy chunks, loaded only when needed: ${kb(languages.gzip)} gzipped in all, in neither figure above.` : '',
  '',
  '| flow | vendor | requests | protocol |',
  '|---|---|---|---|',
  ...requests.map((row) => {
    const within = row.bound === 'minimum' ? row.requests === row.minimum : row.requests <= row.minimum;
    return `| ${row.flow} | ${row.vendor} | ${String(row.requests)} | ${row.bound} ${String(row.minimum)}${within ? '' : ' (over)'}${row.why ? `: ${row.why}` : ''} |`;
  }),
  '',
  `Render, against the plainest code drawing the same, in the same page and run: median of ${String(render.runs)} runs' ratios in headless Chromium (software raster), production bundles; "painted" is two animation frames after the change, for both sides:`,
  '',
  '| what | ratio (or extra time) | target | playgate | baseline |',
  '|---|---|---|---|---|',
  ...renderRows,
  `| the consent dialog's first open after the idle prefetch (Nodecraft's 409 to the dialog painted), against its second in the same page | ${extraMs(extra.ms)} | ≤ +${String(extra.target)} ms (a frame): ${extra.missedBy > 0 ? `missed by ${extra.missedBy.toFixed(0)} ms` : 'met'} | first ${ms(render.lazyFirstOpenMs)} | second ${ms(render.lazySecondOpenMs)} |`,
  '',
  `After ${String(CYCLES)} mount/unmount cycles (after GC):`,
  '',
  '| element | timers left | listeners left | connections left | heap growth |',
  '|---|---|---|---|---|',
  ...leaks.map((row) => `| ${row.element} | ${String(row.timers)} | ${String(row.listeners)} | ${String(row.connections)} | ${kb(row.heapGrowthBytes)} |`),
  '',
].join('\n');

writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ measuredAt, machine, size, sizeRatios, requests, render, leaks }, null, 2)}\n`);
writeFileSync(join(import.meta.dirname, 'results.md'), markdown);
console.log(`\n${markdown}`);
