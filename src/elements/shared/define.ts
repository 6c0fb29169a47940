const VERSION = '0.1.0';
const VERSION_KEY = Symbol.for('playgate/version');

type Versioned = CustomElementConstructor & { [VERSION_KEY]?: string; prepare?(): void };

let warned = false;

/**
 * Registers a tag once. The same version already there stays silent; another version
 * warns once per copy and keeps the first (two games' overlays on one page must not throw).
 * A game's own class under the tag is kept without a word.
 */
export function define(tag: string, element: Versioned): void {
  // Its adapters, even when the tag is taken (the game's class may use ours).
  element.prepare?.();
  const existing: Versioned | undefined = customElements.get(tag);
  if (existing) {
    // Its own mark only: a game's subclass inherits the mark of the class it extends.
    const version = Object.hasOwn(existing, VERSION_KEY) ? existing[VERSION_KEY] : undefined;
    if (version && version !== VERSION && !warned) {
      warned = true;
      console.warn(`playgate ${VERSION}: <${tag}> is already defined by another version; keeping that one.`);
    }
    return;
  }
  // A class the game registered itself under its own tag cannot take a second one.
  // (getName is from 2023: older engines lack it.)
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  const free = customElements.getName?.(element) ? class extends element {} : element;
  free[VERSION_KEY] = VERSION;
  customElements.define(tag, free);
}
