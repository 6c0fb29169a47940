/**
 * Waits until a story's UI has settled: nothing in it (shadow roots included) has
 * changed for a moment, so the story's test and its axe check see the state the story
 * is about (the loaded session, the document to read), not the first loading frame.
 */
export async function settled(root: HTMLElement, quietMs = 400, limitMs = 10_000): Promise<void> {
  const observer = new MutationObserver(() => {
    last = performance.now();
    watchShadows(root);
  });
  const watched = new WeakSet<Node>();
  const watchShadows = (node: Node) => {
    if (!watched.has(node)) {
      watched.add(node);
      observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    const elements = node instanceof Element || node instanceof ShadowRoot ? node.querySelectorAll('*') : [];
    for (const element of elements) if (element.shadowRoot) watchShadows(element.shadowRoot);
  };
  let last = performance.now();
  watchShadows(root);
  const started = performance.now();
  try {
    while (performance.now() - last < quietMs && performance.now() - started < limitMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    observer.disconnect();
  }
}
