#!/usr/bin/env node
// `npm run bench`: measures playgate and what a game would pick instead, in the same run,
// and writes bench/results.json and bench/results.md (also printed). Sections so far:
// size (min, gzip -9, brotli). Render times, request counts and leaks are still to come.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { kb, measureSizes } from './size.mjs';

const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${String(cpus().length)}, ${String(Math.round(totalmem() / 2 ** 30))} GB, Node ${process.version}`;
const measuredAt = new Date().toISOString();

console.log('Measuring sizes (esbuild --minify, gzip -9, brotli 11)…');
const size = await measureSizes();

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
].join('\n');

writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ measuredAt, machine, size }, null, 2)}\n`);
writeFileSync(join(import.meta.dirname, 'results.md'), markdown);
console.log(`\n${markdown}`);
