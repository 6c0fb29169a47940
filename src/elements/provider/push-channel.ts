import { ChallengeChangedSchema, type ChallengeChanged } from '../../model/permissions.js';

/** What the game server's stream tells the provider. */
export interface PushHandlers {
  changed(): void;
  adopt(sessionId: string | undefined, approved?: readonly string[]): void;
  challenge?(update: ChallengeChanged): void;
  /** The stream opened or closed. */
  connection?(): void;
}

/**
 * The game server's event stream (`<kid-url>/events`), when it has one. It is closed
 * while the page is hidden and resumed with the last event id when visible again; when
 * the server has no stream, the session watch's polling carries on alone.
 */
export class PushChannel {
  private source: EventSource | undefined;
  private lastEventId = '';
  private gaveUp = false;

  constructor(
    private readonly kidUrl: string,
    private readonly on: PushHandlers,
  ) {
    this.open();
  }

  /** Whether the stream is open (not merely being retried by the browser). */
  get connected(): boolean {
    // Read OPEN from the instance: where EventSource does not exist, neither does the global.
    return this.source !== undefined && this.source.readyState === this.source.OPEN;
  }

  visibilityChanged(): void {
    if (document.visibilityState === 'hidden') this.closeSource();
    else this.open();
  }

  close(): void {
    this.gaveUp = true;
    this.closeSource();
  }

  private open(): void {
    if (this.source || this.gaveUp || typeof EventSource === 'undefined' || document.visibilityState === 'hidden') return;
    const url = new URL('events', this.kidUrl.endsWith('/') ? this.kidUrl : `${this.kidUrl}/`);
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    const source = new EventSource(url, { withCredentials: true });
    const remember = (event: Event) => {
      const { lastEventId } = event as MessageEvent<unknown>;
      if (lastEventId) this.lastEventId = lastEventId;
    };
    source.addEventListener('session-changed', (event) => {
      remember(event);
      this.on.changed();
    });
    source.addEventListener('session-deleted', (event) => {
      remember(event);
      this.on.changed();
    });
    source.addEventListener('challenge-changed', (event) => {
      remember(event);
      let body: unknown;
      try {
        body = JSON.parse(String((event as MessageEvent<unknown>).data));
      } catch {
        // Not JSON: handled as unknown below.
      }
      const parsed = ChallengeChangedSchema.safeParse(body);
      if (parsed.success) {
        this.on.challenge?.(parsed.data);
        if (parsed.data.status === 'PASS') this.on.adopt(parsed.data.sessionId);
      } else {
        // Anything else (a future status included): read the session, the source of truth.
        this.on.changed();
      }
    });
    source.addEventListener('open', () => {
      this.on.connection?.();
    });
    source.addEventListener('error', () => {
      this.on.connection?.();
      // No stream here (404, or not a proxy): stop trying; polling covers it.
      if (source.readyState === EventSource.CLOSED) {
        this.gaveUp = true;
        this.closeSource();
      }
    });
    this.source = source;
  }

  private closeSource(): void {
    if (!this.source) return;
    this.source.close();
    this.source = undefined;
    this.on.connection?.();
  }
}
