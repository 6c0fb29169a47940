import { expect } from '@open-wc/testing';
import type { Permission, Session } from '../../src/model/index.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { failure } from '../support/failure.js';

function permission(session: Session, name: string): Permission | undefined {
  return session.permissions.find((p) => p.name === name);
}

async function session(emu: TestEmulator, sessionId = emu.scenario.kid.sessionId ?? ''): Promise<Session> {
  const read = await emu.kid().getSession(sessionId);
  if (!read.changed) throw new Error('expected a session body');
  return read.session;
}

interface WebhookRecord {
  eventType: string;
  body: string;
}

describe('emulator: k-ID', () => {
  describe('scenarios', () => {
    it('child: a minor whose parent manages chat', async () => {
      const emu = await startEmulator('child');
      const s = await session(emu);
      expect(s.ageStatus).to.equal('DIGITAL_MINOR');
      expect(s.kuid, 'a parent consented').to.be.a('string');
      expect(permission(s, 'voice-chat')).to.deep.equal({ name: 'voice-chat', enabled: false, managedBy: 'GUARDIAN' });
      expect(permission(s, 'targeted-ads')?.managedBy).to.equal('PROHIBITED');
      expect(permission(s, 'loot-boxes-paid-gameplay-impacting')).to.deep.equal({ name: 'loot-boxes-paid-gameplay-impacting', enabled: false, managedBy: 'PROHIBITED', verifiedAgeThreshold: 18 });
    });

    it('teen: a youth who manages chat but not voice', async () => {
      const emu = await startEmulator('teen');
      const s = await session(emu);
      expect(s.ageStatus).to.equal('DIGITAL_YOUTH');
      expect(s.jurisdiction).to.equal('GB');
      expect(permission(s, 'text-chat-private')?.managedBy).to.equal('PLAYER');
      expect(permission(s, 'voice-chat')?.managedBy).to.equal('GUARDIAN');
    });

    it('adult: everything is theirs, threshold features need an age check', async () => {
      const emu = await startEmulator('adult');
      const s = await session(emu);
      expect(s.ageStatus).to.equal('LEGAL_ADULT');
      expect(s.permissions.filter((p) => p.managedBy !== 'PLAYER')).to.deep.equal([]);
      expect(permission(s, 'voice-chat')?.enabled).to.equal(true);
    });

    it('first-run: no session until the age gate passes', async () => {
      const emu = await startEmulator('first-run');
      expect(emu.scenario.kid.sessionId).to.equal(undefined);
      const result = await emu.kid().checkAge({ jurisdiction: emu.scenario.kid.jurisdiction, age: emu.scenario.kid.age });
      expect(result.status).to.equal('CHALLENGE');
      expect(result.status === 'CHALLENGE' && result.challenge.type).to.equal('CHALLENGE_PARENTAL_CONSENT');
    });

    it('revoked: the session reads as deleted', async () => {
      const emu = await startEmulator('revoked');
      expect((await failure(emu.kid().getSession(emu.scenario.kid.sessionId ?? ''))).kind).to.equal('session_deleted');
    });
  });

  describe('age gate', () => {
    it('answers requirements by jurisdiction', async () => {
      const emu = await startEmulator();
      const de = await emu.kid().getAgeGateRequirements('DE');
      expect(de).to.include({ shouldDisplay: true, digitalConsentAge: 16, civilAge: 18 });
      expect((await emu.kid().getAgeGateRequirements('US-CA')).digitalConsentAge).to.equal(13);
    });

    it('passes an adult, challenges a minor, prohibits the very young', async () => {
      const kid = (await startEmulator()).kid();
      const adult = await kid.checkAge({ jurisdiction: 'US-CA', dateOfBirth: '1990-01-01' });
      expect(adult.status === 'PASS' && adult.session?.ageStatus).to.equal('LEGAL_ADULT');
      const fifteenInGermany = await kid.checkAge({ jurisdiction: 'DE', age: 15 });
      expect(fifteenInGermany.status).to.equal('CHALLENGE');
      const fifteenInUs = await kid.checkAge({ jurisdiction: 'US-NY', age: 15 });
      expect(fifteenInUs.status === 'PASS' && fifteenInUs.session?.ageStatus).to.equal('DIGITAL_YOUTH');
      expect(await kid.checkAge({ jurisdiction: 'US-CA', age: 3 })).to.deep.equal({ status: 'PROHIBITED' });
    });

    it('refuses both age fields at once with 400', async () => {
      const emu = await startEmulator();
      const response = await emu.raw('/kid/api/v1/age-gate/check', {
        method: 'POST',
        headers: { Authorization: `Bearer ${emu.scenario.kid.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ jurisdiction: 'US-CA', age: 9, dateOfBirth: '2017-01-01' }),
      });
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { error: string }).error).to.equal('INVALID_REQUEST');
    });

    it('refuses a missing or wrong API key with 401', async () => {
      const emu = await startEmulator();
      const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong' }, { Authorization: emu.scenario.kid.apiKey }];
      for (const headers of attempts) {
        const response = await emu.raw('/kid/api/v1/age-gate/get-requirements?jurisdiction=US-CA', { headers });
        expect(response.status).to.equal(401);
      }
    });
  });

  describe('sessions and upgrades', () => {
    it('answers 304 while the etag holds, and a new etag after a change', async () => {
      const emu = await startEmulator('teen');
      const kid = emu.kid();
      const first = await session(emu);
      expect(await kid.getSession(first.sessionId, { etag: first.etag })).to.deep.equal({ changed: false });
      await kid.upgrade(first.sessionId, ['text-chat-private']);
      const after = await kid.getSession(first.sessionId, { etag: first.etag });
      expect(after.changed && after.session.etag).to.be.a('string').and.not.equal(first.etag);
    });

    it('enables a PLAYER-managed permission at once', async () => {
      const emu = await startEmulator('teen');
      const result = await emu.kid().upgrade(emu.scenario.kid.sessionId ?? '', ['text-chat-private']);
      expect(result.status).to.equal('PASS');
      expect(result.status === 'PASS' && permission(result.session, 'text-chat-private')?.enabled).to.equal(true);
    });

    it('challenges a GUARDIAN-managed permission and enables it on approval', async () => {
      const emu = await startEmulator('teen');
      const kid = emu.kid();
      const sessionId = emu.scenario.kid.sessionId ?? '';
      const result = await kid.upgrade(sessionId, ['voice-chat']);
      expect(result.status === 'CHALLENGE' && result.challenge.type).to.equal('CHALLENGE_SESSION_UPGRADE');
      if (result.status !== 'CHALLENGE') return;
      expect(permission(await session(emu), 'voice-chat')?.enabled, 'not before approval').to.equal(false);
      await emu.control('POST', `/challenges/${result.challenge.challengeId}/decide`, { approve: true });
      expect(permission(await session(emu), 'voice-chat')?.enabled).to.equal(true);
    });

    it('reports a denial as FAIL and leaves the permission off', async () => {
      const emu = await startEmulator('child');
      const kid = emu.kid();
      const result = await kid.upgrade(emu.scenario.kid.sessionId ?? '', ['voice-chat']);
      if (result.status !== 'CHALLENGE') throw new Error('expected a challenge');
      await emu.control('POST', `/challenges/${result.challenge.challengeId}/decide`, { approve: false });
      expect(await kid.getChallengeStatus(result.challenge.challengeId)).to.deep.equal({ status: 'FAIL' });
      expect(permission(await session(emu), 'voice-chat')?.enabled).to.equal(false);
    });

    it('sends threshold permissions to age assurance, and passes later ones without a challenge', async () => {
      const emu = await startEmulator('adult');
      const kid = emu.kid();
      const sessionId = emu.scenario.kid.sessionId ?? '';
      const first = await kid.upgrade(sessionId, ['loot-boxes-paid-gameplay-impacting']);
      expect(first.status === 'CHALLENGE' && first.challenge.type).to.equal('CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE');
      if (first.status !== 'CHALLENGE') return;
      await emu.control('POST', `/challenges/${first.challenge.challengeId}/decide`, { approve: true });
      expect(permission(await session(emu), 'loot-boxes-paid-gameplay-impacting')?.enabled).to.equal(true);
      const again = await kid.upgrade(sessionId, ['loot-boxes-paid-gameplay-impacting']);
      expect(again.status).to.equal('PASS');
    });

    it('refuses PROHIBITED and mixed requests with 400', async () => {
      const emu = await startEmulator('adult');
      const kid = emu.kid();
      const sessionId = emu.scenario.kid.sessionId ?? '';
      const mixed = await failure(kid.upgrade(sessionId, ['voice-chat', 'loot-boxes-paid-gameplay-impacting']));
      expect(mixed.status).to.equal(400);
      expect(mixed.kind).to.equal('bad_request');
      const child = await startEmulator('child');
      const prohibited = await failure(child.kid().upgrade(child.scenario.kid.sessionId ?? '', ['targeted-ads']));
      expect(prohibited.status).to.equal(400);
      expect(prohibited.vendorCode).to.equal('PERMISSION_PROHIBITED');
    });
  });

  describe('challenges', () => {
    async function challenged(emu: TestEmulator) {
      const result = await emu.kid().upgrade(emu.scenario.kid.sessionId ?? '', ['voice-chat']);
      if (result.status !== 'CHALLENGE') throw new Error('expected a challenge');
      return result.challenge;
    }

    it('re-reads a stored challenge', async () => {
      const emu = await startEmulator('child');
      const challenge = await challenged(emu);
      const again = await emu.kid().getChallenge(challenge.challengeId);
      expect(again.oneTimePassword).to.equal(challenge.oneTimePassword);
      expect(again.otpExpiresAt).to.be.greaterThan(Date.now());
    });

    it('answers a long poll with POLL_TIMEOUT, and with the decision when it comes', async () => {
      const emu = await startEmulator('child');
      const challenge = await challenged(emu);
      const headers = { Authorization: `Bearer ${emu.scenario.kid.apiKey}` };
      const timedOut = await emu.raw(`/kid/api/v1/challenge/get-status?challengeId=${challenge.challengeId}&timeout=1`, { headers });
      expect(await timedOut.json()).to.deep.equal({ status: 'POLL_TIMEOUT' });
      const waiting = emu.raw(`/kid/api/v1/challenge/await?challengeId=${challenge.challengeId}&timeout=20`, { headers });
      await emu.control('POST', `/challenges/${challenge.challengeId}/decide`, { approve: true });
      const answer = (await (await waiting).json()) as { status: string; sessionId: string };
      expect(answer).to.deep.equal({ status: 'PASS', sessionId: emu.scenario.kid.sessionId });
    });

    it('answers 429 with Retry-After to polling that is too fast', async () => {
      const emu = await startEmulator('child', { minPollIntervalMs: 5000 });
      const challenge = await challenged(emu);
      const url = `/kid/api/v1/challenge/get-status?challengeId=${challenge.challengeId}`;
      const headers = { Authorization: `Bearer ${emu.scenario.kid.apiKey}` };
      expect((await emu.raw(url, { headers })).status).to.equal(200);
      const limited = await emu.raw(url, { headers });
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('Retry-After'))).to.be.within(1, 5);
      expect(await limited.json()).to.deep.equal({ error: 'RATE_LIMITED', errorMsg: 'Polling too fast' });
    });

    it('emails a parent, refusing with INVALID_EMAIL when there is no address on file', async () => {
      const emu = await startEmulator('child');
      const kid = emu.kid();
      const challenge = await challenged(emu);
      expect((await failure(kid.sendParentEmail(challenge.challengeId))).kind).to.equal('invalid_email');
      await kid.sendParentEmail(challenge.challengeId, 'parent@family.test');
      const outbox = await emu.control<Array<{ to: string; link: string }>>('GET', '/outbox');
      expect(outbox).to.have.length(1);
      expect(outbox[0]!.to).to.equal('parent@family.test');
      expect(outbox[0]!.link).to.contain(`${emu.base}/parent?c=${challenge.challengeId}&t=`);
    });

    it('emails the adult on file once one has approved with their address', async () => {
      const emu = await startEmulator('child');
      const first = await challenged(emu);
      await emu.control('POST', `/challenges/${first.challengeId}/decide`, { approve: true, email: 'mum@family.test' });
      const second = await emu.kid().upgrade(emu.scenario.kid.sessionId ?? '', ['text-chat-private']);
      if (second.status !== 'CHALLENGE') throw new Error('expected a challenge');
      await emu.kid().sendParentEmail(second.challenge.challengeId);
      const outbox = await emu.control<Array<{ to: string }>>('GET', '/outbox');
      expect(outbox.map((m) => m.to)).to.deep.equal(['mum@family.test']);
    });

    it('expires one-time codes and refreshes them', async () => {
      const emu = await startEmulator('child');
      const challenge = await challenged(emu);
      await emu.control('POST', '/clock', { advanceMs: 11 * 60 * 1000 });
      const stale = await emu.raw(`/parent?otp=${challenge.oneTimePassword ?? ''}`);
      expect(stale.status).to.equal(404);
      const fresh = await emu.kid().refreshOneTimeCode(challenge.challengeId);
      expect(fresh.oneTimePassword).to.match(/^[A-Z2-9]{6}$/);
      expect(fresh.expiresAt).to.be.a('number');
      expect(fresh.url).to.equal(`${emu.base}/parent?otp=${fresh.oneTimePassword}`);
      expect((await emu.raw(`/parent?otp=${fresh.oneTimePassword}`)).status).to.equal(200);
    });
  });

  describe('backend events', () => {
    it('age-up: GUARDIAN becomes PLAYER, and no webhook is sent', async () => {
      const emu = await startEmulator('child');
      const before = await session(emu);
      await emu.control('POST', '/events/age-up', {});
      const after = await session(emu);
      expect(after.ageStatus).to.equal('DIGITAL_YOUTH');
      expect(after.sessionId).to.equal(before.sessionId);
      expect(permission(before, 'text-chat-private')?.managedBy).to.equal('GUARDIAN');
      expect(permission(after, 'text-chat-private')?.managedBy).to.equal('PLAYER');
      expect(permission(after, 'text-chat-public')?.enabled, 'settings survive').to.equal(true);
      expect(await emu.control('GET', '/webhooks')).to.deep.equal([]);
    });

    it('a parent changes a permission: the session changes and Session.ChangePermissions is sent', async () => {
      const emu = await startEmulator('child');
      await emu.control('POST', '/events/parent-change', { permission: 'voice-chat', enabled: true });
      expect(permission(await session(emu), 'voice-chat')?.enabled).to.equal(true);
      const hooks = await emu.control<WebhookRecord[]>('GET', '/webhooks');
      expect(hooks.map((h) => h.eventType)).to.deep.equal(['Session.ChangePermissions']);
      expect(JSON.parse(hooks[0]!.body)).to.deep.equal({ eventType: 'Session.ChangePermissions', data: { id: emu.scenario.kid.sessionId, productId: 'prod-blockgame' } });
    });

    it('a parent revokes: the session is gone, and consenting again makes a new session id', async () => {
      const emu = await startEmulator('child');
      const kid = emu.kid();
      const oldId = emu.scenario.kid.sessionId ?? '';
      await emu.control('POST', '/events/revoke', {});
      expect((await failure(kid.getSession(oldId))).kind).to.equal('session_deleted');
      const hooks = await emu.control<WebhookRecord[]>('GET', '/webhooks');
      expect(hooks.map((h) => h.eventType)).to.deep.equal(['Session.Delete']);

      const again = await kid.checkAge({ jurisdiction: 'US-CA', age: 9 });
      if (again.status !== 'CHALLENGE') throw new Error('a minor needs a parent again');
      await emu.control('POST', `/challenges/${again.challenge.challengeId}/decide`, { approve: true });
      const result = await kid.getChallengeStatus(again.challenge.challengeId);
      expect(result.status).to.equal('PASS');
      expect(result.sessionId).to.be.a('string').and.not.equal(oldId);
      const fresh = await session(emu, result.sessionId);
      expect(fresh.ageStatus).to.equal('DIGITAL_MINOR');
      const changes = (await emu.control<WebhookRecord[]>('GET', '/webhooks')).map((h) => h.eventType);
      expect(changes).to.deep.equal(['Session.Delete', 'Challenge.StateChange']);
    });
  });
});
