import { expect } from '@open-wc/testing';
import { ElementsBackend } from '../../src/backends/index.js';
import { IdentitySchema, identityScope, PlaygateError } from '../../src/model/index.js';
import * as el from '../fixtures/elements.js';
import { describeTransport } from '../support/transport.js';
import { json, rejection, script, type Wire } from '../support/wire.js';
import { failure } from '../support/failure.js';

function backend(wire: Wire, extra: Partial<ConstructorParameters<typeof ElementsBackend>[0]> = {}) {
  return new ElementsBackend({ baseUrl: wire.baseUrl, retry: { baseDelayMs: 5 }, ...extra });
}

const credentials = { userId: 'skypilot', password: 'pw' };

describe('Elements backend', () => {
  it('signs in with the documented body and reads the session creation', async () => {
    const wire = await script(json(200, el.sessionCreation));
    const http = backend(wire);
    const identity = await http.signIn({ ...credentials, profileId: 'prof-1' });
    expect(identity).to.deep.equal({
      user: { id: 'user-1', name: 'skypilot', level: 'USER', displayName: 'Sky', email: 'sky@example.test' },
      profile: { id: 'prof-1', displayName: 'Sky Pilot', imageUrl: 'https://cdn.example.test/p.png', applicationId: 'app-1', applicationName: 'Block Game' },
      applicationId: 'app-1',
      expiresAt: 1724200000000,
    });
    expect(IdentitySchema.safeParse(identity).success).to.equal(true);
    expect(identityScope(identity)).to.equal('profile');
    expect(http.identity).to.equal(identity);
    const seen = await wire.only();
    expect(seen.method).to.equal('POST');
    expect(seen.path).to.equal('session');
    expect(JSON.parse(seen.body)).to.deep.equal({ ...credentials, profileId: 'prof-1' });
    expect(seen.headers).not.to.have.property('authorization');
  });

  it('keeps the secret out of the identity', async () => {
    const wire = await script(json(200, el.sessionCreation));
    const identity = await backend(wire).signIn(credentials);
    expect(JSON.stringify(identity)).not.to.contain(el.sessionCreation.sessionSecret);
    expect(identity).not.to.have.property('id');
  });

  it('reads a user-scoped session with no profile', async () => {
    const wire = await script(json(200, el.userScopedCreation));
    const identity = await backend(wire).signIn(credentials);
    expect(identityScope(identity)).to.equal('user');
    expect(identity.user.level).to.equal('UNPRIVILEGED');
  });

  it('sends the secret as a bearer token on later calls', async () => {
    const wire = await script(json(200, el.sessionCreation), json(200, el.profile));
    const http = backend(wire);
    await http.signIn(credentials);
    expect(await http.currentProfile()).to.deep.equal({
      id: 'prof-1',
      displayName: 'Sky Pilot',
      imageUrl: 'https://cdn.example.test/p.png',
      applicationId: 'app-1',
      applicationName: 'Block Game',
    });
    const [, profile] = await wire.requests();
    expect(profile!.path).to.equal('profile/current');
    expect(profile!.headers['authorization']).to.equal('Bearer secret-token-xyz');
  });

  it('sends Elements-SessionSecret with user and profile overrides when asked', async () => {
    const wire = await script(json(200, el.sessionCreation), json(200, el.profile));
    const http = backend(wire, { header: 'session-secret', profileId: 'prof-9' });
    await http.signIn(credentials);
    await http.currentProfile();
    const [, profile] = await wire.requests();
    expect(profile!.headers['elements-sessionsecret']).to.equal('secret-token-xyz uuser-1 pprof-9');
    expect(profile!.headers).not.to.have.property('authorization');
  });

  it('adopts a secret the game already holds', async () => {
    const wire = await script(json(200, el.profile));
    const http = backend(wire);
    const identity = http.adopt('held-secret', el.sessionCreation.session);
    expect(identity?.user.id).to.equal('user-1');
    await http.currentProfile();
    expect((await wire.only()).headers['authorization']).to.equal('Bearer held-secret');
  });

  for (const [status, body] of [
    [401, { code: 'UNAUTHORIZED', message: 'Session expired.' }],
    [403, { code: 'FORBIDDEN', message: 'Session not valid.' }],
  ] as const) {
    it(`treats ${status} on an authenticated call as an expired sign-in and forgets it`, async () => {
      const wire = await script(json(200, el.sessionCreation), json(status, body, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}));
      const http = backend(wire);
      await http.signIn(credentials);
      const error = await failure(http.currentProfile());
      expect(error.kind).to.equal('session_expired');
      expect(error.vendorCode).to.equal(body.code);
      expect(error.message).to.equal(body.message);
      expect(http.identity).to.equal(undefined);
    });
  }

  it('reports refused credentials as invalid_credentials, not an expired session', async () => {
    const wire = await script(json(403, { code: 'FORBIDDEN', message: 'Invalid credentials' }));
    const http = backend(wire);
    expect((await failure(http.signIn(credentials))).kind).to.equal('invalid_credentials');
    expect(http.identity).to.equal(undefined);
  });

  it('maps every documented error code', async () => {
    const expected: Record<string, string> = {
      INVALID_DATA: 'bad_request',
      INVALID_PARAMETER: 'bad_request',
      UNAUTHORIZED: 'session_expired',
      FORBIDDEN: 'session_expired',
      NOT_FOUND: 'not_found',
      DUPLICATE: 'conflict',
      CONFLICT: 'conflict',
      OVERLOAD: 'server',
      NOT_IMPLEMENTED: 'server',
      UNKNOWN: 'server',
      EXTERNAL_RESOURCE_FAILED: 'server',
      UNHEALTHY: 'server',
    };
    for (const [code, status] of el.errorTable) {
      // A POST is never repeated, so each code is one scripted answer.
      const wire = await script(json(status, { code, message: `${code} happened` }));
      const http = backend(wire);
      http.adopt('s');
      const error = await failure(http.signOut());
      expect(error.kind, code).to.equal(expected[code]);
      expect(error.vendorCode).to.equal(code);
      expect(error.status).to.equal(status);
    }
  });

  it('keeps validation messages as details', async () => {
    const wire = await script(json(400, { code: 'INVALID_DATA', message: 'Invalid', validationFailureMessages: ['userId: must not be blank'] }));
    const error = await failure(backend(wire).signIn({ userId: '', password: 'x' }));
    expect(error.kind).to.equal('bad_request');
    expect(error.details).to.deep.equal(['userId: must not be blank']);
  });

  it('signs out by deleting the session and forgets the secret', async () => {
    const wire = await script(json(200, el.sessionCreation), { status: 204 }, json(200, el.profile));
    const http = backend(wire);
    await http.signIn(credentials);
    await http.signOut();
    expect(http.identity).to.equal(undefined);
    await http.currentProfile().catch(() => undefined);
    const [, logout, after] = await wire.requests();
    expect(logout!.method).to.equal('DELETE');
    expect(logout!.path).to.equal('session/secret-token-xyz');
    expect(after!.headers).not.to.have.property('authorization');
  });

  describeTransport({
    ok: el.profile,
    wrongShape: { body: { ...el.profile, displayName: null }, path: 'displayName' },
    call: (wire, options) => {
      const http = backend(wire);
      http.adopt('s');
      return http.currentProfile(options);
    },
  });

  it('rejects a session whose expiry is not epoch milliseconds', async () => {
    const bad = { ...el.sessionCreation, session: { ...el.sessionCreation.session, expiry: '2026-01-01' } };
    const wire = await script(json(200, bad));
    const error = await failure(backend(wire).signIn(credentials));
    expect(error.kind).to.equal('invalid_response');
    expect(error.path).to.equal('session.expiry');
  });
});

