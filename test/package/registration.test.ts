// Safe registration: two copies of playgate on one page (two games' overlays, an SDK and a
// game) must not throw. The real two-bundle case runs in scripts/pack-test.js.
import { expect } from '@open-wc/testing';
import { define } from '../../src/elements/shared/define.js';

const VERSION_KEY = Symbol.for('playgate/version');

function recordWarnings(run: () => void): string[] {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('define', () => {
  it('keeps the first class and stays silent when the same version defines a tag again', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings = recordWarnings(() => {
      define('test-same-version', First);
      define('test-same-version', Second);
    });
    expect(customElements.get('test-same-version')).to.equal(First);
    expect(warnings).to.deep.equal([]);
  });

  it('registers a class the game already registered under its own tag, as a subclass, without a throw', () => {
    class Shared extends HTMLElement {}
    customElements.define('game-shared', Shared);
    const warnings = recordWarnings(() => {
      define('test-shared', Shared);
    });
    expect(customElements.get('test-shared')?.prototype).to.be.instanceOf(Shared);
    expect(customElements.get('game-shared')).to.equal(Shared);
    expect(warnings).to.deep.equal([]);
  });

  it('says nothing about a game’s own subclass under one of its tags', () => {
    class Ours extends HTMLElement {}
    define('test-ours', Ours);
    // The game's subclass inherits the mark of the class it extends, not a version of its own.
    customElements.define('test-theirs', class extends (customElements.get('test-ours') ?? HTMLElement) {});
    Object.defineProperty(Ours, VERSION_KEY, { value: '0.0.2' });
    const warnings = recordWarnings(() => {
      define('test-theirs', class extends HTMLElement {});
    });
    expect(warnings).to.deep.equal([]);
  });

  it('warns once, and does not throw, when other versions hold the tags', () => {
    for (const tag of ['test-old-a', 'test-old-b']) {
      const old = class extends HTMLElement {};
      Object.assign(old, { [VERSION_KEY]: '0.0.1' });
      customElements.define(tag, old);
    }
    const warnings = recordWarnings(() => {
      define('test-old-a', class extends HTMLElement {});
      define('test-old-b', class extends HTMLElement {});
      define('test-old-a', class extends HTMLElement {});
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^playgate \d+\.\d+\.\d+: <test-old-a> is already defined by another version/);
  });
});
