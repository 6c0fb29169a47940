import { PlaygateError } from '../model/error.js';
import type { PermissionsPort } from '../model/ports.js';
import { Audience } from './audience.js';
import { ChallengeWait, type ChallengeWaitOptions } from './challenge-wait.js';
import { sessionOf, type SessionStore } from './session-store.js';
import type { Timers } from './timers.js';

/** Where an unverified adult's own age check is. Elements draw this. */
export type VerificationState =
  | { state: 'idle' }
  | { state: 'starting' }
  /** The check's page is shown (`url` goes into a frame; it may carry a token, so it is kept in memory only). */
  | { state: 'open'; url: string }
  /** The player closed it; the check goes on, and `reopen()` shows the same one. */
  | { state: 'closed'; url: string }
  | { state: 'verified' }
  /** The check did not pass; `retry()` starts a new one. */
  | { state: 'failed' }
  /** It could not be started or asked about; `retry()` starts again. */
  | { state: 'error'; error: PlaygateError };

/** `verificationId`: which check decided, for its decision record. */
export type VerificationEvent = { type: 'started' } | { type: 'verified'; verificationId: string } | { type: 'failed'; verificationId: string };

export interface AgeVerificationOptions {
  port: PermissionsPort;
  store: SessionStore;
  timers: Timers;
  isVisible(): boolean;
  /** The status pace while a check is open: k-ID's guide says every 3 to 5 s. */
  wait?: Pick<ChallengeWaitOptions, 'minIntervalMs' | 'maxIntervalMs'>;
}

/**
 * An unverified adult proving their age (wire.md A.7). A check is made only when the
 * player starts one; closing and opening it again shows the same one. The status read
 * decides (a message from the check's page only wakes it); once it passes, the session
 * is read once, and its diff says what opened up.
 */
export class AgeVerificationFlow {
  readonly audience = new Audience();
  private current: VerificationState = { state: 'idle' };
  private readonly listeners = new Set<(state: VerificationState, event?: VerificationEvent) => void>();
  private wait: ChallengeWait | undefined;

  constructor(private readonly options: AgeVerificationOptions) {}

  get state(): VerificationState {
    return this.current;
  }

  /** Whether the backend can check an age at all (a game's own port may not). */
  get available(): boolean {
    const { port } = this.options;
    return typeof port.startAgeVerification === 'function' && typeof port.getAgeVerificationStatus === 'function';
  }

  subscribe(listener: (state: VerificationState, event?: VerificationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The player asked to verify (from `origin`): shows the open check, or starts one. */
  async start({ origin }: { origin?: object } = {}): Promise<void> {
    this.audience.startedBy(origin);
    const current = this.current;
    if (current.state === 'closed') return this.reopen();
    if (current.state === 'open' || current.state === 'starting') return;
    const { port, store } = this.options;
    if (!port.startAgeVerification || !port.getAgeVerificationStatus) return;
    this.set({ state: 'starting' });
    try {
      const session = sessionOf(store.snapshot.kid);
      const verification = await port.startAgeVerification({ ...(session ? { sessionId: session.sessionId } : {}), ...(session?.jurisdiction ? { jurisdiction: session.jurisdiction } : {}) });
      this.set({ state: 'open', url: verification.url }, { type: 'started' });
      this.watch(verification.verificationId);
    } catch (error) {
      this.set({ state: 'error', error: PlaygateError.from(error) });
    }
  }

  close(): void {
    if (this.current.state === 'open') this.set({ state: 'closed', url: this.current.url });
  }

  reopen(): Promise<void> {
    if (this.current.state === 'closed') this.set({ state: 'open', url: this.current.url });
    return Promise.resolve();
  }

  /** The window has focus again, the page shows again, or the check's page said it is done: ask soon. */
  wake(): void {
    this.wait?.wake();
  }

  visibilityChanged(): void {
    this.wait?.visibilityChanged();
  }

  retry(): Promise<void> {
    if (this.current.state === 'failed' || this.current.state === 'error') this.set({ state: 'idle' });
    return this.start();
  }

  dismiss(): void {
    if (this.current.state === 'verified' || this.current.state === 'failed' || this.current.state === 'error') this.set({ state: 'idle' });
  }

  dispose(): void {
    this.wait?.stop();
    this.wait = undefined;
    this.listeners.clear();
  }

  private watch(verificationId: string): void {
    const { port, timers } = this.options;
    const isVisible = () => this.options.isVisible();
    const status = port.getAgeVerificationStatus?.bind(port);
    if (!status) return;
    this.wait?.stop();
    this.wait = new ChallengeWait(
      verificationId,
      { port: { getChallengeStatus: async (id, options) => ({ status: await status(id, options) }) }, timers, isVisible, minIntervalMs: 3000, maxIntervalMs: 5000, ...this.options.wait },
      (result) => {
        void this.settle(result.status === 'PASS', verificationId);
      },
      undefined,
      (error) => {
        this.wait = undefined;
        this.set({ state: 'error', error });
      },
    );
    this.wait.start();
  }

  /** One way out, whichever signal came first: close, then (on a pass) one session read. */
  private async settle(passed: boolean, verificationId: string): Promise<void> {
    this.wait?.stop();
    this.wait = undefined;
    if (!passed) {
      this.set({ state: 'failed' }, { type: 'failed', verificationId });
      return;
    }
    this.set({ state: 'verified' }, { type: 'verified', verificationId });
    await this.options.store.refresh();
  }

  private set(state: VerificationState, event?: VerificationEvent): void {
    this.current = state;
    for (const listener of this.listeners) listener(state, event);
  }
}
