import { noAuth, type AuthStrategy } from '../../http/auth.js';
import { HttpClient, type HttpClientOptions } from '../../http/client.js';
import type { Identity, PasswordCredentials, Profile } from '../../model/identity.js';
import type { CallOptions, IdentityPort } from '../../model/ports.js';
import { decodeAuthenticatedError, decodeSignInError } from './errors.js';
import { toIdentity, toProfile } from './mapping.js';
import { ElementsProfile, ElementsSession, ElementsSessionCreation } from './wire.js';

export interface ElementsBackendOptions extends Omit<HttpClientOptions, 'auth' | 'decodeError' | 'name'> {
  /** The REST root, e.g. `https://elements.example.com/api/rest/`. */
  baseUrl: string;
  /**
   * `bearer` sends `Authorization: Bearer <secret>`. `session-secret` sends
   * `Elements-SessionSecret: <secret> [u<userId>] [p<profileId>]`, which can also pick a
   * profile for a user-scoped session.
   */
  header?: 'bearer' | 'session-secret';
  /** With `session-secret`: act as this profile of the signed-in user. */
  profileId?: string;
}

/** What `signUp` sends: Elements' `UserCreateRequest`, passed through as given. */
export interface ElementsSignUp {
  name: string;
  email?: string;
  password: string;
  /** Elements' `CreateProfileSignupRequest`s; the first one scopes the new session. */
  profiles?: ReadonlyArray<Record<string, unknown>>;
}

/** The identity port over Namazu Elements. The session secret never leaves this object. */
export class ElementsBackend implements IdentityPort {
  private readonly http: HttpClient;
  private secret: string | undefined;
  private current: Identity | undefined;
  /** Elements slides the expiry on every authenticated call by the session timeout. */
  private slideMs: number | undefined;

  constructor(private readonly options: ElementsBackendOptions) {
    this.http = new HttpClient({ ...options, name: 'Elements', auth: this.sessionAuth(), decodeError: decodeAuthenticatedError });
  }

  get identity(): Identity | undefined {
    return this.current;
  }

  get signedIn(): boolean {
    return this.secret !== undefined;
  }

  /** Username (or email, or id) and password. */
  signIn(credentials: PasswordCredentials, options?: CallOptions): Promise<Identity> {
    const { userId, password, profileId } = credentials;
    return this.createSession('session', { userId, password, ...(profileId ? { profileId } : {}) }, options);
  }

  /** Creates the user and signs in; the first profile, if any, scopes the session. */
  signUp(user: ElementsSignUp, options?: CallOptions): Promise<Identity> {
    return this.createSession('signup/session', user, options);
  }

  /** With an OpenID Connect `id_token` the game already holds (matched by its issuer). */
  signInWithIdToken(jwt: string, options?: CallOptions & { profileId?: string }): Promise<Identity> {
    const { profileId, ...call } = options ?? {};
    return this.createSession('auth/oidc', { jwt, ...(profileId ? { profileId } : {}) }, call);
  }

  /**
   * Adopt a sign-in the game made itself. The secret stays in memory; `session` is what
   * the game got back with it, when it has that.
   */
  adopt(sessionSecret: string, session?: unknown): Identity | undefined {
    this.secret = sessionSecret;
    const parsed = ElementsSession.safeParse(session);
    this.current = parsed.success ? toIdentity(parsed.data) : undefined;
    this.slideMs = undefined;
    return this.current;
  }

  async currentProfile(options?: CallOptions): Promise<Profile> {
    const profile = await this.authenticated(() => this.http.json({ ...options, path: 'profile/current', schema: ElementsProfile }));
    return toProfile(profile);
  }

  async signOut(options?: CallOptions): Promise<void> {
    const secret = this.secret;
    if (!secret) return;
    try {
      // Elements logs out by blacklisting the secret named in the path (wire.md B.2);
      // once this answers, that secret is worthless.
      await this.http.request({ ...options, method: 'DELETE', path: `session/${encodeURIComponent(secret)}` });
    } finally {
      this.forget();
    }
  }

  private async createSession(path: string, body: object, options?: CallOptions): Promise<Identity> {
    const created = await this.http.json({
      ...options,
      method: 'POST',
      path,
      body,
      auth: noAuth,
      schema: ElementsSessionCreation,
      decodeError: decodeSignInError,
    });
    this.secret = created.sessionSecret;
    this.current = toIdentity(created.session);
    this.slideMs = created.session.expiry - Date.now();
    return this.current;
  }

  private async authenticated<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.slide();
      return result;
    } catch (error) {
      const kind = (error as { kind?: string }).kind;
      if (kind === 'session_expired') this.forget();
      // A 404 still passed authentication, so it slid the expiry too.
      if (kind === 'not_found') this.slide();
      throw error;
    }
  }

  private slide(): void {
    if (this.current && this.slideMs !== undefined && this.slideMs > 0) {
      this.current = { ...this.current, expiresAt: Date.now() + this.slideMs };
    }
  }

  private forget(): void {
    this.secret = undefined;
    this.current = undefined;
    this.slideMs = undefined;
  }

  private sessionAuth(): AuthStrategy {
    return {
      apply: (headers) => {
        if (!this.secret) return;
        if (this.options.header === 'session-secret') {
          const userId = this.current?.user.id;
          const profileId = this.options.profileId;
          const overrides = [userId && profileId ? `u${userId}` : '', profileId ? `p${profileId}` : ''].filter(Boolean);
          headers.set('Elements-SessionSecret', [this.secret, ...overrides].join(' '));
        } else {
          headers.set('Authorization', `Bearer ${this.secret}`);
        }
      },
    };
  }
}
