#!/usr/bin/env node
// `npm run bench`: measures playgate and what a game would pick instead, in the same run,
// and writes bench/results.json and bench/results.md (also printed): size (min, gzip -9,
// brotli), requests per flow, render times, and what 1,000 mount/unmount cycles leave.
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

const everything = size.find((row) => row.name === 'everything');
const rows = size.map((row) => {
  const ratio = everything && row.comparison ? ` (playgate is ${(everything.gzip / row.gzip).toFixed(2)}×)` : '';
  return `| ${row.label} | ${kb(row.min)} | ${kb(row.gzip)} | ${kb(row.brotli)} | ${String(row.files)}${ratio} |`;
});
const languages = everything?.otherLanguages;
const markdown = [
  `Measured ${measuredAt.slice(0, 10)} on ${machine}.`,
  '',
  '| bundle | min | min+gz | min+br | files |',
  '|---|---|---|---|---|',
  ...rows,
  '',
  languages ? `The 11 other languages and the pseudo-locale are lazy chunks, loaded only when needed: ${kb(languages.gzip)} gzipped in all, not counted above.` : '',
  '',
  '| flow | vendor | requests | protocol |',
  '|---|---|---|---|',
  ...requests.map((row) => {
    const within = row.bound === 'minimum' ? row.requests === row.minimum : row.requests <= row.minimum;
    return `| ${row.flow} | ${row.vendor} | ${String(row.requests)} | ${row.bound} ${String(row.minimum)}${within ? '' : ' (over)'}${row.why ? `: ${row.why}` : ''} |`;
  }),
  '',
  `Render, median of ${String(render.runs)} runs in headless Chromium (software raster), production bundles:`,
  '',
  '| what | time |',
  '|---|---|',
  `| a 100 KB consent document: its answer in to the prompt painted | ${ms(render.consentDocumentMs)} |`,
  `| 500 permissions: the session in to the list painted | ${ms(render.permissionListMs)} |`,
  `| cold start: the script tag to the HUD badge painted (backend already up) | ${ms(render.coldStartMs)} |`,
  '',
  `After ${String(CYCLES)} mount/unmount cycles (after GC):`,
  '',
  '| element | timers left | listeners left | connections left | heap growth |',
  '|---|---|---|---|---|',
  ...leaks.map((row) => `| ${row.element} | ${String(row.timers)} | ${String(row.listeners)} | ${String(row.connections)} | ${kb(row.heapGrowthBytes)} |`),
  '',
].join('\n');

writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ measuredAt, machine, size, requests, render, leaks }, null, 2)}\n`);
writeFileSync(join(import.meta.dirname, 'results.md'), markdown);
console.log(`\n${markdown}`);
