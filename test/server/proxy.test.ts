import { expect } from '@open-wc/testing';
import { startEmulator } from '../support/emulator.js';
import { failure } from '../support/failure.js';

function signInAs(player: string | undefined): void {
  document.cookie = player ? `player=${player}; path=/` : 'player=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
}

/** The next event of a type on a browser EventSource. */
function nextEvent(source: EventSource, type: string): Promise<MessageEvent<string>> {
  return new Promise((resolve) => {
    source.addEventListener(type, (event) => {
      resolve(event as MessageEvent<string>);
    }, { once: true });
  });
}

describe('the widget through the game proxy', () => {
  afterEach(() => {
    signInAs(undefined);
  });

  it('reads and upgrades with the game cookie only; the API key never reaches the page', async () => {
    const emu = await startEmulator('child');
    await emu.link('pip', 'session-pip');
    signInAs('pip');
    const kid = emu.kidThroughProxy();
    const read = await kid.getSession('session-pip');
    expect(read.changed && read.session.ageStatus).to.equal('DIGITAL_MINOR');
    const asked = await kid.upgrade('session-pip', ['voice-chat']);
    if (asked.status !== 'CHALLENGE') throw new Error('expected a challenge');
    expect((await kid.getChallengeStatus(asked.challenge.challengeId)).status).to.equal('PENDING');
    const raw = await fetch(`${emu.base}/api/kid/session/get?sessionId=session-pip`);
    expect(await raw.text()).not.to.contain(emu.scenario.kid.apiKey);
  });

  it("refuses another player's session, and anyone signed out", async () => {
    const emu = await startEmulator('child');
    await emu.link('pip', 'session-pip');
    await emu.link('rowan', 'session-rowan');
    signInAs('rowan');
    const theirs = await failure(emu.kidThroughProxy().getSession('session-pip'));
    expect(theirs.status).to.equal(403);
    signInAs(undefined);
    expect((await failure(emu.kidThroughProxy().getSession('session-pip'))).status).to.equal(401);
  });

  it('pushes a parent change to an EventSource in the page', async () => {
    const emu = await startEmulator('child');
    await emu.link('pip', 'session-pip');
    signInAs('pip');
    const source = new EventSource(`${emu.base}/api/kid/events`);
    try {
      await new Promise((resolve) => {
        source.addEventListener('open', resolve, { once: true });
      });
      const changed = nextEvent(source, 'session-changed');
      await emu.control('POST', '/events/parent-change', { permission: 'voice-chat', enabled: true });
      expect(JSON.parse((await changed).data)).to.deep.equal({ type: 'session-changed', sessionId: 'session-pip' });
      const approved = nextEvent(source, 'challenge-changed');
      const asked = await emu.kidThroughProxy().upgrade('session-pip', ['text-chat-private']);
      if (asked.status !== 'CHALLENGE') throw new Error('expected a challenge');
      await emu.control('POST', `/challenges/${asked.challenge.challengeId}/decide`, { approve: true });
      expect(JSON.parse((await approved).data)).to.deep.equal({ type: 'challenge-changed', challengeId: asked.challenge.challengeId, status: 'PASS', sessionId: 'session-pip' });
    } finally {
      source.close();
    }
  });
});
