/**
 * How a call proves who it is. Strategies are generic; each backend composes the ones its
 * vendor wants (header names live in `src/backends/`). Secrets are read from a getter at
 * call time so they stay in memory and can change (sign-in, refresh) without a new client.
 */
export interface AuthStrategy {
  /** Adds headers (and cookie mode) to one outgoing request. */
  apply(headers: Headers): void;
  /** `include` sends cookies cross-origin: for a game's own backend behind its session cookie. */
  readonly credentials?: RequestCredentials;
}

export type SecretSource = () => string | undefined;

export const noAuth: AuthStrategy = { apply() {} };

/** `Authorization: Bearer <token>` when a token is present. */
export function bearerAuth(token: SecretSource): AuthStrategy {
  return {
    apply(headers) {
      const value = token();
      if (value) headers.set('Authorization', `Bearer ${value}`);
    },
  };
}

/** A single custom header carrying the secret, when it is present. */
export function headerAuth(name: string, value: SecretSource): AuthStrategy {
  return {
    apply(headers) {
      const current = value();
      if (current) headers.set(name, current);
    },
  };
}

/** The browser's cookies (the game's own session), plus an optional bearer token. */
export function cookieAuth(bearer?: SecretSource): AuthStrategy {
  return {
    credentials: 'include',
    apply(headers) {
      if (bearer) bearerAuth(bearer).apply(headers);
    },
  };
}
