// The player's side of the consent prompt, for tests that drive it.
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { waitFor } from './tick.js';

const part = (prompt: Element, name: string) => prompt.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Reads the shown document to its end and accepts it, if one is ready; says whether it did. */
export async function acceptShown(prompt: PlaygateConsentPrompt): Promise<boolean> {
  const box = part(prompt, 'document');
  const accept = part(prompt, 'accept') as HTMLButtonElement | null;
  if (!box || !accept || accept.textContent.includes('Saving')) return false;
  box.scrollTop = box.scrollHeight;
  box.dispatchEvent(new Event('scroll'));
  await prompt.updateComplete;
  if (accept.disabled) return false;
  accept.click();
  return true;
}

/** Accepts `rounds` documents one after another, each once it is shown. */
export async function acceptRounds(prompt: PlaygateConsentPrompt, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await waitFor(() => part(prompt, 'document') !== null && !part(prompt, 'accept')?.textContent.includes('Saving'), `round ${String(round + 1)}`);
    const box = part(prompt, 'document');
    if (!(await acceptShown(prompt))) throw new Error(`round ${String(round + 1)} could not be accepted`);
    await waitFor(() => part(prompt, 'document') !== box, 'the next round');
  }
}
