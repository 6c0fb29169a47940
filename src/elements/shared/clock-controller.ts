import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Timers } from '../../flows/timers.js';

/**
 * A display clock on the injected timers (simulated in tests and stories, like the
 * flows'): while it runs, the host draws again every `everyMs`, and only while it is on the page.
 */
export class ClockController implements ReactiveController {
  private timer: unknown;
  /** The timers the pending tick was set on. */
  private ticking: Timers | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs: number,
    private readonly timers: () => Timers,
  ) {
    host.addController(this);
  }

  get now(): number {
    return this.timers().now();
  }

  /** Ticks from now on, or stops. */
  run(on: boolean): void {
    if (on === (this.ticking !== undefined)) return;
    this.ticking?.clearTimeout(this.timer);
    this.ticking = undefined;
    if (on) this.tick();
  }

  hostDisconnected(): void {
    this.run(false);
  }

  private tick(): void {
    const timers = (this.ticking = this.timers());
    this.timer = timers.setTimeout(() => {
      this.tick();
      this.host.requestUpdate();
    }, this.everyMs);
  }
}
