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

/** Whether a `sideEffects` entry (a path, or a glob of `*` and `**`) covers a file. */
function covers(pattern: string, file: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.+/)?').replace(/\*/g, '[^/]*');
  return new RegExp(`^${source}$`).test(file);
}
const isSideEffect = (file: string) => pkg.sideEffects.some((pattern) => covers(pattern, file));

test('the modules that register tags are side effects; the classes and the React wrappers are not', () => {
  for (const name of ELEMENTS) {
    const target = pkg.exports[`./define/${name}`];
    assert.ok(typeof target === 'object' && isSideEffect(target.default), `./define/${name}`);
    const component = pkg.exports[`./elements/${name}`];
    assert.ok(typeof component === 'object' && !isSideEffect(component.default), `./elements/${name}`);
    // A wrapper a game does not import is dropped, and with it the element it registers.
    assert.ok(!isSideEffect(`./dist/react/${name}.js`), `./dist/react/${name}.js`);
    assert.ok(existsSync(join(ROOT, `dist/react/${name}.js`)), `dist/react/${name}.js`);
  }
  assert.ok(isSideEffect('./dist/index.js'));
  assert.ok(!isSideEffect('./dist/react/index.js'));
  assert.ok(!isSideEffect('./dist/backends/kid/kid-backend.js'));
  // The glob matcher itself: a test that cannot fail proves nothing.
  assert.ok(covers('./src/**/*.ts', './src/a/b.ts') && covers('./dist/*.js', './dist/a.js') && !covers('./dist/*.js', './dist/a/b.js'));
});

test('the version the elements register with is the package version', () => {
  const source = readFileSync(join(ROOT, 'src/elements/shared/define.ts'), 'utf8');
  assert.equal(/const VERSION = '([^']+)'/.exec(source)?.[1], pkg.version);
});
