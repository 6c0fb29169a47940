// The age check dialog alone: a modal holding the vendor's frame, closed by its button or
// Escape, and passing up the frame's own message (and nobody else's) as a hint.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/age-check-dialog/age-check-dialog.js';
import type { PlaygateAgeCheckDialog } from '../../src/elements/age-check-dialog/age-check-dialog.component.js';
import { cleanUp, next } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

const DONE_PAGE = new URL('/test/fixtures/pages/age-check-done.html', location.href).href;

async function mount(url: string): Promise<PlaygateAgeCheckDialog> {
  const dialog = document.createElement('playgate-age-check-dialog');
  dialog.url = url;
  dialog.open = true;
  document.body.append(dialog);
  await dialog.updateComplete;
  return dialog;
}

const part = (dialog: PlaygateAgeCheckDialog, name: string) => dialog.shadowRoot?.querySelector<HTMLElement>(`[part="${name}"]`) ?? null;

describe('<playgate-age-check-dialog>', () => {
  afterEach(cleanUp);

  it('opens as a modal holding the frame, with what a face check or a passkey needs, and is accessible', async () => {
    const hints: Event[] = [];
    const dialog = document.createElement('playgate-age-check-dialog');
    dialog.addEventListener('playgate-age-check-dialog-hint', (event) => hints.push(event));
    dialog.url = DONE_PAGE;
    dialog.open = true;
    document.body.append(dialog);
    await dialog.updateComplete;
    const modal = part(dialog, 'dialog') as HTMLDialogElement;
    expect(modal.open).to.equal(true);
    expect(modal.matches(':modal')).to.equal(true);
    const frame = part(dialog, 'frame') as HTMLIFrameElement;
    expect(frame.getAttribute('allow')).to.equal('camera;payment;publickey-credentials-get;publickey-credentials-create');
    expect(frame.title).to.equal('Age check');
    await expect(dialog).to.be.accessible();
    // The frame's page said it finished: one hint.
    await waitFor(() => hints.length === 1, 'the hint from the frame');
  });

  it('ignores messages that are not from its own frame', async () => {
    const dialog = await mount('https://verify.example.test/check');
    let hinted = false;
    dialog.addEventListener('playgate-age-check-dialog-hint', () => {
      hinted = true;
    });
    // The page itself (or any other window) pretending to be the frame.
    const heard = new Promise((resolve) => {
      window.addEventListener('message', resolve, { once: true });
    });
    window.postMessage({ eventType: 'Verification.Result', data: { status: 'PASS' } }, '*');
    await heard;
    await dialog.updateComplete;
    expect(hinted).to.equal(false);
  });

  it('asks to close from its button and from Escape, and frames nothing but http(s)', async () => {
    const dialog = await mount(DONE_PAGE);
    const byButton = next(dialog, 'playgate-age-check-dialog-close');
    part(dialog, 'close')?.click();
    await byButton;
    const byEscape = next(dialog, 'playgate-age-check-dialog-close');
    part(dialog, 'close')?.focus();
    await sendKeys({ press: 'Escape' });
    await byEscape;
    expect((part(dialog, 'dialog') as HTMLDialogElement).open, 'Escape closes it, as a modal does').to.equal(false);
    dialog.open = false;
    await dialog.updateComplete;
    expect((part(dialog, 'dialog') as HTMLDialogElement).open).to.equal(false);

    const unsafe = await mount('javascript:alert(1)');
    expect(part(unsafe, 'frame')).to.equal(null);
  });
});
