#!/usr/bin/env node
// The size budget `npm test` enforces: everything a game ships, and each element alone,
// gzipped, must stay under the figures in size-budget.json. Fails (exit 1) when over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kb, measureSizes } from '../bench/size.mjs';

/** The budget (each element has its own) or the target (one for every element) for a row. */
const limitFor = (row, limits) => (row.name === 'everything' ? limits.everything : (limits.elements?.[row.name] ?? limits.element));

/** Rows over budget, in words; empty when every row fits. */
export function overBudget(rows, budget) {
  const problems = [];
  for (const row of rows) {
    if (row.comparison) continue;
    const limit = limitFor(row, budget);
    if (typeof limit !== 'number') problems.push(`${row.name} has no budget in size-budget.json`);
    else if (row.gzip > limit) problems.push(`${row.name} is ${kb(row.gzip)} gzipped, over its budget of ${kb(limit)}`);
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
    console.log(`${row.name.padEnd(20)} ${kb(row.gzip).padStart(9)} gzip  (budget ${kb(limitFor(row, budget))}, target ${kb(limitFor(row, budget.target))})`);
  }
  const problems = overBudget(rows, budget);
  if (problems.length) {
    console.error(`size budget exceeded:\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log('size budget: within budget');
}
