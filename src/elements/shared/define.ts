const VERSION = '0.1.0';
const VERSION_KEY = Symbol.for('playgate/version');

type Versioned = CustomElementConstructor & { [VERSION_KEY]?: string };

let warned = false;

/**
 * Registers a tag once. The same version already there stays silent; another version
 * warns once per copy and keeps the first (two games' overlays on one page must not throw).
 * A game's own class under the tag is kept without a word.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing: Versioned | undefined = customElements.get(tag);
  if (existing) {
    const version = existing[VERSION_KEY];
    if (version && version !== VERSION && !warned) {
      warned = true;
      console.warn(`playgate ${VERSION}: <${tag}> is already defined by another version; keeping that one.`);
    }
    return;
  }
  (element as Versioned)[VERSION_KEY] = VERSION;
  customElements.define(tag, element);
}
