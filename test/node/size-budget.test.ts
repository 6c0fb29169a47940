// The size budget can fail: a bundle that grows past it is reported, in its first load or
// only in its total when the growth is lazy, and one within it is not.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ENTRIES, measureSource } from '../../bench/size.mjs';
import { overBudget, readBudget } from '../../scripts/size-budget.js';

const everything = ENTRIES.everything?.code ?? '';
// Random bytes do not compress: the gzipped bundle grows by about as much.
const ballast = () => `export const ballast = ${JSON.stringify(randomBytes(15_000).toString('base64'))};`;

test('everything, as it is, fits the budget', async () => {
  const row = await measureSource('everything', everything);
  assert.deepEqual(overBudget([row], readBudget()), []);
});

test('everything plus 20 KB that does not compress, loaded at once, is over both budgets, and says by how much', async () => {
  const row = await measureSource('everything', `${everything}\n${ballast()}`);
  const problems = overBudget([row], readBudget());
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /^everything's first load is [\d.]+ KB gzipped, over its budget of [\d.]+ KB$/);
  assert.match(problems[1] ?? '', /^everything's total, lazy chunks included, is [\d.]+ KB gzipped, over its budget of [\d.]+ KB$/);
});

test('20 KB more in a lazy chunk leaves the first load alone and is over the total', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-ballast-'));
  try {
    const lazy = join(dir, 'lazy-ballast.js');
    writeFileSync(lazy, ballast());
    const row = await measureSource('everything', `${everything}\nexport const later = () => import(${JSON.stringify(lazy)});`);
    const problems = overBudget([row], readBudget());
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^everything's total, lazy chunks included, is/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
