// An adult k-ID has not verified (wire.md A.7): a minor's defaults, "Verify to unlock" in the
// status and the rows, the player's own age check in a dialog, made only when they start
// it, and once it passes, one session read whose diff says what opened up.
import { expect } from '@open-wc/testing';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateAgeCheckDialog } from '../../src/elements/age-check-dialog/age-check-dialog.component.js';
import { frameDocument, startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, mountStatus, next, until, type Mounted } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

async function asSam(): Promise<TestEmulator> {
  const emu = await startEmulator('unverified-adult');
  await emu.link('sam', 'session-sam');
  document.cookie = 'player=sam; path=/';
  return emu;
}

const verifications = async (emu: TestEmulator) =>
  (await emu.control<Array<{ vendor: string; path: string }>>('GET', '/requests')).filter((r) => r.vendor === 'kid' && r.path.startsWith('/age-verification/perform'));
const dialog = (m: Mounted) => m.status.shadowRoot?.querySelector<PlaygateAgeCheckDialog>('playgate-age-check-dialog') ?? null;
const inDialog = (m: Mounted, part: string) => dialog(m)?.shadowRoot?.querySelector<HTMLElement>(`[part="${part}"]`) ?? null;
const verifyButton = (m: Mounted) => m.status.shadowRoot?.querySelector<HTMLButtonElement>('[part="verify-start"]') ?? null;

async function openFrame(m: Mounted): Promise<HTMLIFrameElement> {
  await waitFor(() => inDialog(m, 'frame') !== null, 'the age check dialog');
  const frame = inDialog(m, 'frame') as HTMLIFrameElement;
  await waitFor(() => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.querySelector('button') !== null, 'the age check page');
  return frame;
}

describe('an unverified adult', () => {
  afterEach(cleanUp);

  it('is offered "Verify to unlock"; the check is made only when started, and the same one shows after a close', async () => {
    const emu = await asSam();
    const m = await mountStatus(emu);
    await until(m, (t) => t.includes('Some features stay locked until you check your age.'), 'the standing offer');
    expect(verifyButton(m)?.textContent).to.equal('Verify to unlock');
    await expect(m.status).to.be.accessible();
    expect(await verifications(emu), 'none made ahead').to.deep.equal([]);

    const started = next(m.status, 'playgate-age-verification-started');
    verifyButton(m)?.click();
    expect((await started).detail).to.deep.equal({ permissions: [] });
    const frame = await openFrame(m);
    expect(frame.src).to.match(/\/verify\?v=/);
    inDialog(m, 'close')?.click();
    await waitFor(() => dialog(m) === null, 'the dialog closed');
    verifyButton(m)?.click();
    await openFrame(m);
    expect(await verifications(emu), 'one check, shown again').to.have.length(1);
  });

  it('once the check passes, reads the session once and says what opened up; the rows turn from "Verify to unlock" to the adult\'s', async () => {
    const emu = await asSam();
    const m = await mountStatus(emu);
    const request = document.createElement('playgate-permission-request');
    m.provider.append(request);
    const row = (name: string) => request.shadowRoot?.querySelector<HTMLElement>(`[data-permission="${name}"]`) ?? null;
    await waitFor(() => row('voice-chat')?.dataset.state === 'verify-to-unlock', 'the withheld row');
    expect(row('voice-chat')?.querySelector('[part="action"]')?.textContent).to.equal('Verify to unlock');
    expect(row('text-chat-public')?.dataset.state, "what the minor's defaults allow stays on").to.equal('on');
    await expect(request).to.be.accessible();

    // Started from the row: the dialog is drawn by the element used.
    const started = next(request, 'playgate-age-verification-started');
    row('voice-chat')?.querySelector<HTMLButtonElement>('[part="action"]')?.click();
    await started;
    const frameOf = () => request.shadowRoot?.querySelector('playgate-age-check-dialog')?.shadowRoot?.querySelector<HTMLIFrameElement>('[part="frame"]') ?? null;
    await waitFor(() => frameOf()?.contentDocument?.querySelector('button') != null, 'the age check page in the row\'s dialog');
    const verified = next(request, 'playgate-age-verified');
    const changed = next(m.provider, 'playgate-session-changed');
    [...frameDocument(frameOf()!).querySelectorAll('button')].find((b) => b.textContent === 'Pass the check')?.click();
    await verified;
    const diff = (await changed).detail;
    expect(diff.before.ageVerification).to.equal('unverified');
    expect(diff.after.ageVerification).to.equal('verified');
    await until(m, (t) => t.includes('You can now turn on voice chat yourself.'), 'what opened up');
    await waitFor(() => row('voice-chat')?.dataset.state === 'turn-on', 'the row, an adult\'s');
    expect(verifyButton(m), 'no more offer').to.equal(null);
    expect(request.shadowRoot?.querySelector('playgate-age-check-dialog'), 'closed').to.equal(null);
  });
});
