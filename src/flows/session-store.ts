import { isPlaygateError, PlaygateError } from '../model/error.js';
import type { Identity } from '../model/identity.js';
import type { Session } from '../model/permissions.js';
import type { IdentityPort, PermissionsPort } from '../model/ports.js';
import { diffSessions, type SessionDiff } from './session-diff.js';
import type { KeyValueStorage } from './storage.js';
import type { Timers } from './timers.js';

export type KidStatus =
  | { state: 'unconfigured' }
  | { state: 'loading' }
  | { state: 'active'; session: Session }
  | { state: 'no-session' }
  | { state: 'revoked'; sessionId: string }
  /** The last read failed; `session` is the last good one, if any. */
  | { state: 'error'; error: PlaygateError; session?: Session };

export type IdentityStatus =
  | { state: 'unconfigured' }
  | { state: 'signed-out' }
  | { state: 'active'; identity: Identity }
  | { state: 'expired' };

export interface StoreSnapshot {
  kid: KidStatus;
  identity: IdentityStatus;
  /** What changed at the last read that changed something, until dismissed. */
  changes: readonly SessionDiff[];
}

export type StoreEvent =
  | { type: 'session-changed'; diff: SessionDiff }
  | { type: 'session-revoked'; sessionId: string }
  | { type: 'session-expired' };

export type StoreListener = (snapshot: StoreSnapshot, event?: StoreEvent) => void;

export interface SessionStoreOptions {
  permissions?: PermissionsPort;
  identity?: IdentityPort;
  storage: KeyValueStorage;
  timers: Timers;
  /** A session id the page knows: kept across reloads from then on. */
  sessionId?: string;
}

/** The session to show: the current one, or the last good one behind a failed read. */
export function sessionOf(kid: KidStatus): Session | undefined {
  return kid.state === 'active' || kid.state === 'error' ? kid.session : undefined;
}

const SESSION_KEY = 'kid-session-id';

/**
 * The one session every element shares: the k-ID session (read with etags, compared on
 * every change) and the Elements sign-in (with its expiry). Reads in flight are shared.
 */
export class SessionStore {
  private state: StoreSnapshot;
  private listeners = new Set<StoreListener>();
  private reading: Promise<void> | undefined;
  private checking: Promise<void> | undefined;
  private approved: string[] = [];
  private justCreated: string | undefined;
  private expiryTimer: unknown;
  /** When k-ID last answered about the session (a read, or an upgrade's session). */
  private answeredAt = -Infinity;
  /** Cancels reads in flight when the store is dropped (the provider left the page). */
  private readonly lifetime = new AbortController();

  /** The ports, which may come after the store was made (an element loaded later). */
  private ports: Pick<SessionStoreOptions, 'permissions' | 'identity'>;

  constructor(private readonly options: SessionStoreOptions) {
    this.ports = { permissions: options.permissions, identity: options.identity };
    if (options.sessionId) options.storage.set(SESSION_KEY, options.sessionId);
    this.state = {
      kid: options.permissions ? { state: 'loading' } : { state: 'unconfigured' },
      identity: this.identityNow(),
      changes: [],
    };
    this.scheduleExpiry();
  }

  get snapshot(): StoreSnapshot {
    return this.state;
  }

