import { expect } from '@open-wc/testing';
import { frameDocument, navigate, openParentPage, startEmulator } from '../support/emulator.js';

describe('emulator: a full parental challenge', () => {
  afterEach(() => {
    document.querySelectorAll('iframe').forEach((frame) => {
      frame.remove();
    });
  });

  it('creates a challenge, a parent enters the code and approves, and the permission is on', async () => {
    const emu = await startEmulator('child');
    const kid = emu.kid();
    const sessionId = emu.scenario.kid.sessionId ?? '';

    const asked = await kid.upgrade(sessionId, ['voice-chat']);
    expect(asked.status).to.equal('CHALLENGE');
    if (asked.status !== 'CHALLENGE') return;
    const { challenge } = asked;
    expect(challenge.type).to.equal('CHALLENGE_SESSION_UPGRADE');
    expect(challenge.oneTimePassword).to.match(/^[A-Z2-9]{6}$/);
    expect(challenge.url).to.equal(`${emu.base}/parent?otp=${challenge.oneTimePassword ?? ''}`);
    expect((await kid.getChallengeStatus(challenge.challengeId)).status).to.equal('PENDING');

    // The parent's device: the code entry page, typed in by hand.
    const frame = await openParentPage(`${emu.base}/parent`);
    let page = frameDocument(frame);
    const input = page.querySelector<HTMLInputElement>('input[name="otp"]');
    expect(input?.labels?.[0]?.textContent).to.equal('Code');
    input!.value = (challenge.oneTimePassword ?? '').toLowerCase();
    await navigate(frame, () => {
      page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    });

    page = frameDocument(frame);
    expect(page.querySelector('h1')?.textContent).to.contain('asking to use');
    expect(page.querySelector('li')?.textContent).to.equal('Voice chat: talk with other players using a microphone');
    expect((await kid.getChallengeStatus(challenge.challengeId)).status, 'once the parent opened it').to.equal('IN_PROGRESS');
    const approve = [...page.querySelectorAll('button')].find((b) => b.textContent === 'Approve');
    expect(approve, 'an Approve button').to.exist;
    await navigate(frame, () => {
      approve!.click();
    });
    expect(frameDocument(frame).querySelector('h1')?.textContent).to.equal('Approved');

    const result = await kid.getChallengeStatus(challenge.challengeId);
    expect(result).to.deep.equal({ status: 'PASS', sessionId });
    const read = await kid.getSession(sessionId);
    expect(read.changed && read.session.permissions.find((p) => p.name === 'voice-chat')).to.deep.equal({ name: 'voice-chat', enabled: true, managedBy: 'GUARDIAN' });
  });
});
