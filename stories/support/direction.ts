import { directionOf } from '../../src/i18n/locales.js';

/** Elements whose visible box does not run in the locale's direction (Arabic: right to left). */
export function directionProblems(root: Element, locale: string): string[] {
  const wanted = directionOf(locale);
  const problems: string[] = [];
  for (const host of root.querySelectorAll('*')) {
    if (!host.localName.startsWith('playgate-') || host.localName === 'playgate-provider' || !host.shadowRoot) continue;
    const box = host.shadowRoot.querySelector('[part]');
    if (box && getComputedStyle(box).direction !== wanted) problems.push(`${host.localName} runs ${getComputedStyle(box).direction}, not ${wanted}`);
  }
  return problems;
}
