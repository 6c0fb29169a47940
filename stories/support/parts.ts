// Styling hooks fine enough to match a game: every control, heading, text block and list
// in an element's shadow root is reachable with `::part()`.
const MEANINGFUL = 'button, a, input, select, textarea, label, h1, h2, h3, h4, p, ul, ol, li, form, fieldset, dialog, section';

/** Nodes a game cannot style from outside: one line each; empty when every one has a part. */
export function partProblems(root: Element): string[] {
  const problems: string[] = [];
  const visit = (scope: Element | ShadowRoot) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.shadowRoot) {
        for (const node of element.shadowRoot.querySelectorAll(MEANINGFUL)) {
          if (!node.hasAttribute('part')) problems.push(`${element.localName} › ${node.localName} "${node.textContent.trim().slice(0, 40)}"`);
        }
        visit(element.shadowRoot);
      }
    }
  };
  visit(root);
  return [...new Set(problems)];
}
