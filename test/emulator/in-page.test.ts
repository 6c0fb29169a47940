import { expect } from '@open-wc/testing';
import { KidBackend, NodecraftBackend } from '../../src/backends/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { failure } from '../support/failure.js';

// Storybook runs the emulator inside the page: the same handler, no server, no network.
describe('emulator inside a browser page', () => {
  it('serves the adapters through asFetch()', async () => {
    const emulator = createEmulator({ scenario: 'teen' });
    const fetch = emulator.asFetch();
    const kid = new KidBackend({ baseUrl: 'https://emulator.invalid/kid/api/v1/', fetch, token: () => emulator.config.kidApiKey });
    const read = await kid.getSession(emulator.scenario.kid.sessionId ?? '');
    expect(read.changed && read.session.ageStatus).to.equal('DIGITAL_YOUTH');
    const result = await kid.upgrade(emulator.scenario.kid.sessionId ?? '', ['voice-chat']);
    expect(result.status === 'CHALLENGE' && result.challenge.url).to.match(/^https:\/\/emulator\.invalid\/parent\?otp=/);
    emulator.close();
  });

  it('turns a dropped connection into a network error, as a real fetch does', async () => {
    const emulator = createEmulator({ scenario: 'child' });
    const fetch = emulator.asFetch();
    await fetch(new Request('https://emulator.invalid/_emulator/faults', { method: 'POST', body: JSON.stringify({ vendor: 'nodecraft', path: '/ident', kind: 'drop' }) }));
    const nodecraft = new NodecraftBackend({ baseUrl: 'https://emulator.invalid/nodecraft/v1/', fetch, gameToken: () => emulator.config.gameToken });
    expect((await failure(nodecraft.identify(emulator.scenario.nodecraft.identRequest))).kind).to.equal('network');
  });

  it('honours a mount path', async () => {
    const emulator = createEmulator({ basePath: '/emulator' });
    const page = await emulator.fetch(new Request('https://game.test/emulator/parent'));
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('action="https://game.test/emulator/parent"');
    expect((await emulator.fetch(new Request('https://game.test/parent'))).status).to.equal(404);
  });
});
