#!/usr/bin/env node
// `npm run bench`: measures playgate and what a game would pick instead, in the same run,
// and writes bench/results.json and bench/results.md (also printed). Sections so far:
// size (min, gzip -9, brotli) and requests per flow. Render times and leaks are to come.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { kb, measureSizes } from './size.mjs';

const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${String(cpus().length)}, ${String(Math.round(totalmem() / 2 ** 30))} GB, Node ${process.version}`;
const measuredAt = new Date().toISOString();

console.log('Measuring sizes (esbuild --minify, gzip -9, brotli 11)…');
const size = await measureSizes();

console.log('Counting requests per flow on the emulator…');
const requests = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'requests.ts')], { encoding: 'utf8' }));

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
  languages ? `The 11 other languages are lazy chunks, loaded only for a player who needs one: ${kb(languages.gzip)} gzipped in all, not counted above.` : '',
  '',
  '| flow | vendor | requests | protocol |',
  '|---|---|---|---|',
  ...requests.map((row) => {
    const within = row.bound === 'minimum' ? row.requests === row.minimum : row.requests <= row.minimum;
    return `| ${row.flow} | ${row.vendor} | ${String(row.requests)} | ${row.bound} ${String(row.minimum)}${within ? '' : ' (over)'}${row.why ? `: ${row.why}` : ''} |`;
  }),
  '',
].join('\n');

writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ measuredAt, machine, size, requests }, null, 2)}\n`);
writeFileSync(join(import.meta.dirname, 'results.md'), markdown);
console.log(`\n${markdown}`);