  /** The session id kept across reloads; the game's proxy also knows it. */
  get sessionId(): string | undefined {
    return this.options.storage.get(SESSION_KEY);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Reads the session unless an answer came within `ms`: before an action that depends on
   * it, a read the watch made a moment ago is as good as a new one and costs nothing.
   */
  refreshIfOlderThan(ms: number): Promise<void> {
    const fresh = this.state.kid.state === 'active' && this.options.timers.now() - this.answeredAt < ms;
    return fresh && !this.reading ? Promise.resolve() : this.refresh();
  }

  /** Reads the session; concurrent calls share one request. */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /**
   * A new session id (first consent, or consent again after a revoke). `justCreated`: a
   * session k-ID just made may read as missing for a moment; that is not a revoke.
   */
  async adoptSession(sessionId: string, options: { justCreated?: boolean } = {}): Promise<void> {
    this.options.storage.set(SESSION_KEY, sessionId);
    this.justCreated = options.justCreated ? sessionId : undefined;
    // A read of the old id still on its way must not be taken for this one.
    await this.reading;
    return this.refresh();
  }

  /** Features a challenge just approved: the next change reads as an approval. */
  noteApproved(permissions: readonly string[]): void {
    this.approved = [...permissions];
  }

  /**
   * A session read elsewhere (another tab, an upgrade's answer, a first consent), taken as
   * if read here. `justCreated`: a read that says it is missing right after is not a revoke.
   */
  receive(session: Session, options: { justCreated?: boolean } = {}): void {
    if (options.justCreated) this.justCreated = session.sessionId;
    this.accept(session);
  }

  dismissChanges(): void {
    this.set({ changes: [] });
  }

  /** Checks the sign-in is still good; concurrent calls share one request. */
  checkIdentity(): Promise<void> {
    const port = this.ports.identity;
    if (!port?.signedIn) return Promise.resolve();
    this.checking ??= port
      .currentProfile()
      .then(
        () => undefined,
        (error: unknown) => {
          // Signed in without a profile is still signed in.
          if (isPlaygateError(error, 'not_found')) return;
          if (isPlaygateError(error, 'session_expired')) this.expire();
        },
      )
      .finally(() => {
        this.checking = undefined;
        this.identityChanged();
      });
    return this.checking;
  }

  /** Call after signing in or out through the identity port. */
  identityChanged(): void {
    const next = this.identityNow();
    if (this.state.identity.state === 'expired' && next.state === 'signed-out') return;
    this.set({ identity: next });
    this.scheduleExpiry();
  }

  /**
   * Takes a port, also one whose adapter came after the store was made (an element loaded
   * later), keeping everything the store already knows. A k-ID port is read by the next refresh.
   */
  connect(ports: Pick<SessionStoreOptions, 'permissions' | 'identity'>): void {
    this.ports = { ...this.ports, ...ports };
    this.set({ identity: this.identityNow(), ...(ports.permissions ? { kid: { state: 'loading' } } : {}) });
    this.scheduleExpiry();
  }

  dispose(): void {
    this.lifetime.abort();
    this.options.timers.clearTimeout(this.expiryTimer);
    this.listeners.clear();
  }

  private identityNow(): IdentityStatus {
    const port = this.ports.identity;
    if (!port) return { state: 'unconfigured' };
    const identity = port.identity;
    if (!identity) return { state: 'signed-out' };
    return identity.expiresAt <= this.options.timers.now() ? { state: 'expired' } : { state: 'active', identity };
  }

  private scheduleExpiry(): void {
    const { timers } = this.options;
    timers.clearTimeout(this.expiryTimer);
    const identity = this.state.identity.state === 'active' ? this.state.identity.identity : undefined;
    if (!identity) return;
    this.expiryTimer = timers.setTimeout(() => {
      // The expiry may have slid meanwhile: ask before declaring it gone.
      void this.checkIdentity().then(() => {
        if (this.state.identity.state === 'active' && this.state.identity.identity.expiresAt <= timers.now()) this.expire();
      });
    }, Math.max(0, identity.expiresAt - timers.now()));
  }

  private expire(): void {
    if (this.state.identity.state === 'expired') return;
    this.set({ identity: { state: 'expired' } }, { type: 'session-expired' });
  }

  private async read(): Promise<void> {
    const port = this.ports.permissions;
    if (!port) return;
    const sessionId = this.sessionId ?? '';
    const known = this.currentSession();
    try {
      const signal = this.lifetime.signal;
      const result = await port.getSession(sessionId, known?.etag ? { etag: known.etag, signal } : { signal });
      // Another session was adopted meanwhile: this answer is about the old one.
      if ((this.sessionId ?? '') !== sessionId) return;
      if (this.justCreated === sessionId) this.justCreated = undefined;
      this.answeredAt = this.options.timers.now();
      if (!result.changed) {
        if (this.state.kid.state !== 'active' && known) this.set({ kid: { state: 'active', session: known } });
        return;
      }
      this.accept(result.session);
    } catch (error) {
      if (this.lifetime.signal.aborted || (this.sessionId ?? '') !== sessionId) return;
      const failure = PlaygateError.from(error);
      // A session k-ID just made may read as missing for a moment: what was received stands.
      if (failure.kind === 'session_deleted' && sessionId === this.justCreated && known?.sessionId === sessionId) return;
      if (failure.kind === 'session_deleted') {
        this.options.storage.remove(SESSION_KEY);
        const gone = known?.sessionId ?? (sessionId === this.justCreated ? undefined : sessionId);
        // What changed in a session that no longer exists is no longer news.
        if (gone) this.set({ kid: { state: 'revoked', sessionId: gone }, changes: [] }, { type: 'session-revoked', sessionId: gone });
        else this.set({ kid: { state: 'no-session' } });
        return;
      }
      this.set({ kid: { state: 'error', error: failure, ...(known ? { session: known } : {}) } });
    }
  }

  private currentSession(): Session | undefined {
    return sessionOf(this.state.kid);
  }

  private accept(session: Session): void {
    this.answeredAt = this.options.timers.now();
    const before = this.currentSession();
    this.options.storage.set(SESSION_KEY, session.sessionId);
    const diff = before ? diffSessions(before, session, this.approved) : undefined;
    if (diff) this.approved = [];
    this.set(
      { kid: { state: 'active', session }, ...(diff ? { changes: [...this.state.changes, diff] } : {}) },
      diff ? { type: 'session-changed', diff } : undefined,
    );
  }

  private set(patch: Partial<StoreSnapshot>, event?: StoreEvent): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state, event);
  }
}