describe('Elements backend: other ways in', () => {
  it('signs up and signs in at once, with no secret sent', async () => {
    const wire = await script(json(200, el.sessionCreation));
    const user = { name: 'skypilot', email: 'sky@example.test', password: 'pw', profiles: [{ displayName: 'Sky Pilot' }] };
    const identity = await backend(wire).signUp(user);
    expect(identity.profile?.id).to.equal('prof-1');
    const seen = await wire.only();
    expect(seen.path).to.equal('signup/session');
    expect(JSON.parse(seen.body)).to.deep.equal(user);
    expect(seen.headers).not.to.have.property('authorization');
  });

  it('signs in with an OIDC id_token, optionally picking a profile', async () => {
    const wire = await script(json(200, el.userScopedCreation), json(200, el.profile));
    const http = backend(wire);
    await http.signInWithIdToken('eyJhbGciOi.payload.sig', { profileId: 'prof-1' });
    await http.currentProfile();
    const [oidc, profile] = await wire.requests();
    expect(oidc!.path).to.equal('auth/oidc');
    expect(JSON.parse(oidc!.body)).to.deep.equal({ jwt: 'eyJhbGciOi.payload.sig', profileId: 'prof-1' });
    expect(profile!.headers['authorization']).to.equal('Bearer secret-user-only');
  });

  it('reports a taken name on sign-up as a conflict with its details', async () => {
    const wire = await script(json(409, { code: 'DUPLICATE', message: 'User exists', validationFailureMessages: ['name: taken'] }));
    const error = await rejection(backend(wire).signUp({ name: 'taken', password: 'pw' }));
    expect((error as PlaygateError).kind).to.equal('conflict');
    expect((error as PlaygateError).details).to.deep.equal(['name: taken']);
  });
});
