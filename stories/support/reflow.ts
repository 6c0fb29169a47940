/**
 * Reflow (WCAG 1.4.10): at any width down to 320 px, nothing in a story spills past the
 * viewport sideways or clips its text, so a player never scrolls two ways to read it.
 * Returns what is wrong, one line each; empty when the story reflows.
 */
export function reflowProblems(root: Element): string[] {
  const width = document.documentElement.clientWidth;
  const problems: string[] = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${String(document.documentElement.scrollWidth)} px wide in ${String(width)} px`);
  for (const element of everyElement(root)) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const name = describe(element);
    if (rect.right > width + 1 || rect.left < -1) problems.push(`${name} runs past the viewport (${String(Math.round(rect.left))}–${String(Math.round(rect.right))} of ${String(width)} px)`);
    // Text wider than its box spills out (visible) or is cut off or scrolled (otherwise).
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) problems.push(`${name}: its content is ${String(element.scrollWidth)} px wide in ${String(element.clientWidth)} px`);
  }
  return problems;
}

function* everyElement(root: Element | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    // A select's options are drawn by the browser, not laid out in the page.
    if (element.closest('select')) continue;
    yield element;
    if (element.shadowRoot) yield* everyElement(element.shadowRoot);
  }
}

function describe(element: Element): string {
  const root = element.getRootNode();
  const host = root instanceof ShadowRoot ? root.host.localName : 'page';
  const part = element.getAttribute('part');
  return `${host} › ${element.localName}${part ? `[part="${part}"]` : ''} "${element.textContent.trim().slice(0, 30)}"`;
}
