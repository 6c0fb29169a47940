import { expect } from '@open-wc/testing';
import { KidBackend } from '../../src/backends/index.js';
import { SessionSchema, type Permission } from '../../src/model/index.js';
import * as kid from '../fixtures/kid.js';
import { describeTransport } from '../support/transport.js';
import { json, raw, script, type Wire } from '../support/wire.js';
import { failure } from '../support/failure.js';

function backend(wire: Wire, token?: string) {
  return new KidBackend({ baseUrl: wire.baseUrl, retry: { baseDelayMs: 5 }, ...(token ? { token: () => token } : {}) });
}

const expectedSession = {
  sessionId: kid.sessionBody.session.sessionId,
  status: 'ACTIVE',
  etag: '6d9d24',
  jurisdiction: 'US-CA',
  ageStatus: 'LEGAL_ADULT',
  kuid: '123456',
  dateOfBirth: '2005-04-15',
  permissions: [
    { name: 'text-chat-private', enabled: true, managedBy: 'PLAYER' },
    { name: 'loot-boxes-paid-gameplay-impacting', enabled: false, managedBy: 'PLAYER', verifiedAgeThreshold: 18 },
  ],
};

describe('k-ID backend', () => {
  describe('session/get', () => {
    it('reads the documented {session, status} body into a Session', async () => {
      const wire = await script(json(200, kid.sessionBody));
      const read = await backend(wire).getSession(expectedSession.sessionId);
      expect(read).to.deep.equal({ changed: true, session: expectedSession });
      expect(SessionSchema.safeParse(read.changed && read.session).success).to.equal(true);
      const seen = await wire.only();
      expect(seen.method).to.equal('GET');
      expect(seen.path).to.equal('session/get');
      expect(seen.query).to.deep.equal({ sessionId: expectedSession.sessionId });
      expect(seen.headers['accept']).to.equal('application/json');
    });

    it('reads the bare session body of the older sample the same way', async () => {
      const wire = await script(json(200, kid.bareSessionBody));
      expect(await backend(wire).getSession('x')).to.deep.equal({ changed: true, session: expectedSession });
    });

    it('passes the etag and answers unchanged on 304', async () => {
      const wire = await script({ status: 304 });
      expect(await backend(wire).getSession('s1', { etag: '6d9d24' })).to.deep.equal({ changed: false });
      expect((await wire.only()).query).to.deep.equal({ sessionId: 's1', etag: '6d9d24' });
    });

    it('treats the documented 400 NOT_FOUND as a deleted session', async () => {
      const wire = await script(json(400, kid.errors.notFound));
      const error = await failure(backend(wire).getSession('gone'));
      expect(error.kind).to.equal('session_deleted');
      expect(error.vendorCode).to.equal('NOT_FOUND');
      expect(error.status).to.equal(400);
    });

    it('treats the 404 of the vendor skills as a deleted session too', async () => {
      const wire = await script(raw(404, ''));
      expect((await failure(backend(wire).getSession('gone'))).kind).to.equal('session_deleted');
    });

    it('keeps an unknown session status and the default permissions', async () => {
      const wire = await script(json(200, { session: { ...kid.childSession, status: 'HOLD' }, status: 'PASS' }));
      const read = await backend(wire).getSession('c');
      expect(read.changed && read.session.status).to.equal('HOLD');
      expect(read.changed && read.session.permissions.map((p) => p.managedBy)).to.deep.equal(['GUARDIAN', 'PLAYER', 'PROHIBITED']);
    });

    it('rejects a session whose permissions are the wrong shape, naming the path', async () => {
      const broken = { session: { ...kid.childSession, permissions: [{ name: 'x', enabled: 'yes', managedBy: 'PLAYER' }] } };
      const wire = await script(json(200, broken));
      const error = await failure(backend(wire).getSession('c'));
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.match(/permissions\[0\]\.enabled/);
    });

    it('rejects an unknown managedBy rather than guessing', async () => {
      const broken = { ...kid.childSession, permissions: [{ name: 'x', enabled: false, managedBy: 'TEACHER' }] };
      const wire = await script(json(200, broken));
      expect((await failure(backend(wire).getSession('c'))).path).to.match(/managedBy/);
    });
  });

  describe('age gate', () => {
    it('reads get-requirements, the approved ways to ask for the age as flags', async () => {
      const wire = await script(json(200, kid.requirementsBody));
      const { approvedAgeCollectionMethods: _methods, ...ages } = kid.requirementsBody;
      expect(await backend(wire).getAgeGateRequirements('US-CA')).to.deep.equal({ ...ages, methods: { dateOfBirth: true, age: false } });
      const seen = await wire.only();
      expect(seen.path).to.equal('age-gate/get-requirements');
      // The browser's time zone rides along as a hint for the game's server, which decides the jurisdiction.
      expect(seen.query).to.deep.equal({ jurisdiction: 'US-CA', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    });

    it('sends exactly one age field to check, and reads a PASS with its session', async () => {
      const wire = await script(json(200, { status: 'PASS', session: kid.sessionBody.session }));
      const result = await backend(wire).checkAge({ jurisdiction: 'US-CA', dateOfBirth: '2005-04-15' });
      expect(result).to.deep.equal({ status: 'PASS', session: expectedSession });
      const seen = await wire.only();
      expect(seen.method).to.equal('POST');
      expect(seen.headers['content-type']).to.equal('application/json');
      expect(JSON.parse(seen.body)).to.deep.equal({ jurisdiction: 'US-CA', dateOfBirth: '2005-04-15' });
    });

    it('reads a PASS that carries only a session id by reading the session', async () => {
      const wire = await script(json(200, { status: 'PASS', session: { sessionId: 'abc' } }), json(200, kid.sessionBody));
      const result = await backend(wire).checkAge({ jurisdiction: 'US-CA', age: 30 });
      expect(result).to.deep.equal({ status: 'PASS', session: expectedSession });
      const [check, get] = await wire.requests();
      expect(JSON.parse(check!.body)).to.deep.equal({ jurisdiction: 'US-CA', age: 30 });
      expect(get!.query).to.deep.equal({ sessionId: 'abc' });
    });

    it('reads a PASS without a session id as "no session yet"', async () => {
      const wire = await script(json(200, { status: 'PASS' }));
      expect(await backend(wire).checkAge({ jurisdiction: 'US-CA', age: 30 })).to.deep.equal({ status: 'PASS', session: undefined });
      expect(await wire.requests()).to.have.length(1);
    });

    it("reads a CHALLENGE into a parental-consent challenge; the code is typed at k-ID's short address, asktoplay.com", async () => {
      const wire = await script(json(200, kid.challengeBody));
      const result = await backend(wire).checkAge({ jurisdiction: 'GB', age: 9 });
      expect(result).to.deep.equal({
        status: 'CHALLENGE',
        session: undefined,
        challenge: {
          challengeId: kid.challenge.challengeId,
          type: 'CHALLENGE_PARENTAL_CONSENT',
          purpose: 'parent',
          oneTimePassword: 'ABC123',
          url: kid.challenge.url,
          codeEntry: 'asktoplay.com',
          otpExpiresAt: undefined,
          limitedAccessWhileWaiting: undefined,
        },
      });
    });

    it('tells a parent’s challenge from the player’s own age check', async () => {
      const wire = await script(json(200, { status: 'CHALLENGE', challenge: kid.ageAssuranceChallenge }), json(200, { shouldDisplay: true, approvedAgeCollectionMethods: ['age'] }), json(200, { shouldDisplay: true, approvedAgeCollectionMethods: ['date-of-birth', 'age'] }));
      const answer = await backend(wire).upgrade('s1', ['loot-boxes']);
      expect(answer.status === 'CHALLENGE' && answer.challenge.purpose).to.equal('age-check');
      expect((await backend(wire).getAgeGateRequirements('DE')).methods).to.deep.equal({ dateOfBirth: false, age: true });
      expect((await backend(wire).getAgeGateRequirements('FR')).methods).to.deep.equal({ dateOfBirth: true, age: true });
    });

    it('finds a first consent’s session: the one the PASS named, waited out while it does not read yet', async () => {
      const wire = await script(json(404, { error: 'NOT_FOUND' }), json(404, { error: 'NOT_FOUND' }), json(200, kid.sessionBody));
      const quick = new KidBackend({ baseUrl: wire.baseUrl, retry: { baseDelayMs: 5 }, newSessionWaitMs: 5 });
      expect(await quick.consentedSession({ sessionId: 'new-1', asked: { jurisdiction: 'GB', age: 9 } })).to.deep.equal(expectedSession);
      expect((await wire.requests()).map((seen) => `${seen.path} ${seen.query.sessionId ?? ''}`)).to.deep.equal(['session/get new-1', 'session/get new-1', 'session/get new-1']);
    });

    it('finds a first consent’s session when the PASS names none, by asking the age gate again with the same age', async () => {
      const wire = await script(json(200, { status: 'PASS', session: kid.sessionBody.session }));
      expect(await backend(wire).consentedSession({ asked: { jurisdiction: 'GB', age: 9 } })).to.deep.equal(expectedSession);
      const seen = await wire.only();
      expect([seen.path, JSON.parse(seen.body)]).to.deep.equal(['age-gate/check', { jurisdiction: 'GB', age: 9 }]);
    });

    it('gives up on a new session that still does not read after three more tries', async () => {
      const gone = json(404, { error: 'NOT_FOUND' });
      const wire = await script(gone, gone, gone, gone, gone);
      const quick = new KidBackend({ baseUrl: wire.baseUrl, retry: { baseDelayMs: 5 }, newSessionWaitMs: 5 });
      expect((await failure(quick.consentedSession({ sessionId: 'never', asked: { jurisdiction: 'GB', age: 9 } }))).kind).to.equal('session_deleted');
      expect(await wire.requests()).to.have.length(4);
    });

    it('reads PROHIBITED', async () => {
      const wire = await script(json(200, { status: 'PROHIBITED' }));
      expect(await backend(wire).checkAge({ jurisdiction: 'US-CA', age: 3 })).to.deep.equal({ status: 'PROHIBITED' });
    });

    it('rejects a CHALLENGE that has no challenge', async () => {
      const wire = await script(json(200, { status: 'CHALLENGE' }));
      expect((await failure(backend(wire).checkAge({ jurisdiction: 'US-CA', age: 9 }))).kind).to.equal('invalid_response');
    });

    it('reports the 400 for both age fields as a bad request with the vendor message', async () => {
      const wire = await script(json(400, kid.errors.bothAges));
      const error = await failure(backend(wire).checkAge({ jurisdiction: 'US-CA', age: 9 }));
      expect(error.kind).to.equal('bad_request');
      expect(error.message).to.equal(kid.errors.bothAges.errorMsg);
    });
  });

  describe('session/upgrade', () => {
    it('refuses a mix of age-checked and other features itself, as k-ID would with a 400, and asks for one kind alone', async () => {
      const [chat, lootBoxes] = expectedSession.permissions as [Permission, Permission];
      const wire = await script(json(200, { status: 'CHALLENGE', challenge: kid.ageAssuranceChallenge }));
      const mixed = await failure(backend(wire).upgrade('s1', [chat, lootBoxes]));
      expect([mixed.kind, mixed.message]).to.deep.equal(['bad_request', 'Ask for age-checked features alone']);
      expect(await wire.requests(), 'nothing sent').to.have.length(0);
      await backend(wire).upgrade('s1', [lootBoxes]);
      expect(JSON.parse((await wire.only()).body)).to.deep.equal({ sessionId: 's1', requestedPermissions: [{ name: 'loot-boxes-paid-gameplay-impacting' }] });
    });

    it('sends the documented body and reads a PLAYER-managed PASS from session.permissions', async () => {
      const enabled = { ...kid.childSession, permissions: [{ name: 'text-chat-public', enabled: true, managedBy: 'PLAYER' }] };
      const wire = await script(json(200, { status: 'PASS', session: enabled }));
      const result = await backend(wire).upgrade('c41d-0001', ['text-chat-public']);
      expect(result.status).to.equal('PASS');
      expect(result.status === 'PASS' && result.session.permissions[0]).to.deep.equal({ name: 'text-chat-public', enabled: true, managedBy: 'PLAYER' });
      const seen = await wire.only();
      expect(seen.path).to.equal('session/upgrade');
      expect(JSON.parse(seen.body)).to.deep.equal({ sessionId: 'c41d-0001', requestedPermissions: [{ name: 'text-chat-public' }] });
    });

    it('reads the session back when a PASS leaves it out', async () => {
      const wire = await script(json(200, { status: 'PASS' }), json(200, kid.sessionBody));
      const result = await backend(wire).upgrade('s', ['text-chat-private']);
      expect(result).to.deep.equal({ status: 'PASS', session: expectedSession });
    });

    it('reads a GUARDIAN-managed upgrade as a session-upgrade challenge', async () => {
      const wire = await script(json(200, { status: 'CHALLENGE', challenge: kid.upgradeChallenge }));
      const result = await backend(wire).upgrade('s', ['voice-chat']);
      expect(result.status === 'CHALLENGE' && result.challenge.type).to.equal('CHALLENGE_SESSION_UPGRADE');
    });

    it('reads a threshold upgrade as an age-assurance challenge', async () => {
      const wire = await script(json(200, { status: 'CHALLENGE', challenge: kid.ageAssuranceChallenge }));
      const result = await backend(wire).upgrade('s', ['loot-boxes-paid-gameplay-impacting']);
      expect(result.status === 'CHALLENGE' && result.challenge.type).to.equal('CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE');
    });

    it('reports a mixed request as a bad request and never repeats it', async () => {
      const wire = await script(json(400, kid.errors.mixedUpgrade), json(200, { status: 'PASS' }));
      const error = await failure(backend(wire).upgrade('s', ['voice-chat', 'loot-boxes-paid-gameplay-impacting']));
      expect(error.kind).to.equal('bad_request');
      expect(error.vendorCode).to.equal('INVALID_REQUEST');
      expect(await wire.requests()).to.have.length(1);
    });

    it('reports 429 on an upgrade with Retry-After and leaves the retry to the player', async () => {
      const wire = await script(json(429, kid.errors.rateLimited, { 'Retry-After': '30' }), json(200, { status: 'PASS' }));
      const error = await failure(backend(wire).upgrade('s', ['voice-chat']));
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfter).to.equal(30);
      expect(error.message).to.equal('Too many requests');
      expect(await wire.requests()).to.have.length(1);
    });

    it('reports a deleted session on upgrade as not found', async () => {
      const wire = await script(json(400, kid.errors.notFound));
      expect((await failure(backend(wire).upgrade('gone', ['voice-chat']))).vendorCode).to.equal('NOT_FOUND');
    });
  });

  describe('challenges', () => {
    it('reads challenge/get, bare or wrapped, with the sample-only fields', async () => {
      const extra = { ...kid.challenge, otpExpiresAt: 1_800_000_000, childLiteAccessEnabled: true };
      const wire = await script(json(200, extra), json(200, { challenge: { ...extra, otpExpiresAt: '2027-01-15T08:00:00Z' } }));
      const http = backend(wire);
      const bare = await http.getChallenge(kid.challenge.challengeId);
      expect(bare.otpExpiresAt).to.equal(1_800_000_000_000);
      expect(bare.limitedAccessWhileWaiting).to.equal(true);
      const wrapped = await http.getChallenge(kid.challenge.challengeId);
      expect(wrapped.otpExpiresAt).to.equal(Date.parse('2027-01-15T08:00:00Z'));
      expect((await wire.requests())[0]!.query).to.deep.equal({ challengeId: kid.challenge.challengeId });
    });

    it('reads every documented challenge status', async () => {
      for (const status of ['PENDING', 'IN_PROGRESS', 'FAIL', 'POLL_TIMEOUT'] as const) {
        const wire = await script(json(200, { status }));
        expect(await backend(wire).getChallengeStatus('ch')).to.deep.equal({ status });
        expect((await wire.only()).path).to.equal('challenge/get-status');
      }
    });

    it('reads a PASS with its session id and drops the approver email', async () => {
      const wire = await script(json(200, { status: 'PASS', sessionId: 'new-s', approverEmail: 'parent@example.test' }));
      const result = await backend(wire).getChallengeStatus('ch');
      expect(result).to.deep.equal({ status: 'PASS', sessionId: 'new-s' });
      expect(JSON.stringify(result)).not.to.contain('parent@');
    });

    it('reads a PASS that comes without a session id', async () => {
      const wire = await script(json(200, { status: 'PASS' }));
      expect(await backend(wire).getChallengeStatus('ch')).to.deep.equal({ status: 'PASS' });
    });

    it('rejects an unknown challenge status', async () => {
      const wire = await script(json(200, { status: 'MAYBE' }));
      expect((await failure(backend(wire).getChallengeStatus('ch'))).path).to.equal('status');
    });

    it('sends the parent email, or none to reach the adult on file', async () => {
      const wire = await script({ status: 200 }, raw(200, '{}', 'application/json'));
      const http = backend(wire);
      await http.sendParentEmail('ch', 'parent@example.test');
      await http.sendParentEmail('ch');
      const [withEmail, withoutEmail] = await wire.requests();
      expect(JSON.parse(withEmail!.body)).to.deep.equal({ challengeId: 'ch', email: 'parent@example.test' });
      expect(JSON.parse(withoutEmail!.body)).to.deep.equal({ challengeId: 'ch' });
      expect(withoutEmail!.path).to.equal('challenge/send-email');
    });

    it('reports INVALID_EMAIL as its own kind', async () => {
      const wire = await script(json(400, kid.errors.invalidEmail));
      expect((await failure(backend(wire).sendParentEmail('ch'))).kind).to.equal('invalid_email');
    });

    it('refreshes a one-time code', async () => {
      const wire = await script(json(200, { otp: 'XYZ789', expiresAt: 1_800_000_000_000 }));
      expect(await backend(wire).refreshOneTimeCode('ch')).to.deep.equal({ oneTimePassword: 'XYZ789', expiresAt: 1_800_000_000_000, url: undefined });
      const seen = await wire.only();
      expect(seen.path).to.equal('challenge/generate-otp');
      expect(JSON.parse(seen.body)).to.deep.equal({ challengeId: 'ch' });
    });

    it("reads the fresh code in the vendor guide's shape too: challenge.oneTimePassword", async () => {
      const wire = await script(json(200, { challenge: { oneTimePassword: 'ABC123', otpExpiresAt: '2027-01-01T00:00:00Z', url: 'https://family.k-id.com/authorize?otp=ABC123' } }));
      expect(await backend(wire).refreshOneTimeCode('ch')).to.deep.equal({ oneTimePassword: 'ABC123', expiresAt: Date.parse('2027-01-01T00:00:00Z'), url: 'https://family.k-id.com/authorize?otp=ABC123' });
    });
  });

  describe('age verification', () => {
    it('starts one for the session, the age under criteria, and reads its status by id', async () => {
      const wire = await script(json(200, { id: 'v1', url: 'https://verify.k-id.com/v1', shortUrl: 'https://k-id.com/v/1' }), json(200, { status: 'IN_PROGRESS' }), json(200, { status: 'PASS' }));
      const port = backend(wire);
      expect(await port.startAgeVerification({ sessionId: 's', jurisdiction: 'GB' })).to.deep.equal({ verificationId: 'v1', url: 'https://verify.k-id.com/v1' });
      expect(await port.getAgeVerificationStatus('v1')).to.equal('PENDING');
      expect(await port.getAgeVerificationStatus('v1')).to.equal('PASS');
      const [start, status] = await wire.requests();
      expect(start?.path).to.equal('age-verification/perform-access-age-verification');
      expect(JSON.parse(start?.body ?? '{}')).to.deep.equal({ sessionId: 's', jurisdiction: 'GB', criteria: { ageCategory: 'ADULT' } });
      expect(start?.query).to.deep.equal({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      expect(status?.path).to.equal('age-verification/get-status');
      expect(status?.query).to.deep.equal({ id: 'v1' });
    });
  });

  describeTransport({
    ok: kid.sessionBody,
    wrongShape: { body: { session: { ...kid.childSession, permissions: 'all' } }, path: 'session.permissions' },
    call: (wire, options) => backend(wire).getSession('s', options),
  });

  describe('auth', () => {
    it('sends the game cookies and an optional bearer, never an API key', async () => {
      const wire = await script(json(200, kid.sessionBody));
      await backend(wire, 'game-jwt').getSession('s');
      const seen = await wire.only();
      expect(seen.headers['authorization']).to.equal('Bearer game-jwt');
    });

    it('reports 401 as unauthorized with the vendor message', async () => {
      const wire = await script(json(401, kid.errors.unauthorized));
      const error = await failure(backend(wire).getChallengeStatus('ch'));
      expect(error.kind).to.equal('unauthorized');
      expect(error.message).to.equal('Invalid API key');
    });
  });
});
