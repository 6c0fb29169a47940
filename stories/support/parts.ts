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
        // A nested element's parts reach the page only through its host's `exportparts`.
        const exported = element.getAttribute('exportparts');
        if (exported !== null) {
          const names = new Set(exported.split(',').map((entry) => entry.split(':')[0]?.trim()));
          for (const node of element.shadowRoot.querySelectorAll('[part]')) {
            for (const part of node.getAttribute('part')?.split(/\s+/) ?? []) {
              if (!names.has(part)) problems.push(`${element.localName} › part "${part}" is not in its exportparts`);
            }
          }
        }
        visit(element.shadowRoot);
      }
    }
  };
  visit(root);
  return [...new Set(problems)];
}
