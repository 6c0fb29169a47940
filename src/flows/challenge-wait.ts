import { isPlaygateError, type PlaygateError } from '../model/error.js';
import type { ChallengeResult } from '../model/permissions.js';
import type { PermissionsPort } from '../model/ports.js';
import type { Timers } from './timers.js';

/** The server's push stream, as far as a challenge is concerned. */
export interface ChallengePush {
  /** Whether the stream is open now; when it is not, the wait polls. */
  connected(): boolean;
  /** Calls back with results for this challenge pushed by the server. */
  subscribe(challengeId: string, listener: (result: ChallengeResult) => void): () => void;
  /** Calls back when the stream opens or closes, so the wait can change its pace. */
  watchConnection?(listener: () => void): () => void;
}

export interface ChallengeWaitOptions {
  port: Pick<PermissionsPort, 'getChallengeStatus' | 'awaitChallenge'>;
  timers: Timers;
  isVisible(): boolean;
  push?: ChallengePush;
  /** Never two status requests closer than this. Default 5 s. */
  minIntervalMs?: number;
  /** Polling slows down to this while nothing changes. Default 30 s. */
  maxIntervalMs?: number;
  /** How long one long poll is held open. Default 25 s. */
  longPollSeconds?: number;
  /** With push, a status read this often in case an event was lost. Default 60 s. */
  pushCheckMs?: number;
}

/** How the wait currently learns of the parent's answer. */
export type WaitMode = 'push' | 'long-poll' | 'poll';

/**
 * Waits for a parent's answer to a challenge: pushed by the game's server when it can,
 * else the port's long poll, else status reads at least 5 s apart with backoff. Nothing is requested while the page is hidden, a 429's Retry-After is
 * kept, and `stop()` ends everything. Settled answers (PASS, FAIL) end the wait;
 * POLL_TIMEOUT and PENDING only keep it going.
 */
