// Design tokens: every token a style reads is defined, every token defined is read, every
// value a theme sets is one the styles read, and every public token is documented.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

const widget = [...sources(join(root, 'elements')), ...sources(join(root, 'styles'))].join('\n');
const all = (pattern: RegExp) => new Set([...widget.matchAll(pattern)].map((match) => match[1] ?? ''));

describe('design tokens', () => {
  // Component tokens (--_x) are private; system tokens (--playgate-x) are the public tier.
  const definedPrivate = all(/(--_[a-z-]+)\s*:/g);
  const readPrivate = all(/var\((--_[a-z-]+)/g);
  const readPublic = all(/var\((--playgate-[a-z-]+)/g);
  const setByThemes = all(/^\s*(--playgate-[a-z-]+)\s*:/gm);
  const documented = all(/@cssproperty (--playgate-[a-z-]+)/g);

  it('reads no component token that is not defined', () => {
    assert.deepEqual([...readPrivate].filter((token) => !definedPrivate.has(token)), []);
  });

  it('defines no component token that is never read', () => {
    assert.deepEqual([...definedPrivate].filter((token) => !readPrivate.has(token)), []);
  });

  it('sets, in its themes, only system tokens the styles read', () => {
    assert.ok(setByThemes.size > 0, 'the themes set system tokens');
    assert.deepEqual([...setByThemes].filter((token) => !readPublic.has(token)), []);
  });

  it('documents every system token a game can set', () => {
    assert.deepEqual([...readPublic].filter((token) => !documented.has(token)).sort(), []);
  });
});

describe('styles', () => {
  it('puts no inline style in any template, so a strict CSP needs no unsafe-inline', () => {
    const inline = [...widget.matchAll(/<[a-z][^>]*\sstyle\s*=/gi), ...widget.matchAll(/styleMap\(/g)].map((match) => match[0]);
    assert.deepEqual(inline, []);
  });
});
