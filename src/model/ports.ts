import type { AgeCheckResult, AgeGateRequirements, AgeVerification, AgeVerificationStatus, Challenge, ChallengeResult, OneTimeCode, Permission, Session, SessionRead, UpgradeResult } from './permissions.js';
import type { Identity, PasswordCredentials, Profile } from './identity.js';
import type { HistoryPage, Receipt } from './receipt.js';
import type {
  ConsentAction,
  ConsentDocument,
  ConsentRequirement,
  JoinTicket,
  OutstandingConsent,
  PlayerSession,
  SignOutcome,
} from './consent.js';

/** Options every port call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds before the call fails with `timeout`. */
  timeoutMs?: number;
  /**
   * Extra tries a read may make by itself after a network error, a 5xx or a short 429.
   * 0 for callers that pace their own repeats (the wait for a parent).
   */
  retries?: number;
}

/** The age to check: exactly one of the two. */
export type AgeInput = { age: number; dateOfBirth?: never } | { dateOfBirth: string; age?: never };

/**
 * Permissions: the session, its permissions, upgrades and the parent's challenge.
 * Every method rejects with a `PlaygateError`.
 */
export interface PermissionsPort {
  /** Who decides with the player and their parents, for decision records (`k-id`). */
  readonly vendor?: string;
  getAgeGateRequirements(jurisdiction: string, options?: CallOptions): Promise<AgeGateRequirements>;
  checkAge(input: AgeInput & { jurisdiction: string }, options?: CallOptions): Promise<AgeCheckResult>;
  /** Read a session; with `etag`, an unchanged session answers `{ changed: false }`. */
  getSession(sessionId: string, options?: CallOptions & { etag?: string }): Promise<SessionRead>;
  /**
   * Ask for features, by name or as the session's permissions (then a vendor that refuses
   * some mixes, as k-ID does threshold and other permissions, rejects `bad_request` itself).
   */
  // A property, so a port written for names alone does not type-check: it would be handed permissions.
  upgrade: (sessionId: string, permissions: ReadonlyArray<string | Permission>, options?: CallOptions) => Promise<UpgradeResult>;
  /**
   * The session a first consent made: the one its PASS named, or (where the vendor's PASS
   * may name none) the one the age the player gave leads to now. Waits out a new session
   * that does not read yet. Rejects `session_deleted` or `invalid_response` when there is none.
   */
  consentedSession(answer: { sessionId?: string; asked: AgeInput & { jurisdiction: string } }, options?: CallOptions): Promise<Session>;
  getChallenge(challengeId: string, options?: CallOptions): Promise<Challenge>;
  getChallengeStatus(challengeId: string, options?: CallOptions): Promise<ChallengeResult>;
  /**
   * A long poll: answers when the parent decides, or with POLL_TIMEOUT after `timeoutSeconds`.
   * Optional, and may reject `not_found` where the backend has none.
   */
  awaitChallenge?(challengeId: string, timeoutSeconds: number, options?: CallOptions): Promise<ChallengeResult>;
  /** Email the request to a parent; without `email`, to the adult on file (`invalid_email` if none). */
  sendParentEmail(challengeId: string, email?: string, options?: CallOptions): Promise<void>;
  refreshOneTimeCode(challengeId: string, options?: CallOptions): Promise<OneTimeCode>;
  /**
   * Starts the player's own age check (an unverified adult proving they are one), only when
   * they ask: each one counts at the vendor. Optional: a backend without age checks leaves it out.
   */
  startAgeVerification?(request: { sessionId?: string; jurisdiction?: string }, options?: CallOptions): Promise<AgeVerification>;
  getAgeVerificationStatus?(verificationId: string, options?: CallOptions): Promise<AgeVerificationStatus>;
  /** The game server's ledger, where there is one (the k-ID adapter: the proxy's). */
  readonly ledger?: LedgerPort;
}

/**
 * The game server's ledger (`playgate/server`, beside its k-ID proxy): where the widget
 * reports receipts, and reads back the signed-in player's own history.
 */
export interface LedgerPort {
  /** Keeps a receipt; a repeat of the same receipt id changes nothing. */
  report(receipt: Receipt, options?: CallOptions): Promise<void>;
  /** The player's history, newest first; `before` is the `next` of the page before. */
  history(query: { limit?: number; before?: string }, options?: CallOptions): Promise<HistoryPage>;
}

/** The request body of a platform sign-in, kept verbatim so it can be re-sent. */
export interface IdentRequest {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Consents: actions that may be interrupted by documents to accept, the documents, and
 * signing. An interrupted action rejects with a `PlaygateError` of kind `consent_required`
 * whose `requirement` says what is needed.
 */
export interface ConsentsPort {
  /** Who holds the documents, for receipts (`nodecraft`). A game's own port may name itself. */
  readonly vendor?: string;
  /** Player Ident. `accepted` documents ride along with the call, which signs them. */
  identify(request: IdentRequest, accepted?: readonly ConsentDocument[], options?: CallOptions): Promise<PlayerSession>;
  joinServer(serverId: string, options?: CallOptions & { password?: string }): Promise<JoinTicket>;
  getDocument(requirement: ConsentRequirement, options?: CallOptions): Promise<ConsentDocument>;
  /**
   * Every document the action still needs, in the order it will ask for them, when the
   * backend can tell (Server Join can: each layer reports its status). Lets a prompt say
   * "Step 1 of 3". Optional: without it, rounds are counted as they come.
   */
  outstanding?(action: ConsentAction, options?: CallOptions): Promise<readonly OutstandingConsent[]>;
  /** Sign what the player accepted, either now or with the retried action. */
  sign(requirement: ConsentRequirement, document: ConsentDocument, options?: CallOptions): Promise<SignOutcome>;
}

/**
 * Identity: who is signed in. The port keeps the secret in memory and adds it to its own
 * calls; it is never returned.
 */
export interface IdentityPort {
  signIn(credentials: PasswordCredentials, options?: CallOptions): Promise<Identity>;
  /** The current profile; rejects `session_expired` when the sign-in is gone. */
  currentProfile(options?: CallOptions): Promise<Profile>;
  signOut(options?: CallOptions): Promise<void>;
  /** The identity from the last sign-in, or undefined when signed out (or not known). */
  readonly identity: Identity | undefined;
  /** Whether a sign-in is held, even one whose identity is not known (an adopted secret). */
  readonly signedIn: boolean;
  /** Takes a sign-in the game already holds (its session secret, and the session it came with). Optional. */
  adopt?(sessionSecret: string, session?: unknown): unknown;
}
