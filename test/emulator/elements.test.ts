import { expect } from '@open-wc/testing';
import { identityScope } from '../../src/model/index.js';
import { startEmulator } from '../support/emulator.js';
import { failure } from '../support/failure.js';

const HOUR = 3600 * 1000;

describe('emulator: Elements', () => {
  it('signs in with name and password into a user- or profile-scoped session', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    const userOnly = await emu.elements().signIn({ userId, password });
    expect(identityScope(userOnly)).to.equal('user');
    expect(userOnly.expiresAt - Date.now()).to.be.within(47 * HOUR, 49 * HOUR);
    const scoped = await emu.elements().signIn({ userId, password, profileId });
    expect(scoped.profile?.id).to.equal(profileId);
  });

  it('refuses a wrong password', async () => {
    const emu = await startEmulator('adult');
    expect((await failure(emu.elements().signIn({ userId: 'sam', password: 'nope' }))).kind).to.equal('invalid_credentials');
  });

  it('needs profile scope for profile/current', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    const http = emu.elements();
    await http.signIn({ userId, password });
    expect((await failure(http.currentProfile())).kind).to.equal('not_found');
    const scoped = emu.elements({ header: 'session-secret', profileId });
    await scoped.signIn({ userId, password });
    expect((await scoped.currentProfile()).id).to.equal(profileId);
  });

  it('accepts both header forms', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    for (const header of ['bearer', 'session-secret'] as const) {
      const http = emu.elements({ header });
      await http.signIn({ userId, password, profileId });
      expect((await http.currentProfile()).id, header).to.equal(profileId);
    }
  });

  it('slides the expiry on every call, and expires an idle session with 401', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    const http = emu.elements();
    await http.signIn({ userId, password, profileId });
    await emu.control('POST', '/clock', { advanceMs: 40 * HOUR });
    await http.currentProfile();
    await emu.control('POST', '/clock', { advanceMs: 40 * HOUR });
    await http.currentProfile();
    await emu.control('POST', '/clock', { advanceMs: 49 * HOUR });
    const error = await failure(http.currentProfile());
    expect(error.kind).to.equal('session_expired');
    expect(error.status).to.equal(401);
    expect(error.message).to.equal('Session expired.');
  });

  it('expired: the scenario secret is refused with 401', async () => {
    const emu = await startEmulator('expired');
    const http = emu.elements();
    http.adopt(emu.scenario.elements.sessionSecret ?? '');
    const error = await failure(http.currentProfile());
    expect(error.status).to.equal(401);
    expect(error.kind).to.equal('session_expired');
  });

  it('a password change invalidates every secret with 403', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    const one = emu.elements();
    const two = emu.elements();
    await one.signIn({ userId, password, profileId });
    await two.signIn({ userId, password, profileId });
    await emu.control('POST', '/elements/password', { userId, password: 'changed' });
    for (const http of [one, two]) {
      const error = await failure(http.currentProfile());
      expect(error.status).to.equal(403);
      expect(error.vendorCode).to.equal('FORBIDDEN');
    }
    await one.signIn({ userId, password: 'changed', profileId });
    expect((await one.currentProfile()).id).to.equal(profileId);
  });

  it('logs out by deleting the secret', async () => {
    const emu = await startEmulator('adult');
    const { userId, password, profileId } = emu.scenario.elements;
    const http = emu.elements();
    await http.signIn({ userId, password, profileId });
    await http.signOut();
    expect(http.identity).to.equal(undefined);
  });

  it('answers a malformed session header with 500 UNKNOWN, as Elements does', async () => {
    const emu = await startEmulator('adult');
    const response = await emu.raw('/elements/api/rest/profile/current', { headers: { 'Elements-SessionSecret': 'abc xyz' } });
    expect(response.status).to.equal(500);
    expect(await response.json()).to.deep.equal({ code: 'UNKNOWN', message: 'Malformed session header' });
  });
});
