// The package as npm ships it: every export resolves to a built file with its types, the
// tag-registering modules are marked as side effects, and the version in the code is the
// package's. (`scripts/pack-test.js` installs the packed tarball into real apps.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
  sideEffects: string[];
};
const ELEMENTS = ['provider', 'consent-prompt', 'permission-request', 'session-status'];

test('every export points at a built file, and every code export has its types', () => {
  const missing: string[] = [];
  for (const [name, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : [target.default, target.types];
    if (typeof target !== 'string') assert.ok(target.types.endsWith('.d.ts'), `${name} types`);
    for (const file of files) if (!existsSync(join(ROOT, file))) missing.push(`${name}: ${file}`);
  }
  assert.deepEqual(missing, []);
});

test('each element has a define export and a class export', () => {
  for (const name of ELEMENTS) {
    assert.ok(pkg.exports[`./define/${name}`], `./define/${name}`);
    assert.ok(pkg.exports[`./elements/${name}`], `./elements/${name}`);
  }
});

test('the modules that register tags are side effects; the classes are not', () => {
  for (const name of ELEMENTS) {
    const target = pkg.exports[`./define/${name}`];
    assert.ok(typeof target === 'object' && pkg.sideEffects.includes(target.default), `./define/${name}`);
    const component = pkg.exports[`./elements/${name}`];
    assert.ok(typeof component === 'object' && !pkg.sideEffects.includes(component.default), `./elements/${name}`);
  }
  assert.ok(pkg.sideEffects.includes('./dist/index.js'));
  assert.ok(pkg.sideEffects.includes('./dist/react/index.js'));
});

test('the version the elements register with is the package version', () => {
  const source = readFileSync(join(ROOT, 'src/elements/shared/define.ts'), 'utf8');
  assert.equal(/const VERSION = '([^']+)'/.exec(source)?.[1], pkg.version);
});
