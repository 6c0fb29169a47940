/**
 * What went wrong, in words the elements can act on. Vendor error codes are kept in
 * `vendorCode` for logs and support, but elements branch on `kind` only.
 */
export type PlaygateErrorKind =
  /** The request never got an answer: offline, DNS, CORS, connection reset. */
  | 'network'
  /** No answer within the per-call timeout. */
  | 'timeout'
  /** The caller aborted the call through its `AbortSignal`. */
  | 'aborted'
  /** 429: slow down; see `retryAfter`. */
  | 'rate_limited'
  /** 5xx: the backend failed; retrying later may work. */
  | 'server'
  /** A 2xx body that is not JSON or does not match its schema; see `path`. */
  | 'invalid_response'
  /** The request was refused as malformed (400 with no more specific meaning). */
  | 'bad_request'
  /** The caller's own credentials (API key, game token) were refused. */
  | 'unauthorized'
  /** The player's sign-in is gone: expired, logged out, password changed. Sign in again. */
  | 'session_expired'
  /** The permissions session was revoked or never existed. Start again with an age check. */
  | 'session_deleted'
  /** The thing asked for does not exist. */
  | 'not_found'
  /** The action needs the player to accept documents first; see `requirement`. */
  | 'consent_required'
  /** The player declined the documents; the action was not retried. */
  | 'consent_declined'
  /** The backend kept asking for consents past the round cap. */
  | 'consent_rounds_exceeded'
  /** No parent email was given and none is on file. */
  | 'invalid_email'
  /** The request conflicts with the current state (409 without a consent meaning). */
  | 'conflict'
  /** The backend says the player may not have this at all. */
  | 'prohibited'
  /** A server password is needed or was wrong. */
  | 'password_required'
  | 'invalid_password'
  /** Sign-in refused: wrong name or password. */
  | 'invalid_credentials'
  /** The backend does not offer this optional call (a legacy endpoint, say). */
  | 'unsupported';

export interface PlaygateErrorInit {
  kind: PlaygateErrorKind;
  message: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** The vendor's own error code, verbatim, for logs and support; never branch on it. */
  vendorCode?: string;
  /** Seconds to wait before trying again, from `Retry-After`. */
  retryAfter?: number;
  /** For `invalid_response`: where the body first failed its schema, as `a.b[0].c`. */
  path?: string;
  /** Field-level messages from the backend, when it gave any. */
  details?: readonly string[];
  /** Extra typed payload, e.g. the consent requirement behind `consent_required`. */
  requirement?: import('./consent.js').ConsentRequirement;
  cause?: unknown;
}

/** The one error type every playgate layer throws or rejects with. */
export class PlaygateError extends Error {
  override readonly name = 'PlaygateError';
  readonly kind: PlaygateErrorKind;
  readonly status?: number;
  readonly vendorCode?: string;
  readonly retryAfter?: number;
  readonly path?: string;
  readonly details?: readonly string[];
  readonly requirement?: import('./consent.js').ConsentRequirement;

  constructor(init: PlaygateErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.vendorCode = init.vendorCode;
    this.retryAfter = init.retryAfter;
    this.path = init.path;
    this.details = init.details;
    this.requirement = init.requirement;
  }

  /** Any thrown value as a PlaygateError: itself if it is one, else a network failure around it. */
  static from(error: unknown): PlaygateError {
    return error instanceof PlaygateError ? error : new PlaygateError({ kind: 'network', message: String(error), cause: error });
  }

  /** True when the same call may succeed if tried again later, unchanged. */
  get retryable(): boolean {
    return ['network', 'timeout', 'rate_limited', 'server', 'invalid_response'].includes(this.kind);
  }

  /** A plain, secret-free copy, safe for event details and logs. */
  toJSON(): Omit<PlaygateErrorInit, 'cause'> & { name: string } {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      vendorCode: this.vendorCode,
      retryAfter: this.retryAfter,
      path: this.path,
      details: this.details,
      requirement: this.requirement,
    };
  }
}

export function isPlaygateError(value: unknown, kind?: PlaygateErrorKind): value is PlaygateError {
  return value instanceof PlaygateError && (kind === undefined || value.kind === kind);
}
