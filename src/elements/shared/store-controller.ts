import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreSnapshot } from '../../flows/session-store.js';
import type { PlaygateClient } from './context.js';

/** Re-renders its host whenever the shared session store changes. */
export class StoreController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private client: PlaygateClient | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get snapshot(): StoreSnapshot | undefined {
    return this.client?.store.snapshot;
  }

  /** Call when the context delivers (or replaces) the client. */
  connect(client: PlaygateClient | undefined): void {
    if (client === this.client) return;
    this.unsubscribe?.();
    this.client = client;
    this.unsubscribe = client?.store.subscribe(() => {
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.client = undefined;
  }
}
