import { ChallengeStatusSchema, type ChallengeStatus } from '../model/permissions.js';
import { PUSH_EVENT_TYPES, PushEventSchema } from '../model/push.js';

/** The part of an `EventSource` the channel uses, so it runs (and is tested) without a browser. */
export interface EventStream {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { data?: unknown; lastEventId?: string }) => void): void;
  close(): void;
}

/** Opens the stream at `url` with the page's cookies, or answers undefined where there is no EventSource. */
export type OpenStream = (url: string) => EventStream | undefined;

/** A challenge's new state, as the stream tells it. */
export interface PushedChallenge {
  challengeId: string;
  status: ChallengeStatus;
  sessionId?: string;
}

/** What the game server's stream tells the runtime. */
export interface PushHandlers {
  changed(): void;
  adopt(sessionId: string | undefined): void;
  challenge?(update: PushedChallenge): void;
  /** The stream opened or closed. */
  connection?(): void;
}

const OPEN = 1;
const CLOSED = 2;

/**
 * The game server's event stream (`<kid-url>/events`), when it has one. It is closed
 * while the page is hidden and resumed with the last event id when visible again; when
 * the server has no stream, the session watch's polling carries on alone.
 */
export class PushChannel {
  private source: EventStream | undefined;
  private lastEventId = '';
  /** Event ids heard (a few an hour): a server that resumes or catches up may send one again. */
  private readonly seen = new Set<string>();
  private gaveUp = false;

  constructor(
    private readonly kidUrl: string,
    private readonly page: { open: OpenStream; isVisible(): boolean },
    private readonly on: PushHandlers,
  ) {
    this.open();
  }

  /** Whether the stream is open (not merely being retried by the browser). */
  get connected(): boolean {
    return this.source?.readyState === OPEN;
  }

  visibilityChanged(): void {
    if (this.page.isVisible()) this.open();
    else this.closeSource();
  }

  close(): void {
    this.gaveUp = true;
    this.closeSource();
  }

  private open(): void {
    if (this.source || this.gaveUp || !this.page.isVisible()) return;
    const url = new URL('events', this.kidUrl.endsWith('/') ? this.kidUrl : `${this.kidUrl}/`);
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    const source = this.page.open(url.href);
    if (!source) return;
    for (const type of PUSH_EVENT_TYPES) {
      source.addEventListener(type, ({ data, lastEventId }) => {
        if (lastEventId) {
          if (this.seen.has(lastEventId)) return;
          this.seen.add((this.lastEventId = lastEventId));
        }
        this.heard(type, data);
      });
    }
    source.addEventListener('open', () => this.on.connection?.());
    source.addEventListener('error', () => {
      this.on.connection?.();
      // No stream here (404, or not a proxy): stop trying; polling covers it.
      if (source.readyState === CLOSED) {
        this.gaveUp = true;
        this.closeSource();
      }
    });
    this.source = source;
  }

  private heard(type: string, data: unknown): void {
    let body: unknown;
    try {
      body = JSON.parse(String(data));
    } catch {
      // Not JSON: handled as unknown below.
    }
    const event = PushEventSchema.safeParse({ ...(typeof body === 'object' ? body : {}), type });
    const { challengeId, sessionId } = event.data ?? {};
    const status = challengeId && type === 'challenge-changed' ? ChallengeStatusSchema.safeParse(event.data?.status) : undefined;
    if (challengeId && status?.success) {
      this.on.challenge?.({ challengeId, status: status.data, ...(sessionId ? { sessionId } : {}) });
      if (status.data === 'PASS') this.on.adopt(sessionId);
    } else {
      // A session change, or anything unknown (a future status included): read the session, the source of truth.
      this.on.changed();
    }
  }

  private closeSource(): void {
    if (!this.source) return;
    this.source.close();
    this.source = undefined;
    this.on.connection?.();
  }
}
