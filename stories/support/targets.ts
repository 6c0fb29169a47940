// WCAG 2.5.8: every control a finger or a pointer hits is at least 24 × 24 CSS px. A link
// inside a sentence is exempt (the spacing of the text decides it).
const CONTROLS = 'button, select, input, textarea, a[href], [role="button"], [tabindex="0"]';

/** Controls smaller than 24 px, one line each; empty when all are big enough. */
export function targetProblems(root: Element): string[] {
  const problems: string[] = [];
  const visit = (scope: Element | ShadowRoot) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.matches(CONTROLS) && !inSentence(element)) {
        const { width, height } = element.getBoundingClientRect();
        if (width > 0 && height > 0 && (width < 24 || height < 24)) problems.push(`${element.localName} "${element.textContent.trim().slice(0, 30)}" is ${String(Math.round(width))} × ${String(Math.round(height))} px`);
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return problems;
}

function inSentence(element: Element): boolean {
  return element.localName === 'a' && getComputedStyle(element).display === 'inline';
}
