import { ContextRoot, createContext } from '@lit/context';
import type { PermissionRequests } from '../../flows/permission-requests.js';
import type { SessionStore } from '../../flows/session-store.js';
import type { Messages } from '../../i18n/en.js';
import type { ConsentsPort, IdentityPort, PermissionsPort } from '../../model/ports.js';

/** What `<playgate-provider>` shares with every element inside it. */
export interface PlaygateClient {
  store: SessionStore;
  permissions?: PermissionsPort;
  /** Upgrades, first consent and the wait for a parent: one conversation per provider. */
  requests?: PermissionRequests;
  /** The player's k-ID jurisdiction as the game set it, or '' when it did not. */
  jurisdiction(): string;
  consents?: ConsentsPort;
  identity?: IdentityPort;
  messages: Messages;
  /** The resolved locale the messages are in. */
  locale: string;
  /** Its writing direction, for each element's own surface. */
  dir: 'ltr' | 'rtl';
  /** A feature's name for people (the game's own labels first). */
  label(permission: string): string;
  /** Reads the session now (a retry, or after an action that changed it). */
  refresh(): Promise<void>;
}

/** A global symbol, so two bundles of playgate on one page still find each other. */
export const clientContext = createContext<PlaygateClient | undefined>(Symbol.for('playgate/client'));

const ROOT_KEY = Symbol.for('playgate/context-root');

/**
 * Replays context requests when a provider upgrades after its consumers (a page may
 * load the provider's script last). Attached once per page.
 */
export function ensureContextRoot(): void {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  if (holder[ROOT_KEY] || typeof document === 'undefined') return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  holder[ROOT_KEY] = root;
}