export class ChallengeWait {
  private timer: unknown;
  private running = false;
  private inFlight: AbortController | undefined;
  private lastRequestAt = -Infinity;
  private intervalMs: number;
  /** Not before this (a 429's Retry-After, or backoff after errors). */
  private notBefore = -Infinity;
  private longPollWorks = true;
  private started = false;
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly challengeId: string,
    private readonly options: ChallengeWaitOptions,
    private readonly onSettled: (result: ChallengeResult) => void,
    private readonly onProgress: (result: ChallengeResult) => void = () => undefined,
    /** The challenge is gone (k-ID no longer knows it) or is not this player's: waiting is over. */
    private readonly onGone: (error: PlaygateError) => void = () => undefined,
  ) {
    this.intervalMs = this.minInterval;
  }

  get mode(): WaitMode {
    if (this.options.push?.connected()) return 'push';
    return this.longPollWorks && this.options.port.awaitChallenge ? 'long-poll' : 'poll';
  }

  /** Starts waiting. `checkNow` reads the status at once (say, after a reload). */
  start(checkNow = false): void {
    if (this.running) return;
    this.running = true;
    const { push } = this.options;
    if (push) {
      this.unsubscribe.push(push.subscribe(this.challengeId, (result) => {
        this.handle(result);
      }));
      if (push.watchConnection) {
        this.unsubscribe.push(push.watchConnection(() => {
          // The stream came or went: poll without it, or slow down with it.
          this.schedule(0);
        }));
      }
    }
    if (this.started) {
      // Again after a pause: the pace (and any Retry-After) carries on.
      this.schedule(0);
      return;
    }
    this.started = true;
    const mode = this.mode;
    // A long poll is held open, so it starts at once; plain reads wait their turn.
    const now = checkNow || mode === 'long-poll';
    this.lastRequestAt = now ? -Infinity : this.options.timers.now();
    this.schedule(now ? 0 : mode === 'push' ? (this.options.pushCheckMs ?? 60_000) : this.minInterval);
  }

  stop(): void {
    this.running = false;
    this.options.timers.clearTimeout(this.timer);
    this.inFlight?.abort();
    this.inFlight = undefined;
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  /** Hidden: stop asking (a held long poll included). Visible: ask soon, from a fresh pace. */
  visibilityChanged(): void {
    if (!this.running) return;
    if (!this.options.isVisible()) {
      this.options.timers.clearTimeout(this.timer);
      this.inFlight?.abort();
      this.inFlight = undefined;
      return;
    }
    this.intervalMs = this.minInterval;
    this.schedule(0);
  }

  /**
   * The player came back to this window (from the parent's phone, or the age check's tab):
   * ask soon, from a fresh pace, as k-ID's guides say for `focus` beside `visibilitychange`.
   */
  wake(): void {
    if (!this.running || !this.options.isVisible() || this.inFlight) return;
    this.intervalMs = this.minInterval;
    this.schedule(0);
  }

  private get minInterval(): number {
    return this.options.minIntervalMs ?? 5000;
  }

  private schedule(delayMs: number): void {
    const { timers } = this.options;
    timers.clearTimeout(this.timer);
    if (!this.running || !this.options.isVisible() || this.inFlight) return;
    const earliest = Math.max(this.lastRequestAt + this.minInterval, this.notBefore);
    const wait = this.mode === 'push' && delayMs > 0 ? delayMs : Math.max(delayMs, earliest - timers.now(), 0);
    this.timer = timers.setTimeout(() => {
      void this.ask();
    }, wait);
  }

  private async ask(): Promise<void> {
    if (!this.running || !this.options.isVisible()) return;
    const mode = this.mode;
    const controller = new AbortController();
    this.inFlight = controller;
    this.lastRequestAt = this.options.timers.now();
    const { port } = this.options;
    try {
      const seconds = this.options.longPollSeconds ?? 25;
      // No retries inside the call: this wait paces every repeat itself.
      const result =
        mode === 'long-poll' && port.awaitChallenge
          ? await port.awaitChallenge(this.challengeId, seconds, { signal: controller.signal, timeoutMs: (seconds + 10) * 1000, retries: 0 })
          : await port.getChallengeStatus(this.challengeId, { signal: controller.signal, retries: 0 });
      if (this.inFlight !== controller) return;
      this.inFlight = undefined;
      if (this.stopped()) return;
      this.handle(result);
      if (this.stopped()) return;
      if (mode === 'poll') this.intervalMs = Math.min(this.intervalMs * 1.5, this.options.maxIntervalMs ?? 30_000);
      this.schedule(mode === 'push' ? (this.options.pushCheckMs ?? 60_000) : mode === 'poll' ? this.intervalMs : 0);
    } catch (error) {
      if (this.inFlight !== controller) return;
      this.inFlight = undefined;
      if (this.stopped() || controller.signal.aborted) return;
      if (mode === 'long-poll' && isPlaygateError(error, 'unsupported')) {
        // This backend has no long poll (k-ID's current docs list only status reads).
        this.longPollWorks = false;
        this.schedule(0);
        return;
      }
      if (isPlaygateError(error) && (error.kind === 'not_found' || error.kind === 'unauthorized')) {
        // Unknown to k-ID, or not this player's: no answer will ever come.
        this.stop();
        this.onGone(error);
        return;
      }
      const now = this.options.timers.now();
      if (isPlaygateError(error, 'rate_limited') && error.retryAfter !== undefined) this.notBefore = now + error.retryAfter * 1000;
      this.intervalMs = Math.min(this.intervalMs * 2, this.options.maxIntervalMs ?? 30_000);
      this.schedule(this.intervalMs);
    }
  }

  /** Read through a call, since `stop()` may have run while a request was out. */
  private stopped(): boolean {
    return !this.running;
  }

  private handle(result: ChallengeResult): void {
    if (!this.running) return;
    if (result.status === 'PASS' || result.status === 'FAIL') {
      this.stop();
      this.onSettled(result);
    } else {
      this.onProgress(result);
    }
  }
}
