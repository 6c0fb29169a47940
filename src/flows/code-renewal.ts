import { PlaygateError } from '../model/error.js';
import type { Challenge } from '../model/permissions.js';
import type { PermissionsPort } from '../model/ports.js';
import type { Timers } from './timers.js';

export interface CodeRenewalOptions {
  port: Pick<PermissionsPort, 'refreshOneTimeCode'>;
  timers: Timers;
  isVisible(): boolean;
  /** The challenge on screen now, or undefined once the wait is over or not shown. */
  current(): Challenge | undefined;
  /** A renewed code, or what went wrong renewing one, or that this device's clock is off. */
  update(change: { challenge?: Challenge; error?: PlaygateError | undefined; clockTrusted?: false }): void;
}

/**
 * A challenge's one-time code (and the QR link that holds it) expires; the challenge does
 * not. This renews the code when it runs out, never while the page is hidden, and gives
 * up on the countdown when the expiry is the server's clock and this device's is far off
 * (a new code already "expired"), since renewing again would only burn codes.
 */
export class CodeRenewal {
  private timer: unknown;
  /** It ran out while the page was hidden: renew once visible. */
  private stale = false;
  private renewing = false;
  /** Renewals in a row whose new code had already expired by this device's clock. */
  private skewed = 0;

  constructor(private readonly options: CodeRenewalOptions) {}

  /** Plans the next renewal for the code on screen. */
  schedule(challenge: Challenge, renewed = false): void {
    const { timers } = this.options;
    timers.clearTimeout(this.timer);
    if (challenge.otpExpiresAt === undefined) return;
    const left = challenge.otpExpiresAt - timers.now();
    if (renewed) this.skewed = left <= 0 ? this.skewed + 1 : 0;
    if (renewed && left <= 0) this.options.update({ clockTrusted: false });
    if (this.skewed >= 2) return;
    this.later(Math.min(Math.max(left, 5000), 2 ** 31 - 1));
  }

  visibilityChanged(): void {
    if (this.stale && this.options.isVisible()) void this.renew();
  }

  stop(): void {
    this.options.timers.clearTimeout(this.timer);
  }

  /** A fresh code now (the countdown ran out, or the player asked). */
  async renew(): Promise<void> {
    const shown = this.options.current();
    if (!shown || this.renewing) return;
    const { challengeId } = shown;
    this.renewing = true;
    try {
      const code = await this.options.port.refreshOneTimeCode(challengeId);
      const now = this.options.current();
      // The wait may have ended, or moved on to another challenge, meanwhile.
      if (now?.challengeId !== challengeId) return;
      const challenge: Challenge = { ...now, oneTimePassword: code.oneTimePassword };
      if (code.url) challenge.url = code.url;
      if (code.expiresAt !== undefined) challenge.otpExpiresAt = code.expiresAt;
      else delete challenge.otpExpiresAt;
      this.stale = false;
      this.options.update({ challenge, error: undefined });
      this.schedule(challenge, true);
    } catch (error) {
      this.options.update({ error: PlaygateError.from(error) });
      // Try again later; the code on screen may still work for a typed entry.
      this.later(30_000);
    } finally {
      this.renewing = false;
    }
  }

  private later(ms: number): void {
    const { timers } = this.options;
    timers.clearTimeout(this.timer);
    this.timer = timers.setTimeout(() => {
      if (!this.options.current()) return;
      if (this.options.isVisible()) void this.renew();
      else this.stale = true;
    }, ms);
  }
}
