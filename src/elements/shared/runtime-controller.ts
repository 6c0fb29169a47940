import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreSnapshot } from '../../flows/session-store.js';
import type { PlaygateRuntime } from '../../flows/runtime/runtime.js';
import { send } from './events.js';

/**
 * Connects an element to its provider's runtime: it draws again when the session, a port
 * or a flow changes, and it sends the runtime's events that name it.
 */
export class RuntimeController implements ReactiveController {
  private stops: Array<() => void> = [];
  private runtime: PlaygateRuntime | undefined;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  get snapshot(): StoreSnapshot | undefined {
    return this.runtime?.store.snapshot;
  }

  /** Call when the context delivers (or replaces) the runtime. */
  connect(runtime: PlaygateRuntime | undefined): void {
    if (runtime === this.runtime && this.stops.length) return;
    this.hostDisconnected();
    this.runtime = runtime;
    this.listen();
  }

  /** Moved in the page: listening again to the runtime it had. */
  hostConnected(): void {
    if (!this.stops.length) this.listen();
  }

  hostDisconnected(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private listen(): void {
    const { runtime } = this;
    const update = () => {
      this.host.requestUpdate();
    };
    if (runtime) {
      this.stops.push(
        runtime.store.subscribe(update),
        runtime.subscribe(update),
        runtime.on((event) => {
          if (event.view === this.host) send(this.host, event);
        }),
      );
    }
    update();
  }
}
