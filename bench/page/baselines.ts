// What the render ratios compare against: the same data drawn by the plainest DOM code,
// in the same page, with the same "painted" detection as the widget's measures.
import type { Permission } from '../../src/model/permissions.js';
import { paddedTerms } from '../../stories/support/padded-terms.js';
import { painted } from './paint.js';

/** The consent document box's own rules (consent-prompt.styles.ts, tokens.ts), so both lay out the same text alike. */
const DOCUMENT_STYLE = [
  "font-family: system-ui, -apple-system, 'Segoe UI', sans-serif",
  'color: #1b1d24',
  'white-space: pre-wrap',
  'overflow-wrap: break-word',
  'overflow: auto',
  'max-height: 50vh',
  'min-height: 6rem',
  'padding: 12px',
  'border: 1px solid #c9ccd6',
  'border-radius: 8px',
  'line-height: 1.55',
].join(';');

/**
 * Milliseconds from the same 100 KB answer (made by the same padding code, so the same
 * text, parsed from the same JSON) to a plain `<div>` painted with it as `textContent`.
 */
export async function plainDocument(): Promise<number> {
  let dataIn = 0;
  // The padding only needs the answer's shape; its text replaces whatever content came.
  const source = () => Promise.resolve(Response.json({ data: { content: '' } }));
  const padded = paddedTerms(source, 100_000, () => {
    dataIn = performance.now();
  });
  const response = await padded(`${location.origin}/emulator/nodecraft/v1/consents/game/legal`);
  const body = (await response.json()) as { data: { content: string } };
  const box = document.createElement('div');
  box.style.cssText = DOCUMENT_STYLE;
  box.textContent = body.data.content;
  document.body.append(box);
  const at = await painted();
  box.remove();
  return at - dataIn;
}

/** The same 500 permissions the widget's list measure draws. */
export function permissionsOf(count: number): Permission[] {
  const managers = ['PLAYER', 'GUARDIAN', 'PROHIBITED'] as const;
  return Array.from({ length: count }, (_, index) => ({
    name: `feature-${String(index)}`,
    enabled: index % 4 === 0,
    managedBy: managers[index % 3] ?? 'PLAYER',
  }));
}

/** Milliseconds from the permissions in to `count` plain `<li>` rows, each with a `<button>`, painted. */
export async function plainList(count = 500): Promise<number> {
  const permissions = permissionsOf(count);
  const dataIn = performance.now();
  const list = document.createElement('ul');
  for (const permission of permissions) {
    const row = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = permission.name;
    const button = document.createElement('button');
    button.textContent = permission.enabled ? 'On' : 'Ask a parent';
    row.append(label, button);
    list.append(row);
  }
  document.body.append(list);
  const at = await painted();
  const rows = list.querySelectorAll('li').length;
  list.remove();
  if (rows !== count) throw new Error(`${String(rows)} rows drawn, not ${String(count)}`);
  return at - dataIn;
}
