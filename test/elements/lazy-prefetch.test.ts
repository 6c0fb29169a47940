// The rare screens' code is fetched ahead while the page is idle and shown, never while
// it is hidden, so a player on a good connection never waits on it.
import { expect } from '@open-wc/testing';
// The page's provider comes from the usual addresses (../support/elements.js defines it),
// the request and its chunks from their own: two copies of playgate, as two games'
// overlays may bring, and the request still speaks its own words.
import { setVisibility } from '../support/elements.js';
import { requestAs } from '../support/request.js';
import { nextTask, waitFor } from '../support/tick.js';

const log = async () => (await (await fetch('/__chunks/log')).json()) as string[];
// WebKit has no idle callbacks (the widget waits half a second there): a task stands in, so
// the hidden check proves itself in Chromium and Firefox and only runs through in WebKit.
const idle = () =>
  typeof requestIdleCallback === 'function' ? new Promise<void>((resolve) => requestIdleCallback(() => { resolve(); }, { timeout: 2000 })) : nextTask();

async function logged(match: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await log()).some((path) => path.includes(match))) {
    if (Date.now() > deadline) throw new Error(`${match} was never asked for`);
    await nextTask();
  }
}

// At addresses of their own (see test/support/chunk-faults.js): no other file's cached copy.
before(async () => {
  await fetch('/__chunks/clear', { method: 'POST' });
  const fresh = '/__fresh/lazy-prefetch/src/elements';
  await import(/* @vite-ignore */ `${fresh}/permission-request/permission-request.ts`);
});

describe('lazy views, fetched ahead', () => {
  after(() => {
    setVisibility('visible');
  });

  it('waits while the page is hidden, fetches once it is shown and idle, and the challenge panel then needs no fetch', async () => {
    setVisibility('hidden');
    const { provider, element, ready } = await requestAs('child', 'pip');
    await element.updateComplete;
    await idle();
    await idle();
    expect((await log()).filter((path) => path.includes('/conversation.')), 'nothing fetched while hidden').to.deep.equal([]);

    setVisibility('visible');
    await logged('/conversation.');
    // Come: its tags are defined, though nobody asked for anything yet.
    await waitFor(() => customElements.get('playgate-challenge-panel') !== undefined, 'the panel defined');
    await ready;
    const before = (await log()).length;
    await element.updateComplete;
    element.shadowRoot?.querySelector<HTMLElement>('[part="row"][data-permission="voice-chat"] [part="action"]')?.click();
    const panel = () => element.shadowRoot?.querySelector('playgate-challenge-panel')?.shadowRoot?.querySelector('[part="code"]') ?? null;
    await waitFor(() => panel() !== null, 'the challenge panel');
    expect(element.shadowRoot?.textContent, 'never a loading line').not.to.contain('Loading…');
    const fetchedSince = (await log()).slice(before).filter((path) => path.startsWith('/src/elements/'));
    expect(fetchedSince, 'no view code fetched when asked').to.deep.equal([]);
    provider.remove();
  });
});
