import { ContextRoot, createContext } from '@lit/context';
import type { Messages } from '../../i18n/en.js';
import type { PlaygateRuntime } from '../../flows/runtime/runtime.js';

/** What `<playgate-provider>` shares with every element inside it: its one runtime. */
export type PlaygateClient = PlaygateRuntime;

/** The page-level values the elements draw with, shared apart from the runtime so a new language copies nothing else. */
export interface PlaygateSettings {
  /** The resolved locale the messages are in. */
  locale: string;
  messages: Messages;
  /** Its writing direction, for each element's own surface. */
  dir: 'ltr' | 'rtl';
  /** The player's k-ID jurisdiction as the game set it, or '' when it did not. */
  jurisdiction: string;
  /** A feature's name for people (the game's own labels first). */
  label(permission: string): string;
}

/** Global symbols, so two bundles of playgate on one page still find each other. */
export const runtimeContext = createContext<PlaygateRuntime | undefined>(Symbol.for('playgate/client'));
export const settingsContext = createContext<PlaygateSettings | undefined>(Symbol.for('playgate/settings'));

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
