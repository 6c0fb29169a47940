#!/usr/bin/env node
// The size budget `npm test` enforces, gzipped, for everything a game ships and for each
// element alone, twice: the first load (what loads before any prompt opens) and the
// total (every lazy view included). Fails (exit 1) when either is over size-budget.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kb, measureSizes } from '../bench/size.mjs';

const MEASURES = [
  { key: 'firstLoad', words: 'first load', bytes: (row) => row.firstLoad.gzip },
  { key: 'total', words: 'total, lazy chunks included,', bytes: (row) => row.gzip },
];

/** A bundle's own figure in a budget section, or the section's figure for any element. */
const limitFor = (name, section = {}) => section[name] ?? (name === 'everything' ? undefined : section.element);

/** Rows over budget, in words; empty when every row fits. */
export function overBudget(rows, budget) {
  const problems = [];
  for (const row of rows) {
    if (row.comparison) continue;
    for (const { key, words, bytes } of MEASURES) {
      const limit = limitFor(row.name, budget[key]);
      if (typeof limit !== 'number') problems.push(`${row.name} has no ${key} budget in size-budget.json`);
      else if (bytes(row) > limit) problems.push(`${row.name}'s ${words} is ${kb(bytes(row))} gzipped, over its budget of ${kb(limit)}`);
    }
  }
  return problems;
}

export function readBudget() {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'size-budget.json'), 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const budget = readBudget();
  const rows = await measureSizes({ comparisons: false });
  for (const row of rows) {
    for (const { key, bytes } of MEASURES) {
      const target = limitFor(row.name, budget.target[key]);
      console.log(`${row.name.padEnd(20)} ${key.padEnd(9)} ${kb(bytes(row)).padStart(9)} gzip  (budget ${kb(limitFor(row.name, budget[key]))}${target ? `, target ${kb(target)}` : ''})`);
    }
  }
  const problems = overBudget(rows, budget);
  if (problems.length) {
    console.error(`size budget exceeded:\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log('size budget: within budget');
}
