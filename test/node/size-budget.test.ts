// The size budget can fail: a bundle that grows past it is reported, and one within it is not.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ENTRIES, measureSource } from '../../bench/size.mjs';
import { overBudget, readBudget } from '../../scripts/size-budget.js';

const everything = ENTRIES.everything?.code ?? '';

test('everything, as it is, fits the budget', async () => {
  const row = await measureSource('everything', everything);
  assert.deepEqual(overBudget([row], readBudget()), []);
});

test('everything plus 20 KB that does not compress is over the budget, and says by how much', async () => {
  // Random bytes do not compress: the gzipped bundle grows by about as much.
  const ballast = `export const ballast = ${JSON.stringify(randomBytes(15_000).toString('base64'))};`;
  const row = await measureSource('everything', `${everything}\n${ballast}`);
  const problems = overBudget([row], readBudget());
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /^everything is [\d.]+ KB gzipped, over its budget of [\d.]+ KB$/);
});
