import type { SessionStore, StoreEvent } from '../session-store.js';
import type { PlaygateEventDetails, PlaygateEventName, RuntimeEvent } from './events.js';

// Flow events in the words of the page's events: the one place they are turned into them.

export function runtimeEvent<K extends PlaygateEventName>(name: K, detail: PlaygateEventDetails[K], view?: object): RuntimeEvent {
  return { name, detail, ...(view ? { view } : {}) } as RuntimeEvent;
}

/** The session store's news, sent by the provider. */
export function storeAnnouncement(event: StoreEvent): RuntimeEvent {
  if (event.type === 'session-changed') return runtimeEvent('playgate-session-changed', event.diff);
  if (event.type === 'session-revoked') return runtimeEvent('playgate-session-revoked', { sessionId: event.sessionId });
  return runtimeEvent('playgate-session-expired', {});
}

/** `playgate-ready`, after the first read (none when k-ID is not set up). */
export async function readyAnnouncement(store: SessionStore): Promise<RuntimeEvent> {
  if (store.snapshot.kid.state !== 'unconfigured') await store.refresh();
  const { kid, identity } = store.snapshot;
  return runtimeEvent('playgate-ready', { kid: kid.state, identity: identity.state });
}
