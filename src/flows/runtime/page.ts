import type { Messages } from '../../i18n/en.js';
import type { Session } from '../../model/permissions.js';
import type { OpenStream } from '../push-channel.js';
import type { KeyValueStorage } from '../storage.js';
import type { Timers } from '../timers.js';

/** What the runtime hears from the page, so it needs no DOM and runs in a test without one. */
export interface PageListeners {
  /** The page was hidden or shown again. */
  visibility: () => void;
  /** The window took focus. */
  focus: () => void;
  /** The page's or the browser's language changed. */
  language: () => void;
}

/** Other tabs of the same game, which share what they read. */
export interface TabChannel {
  post(session: Session): void;
  close(): void;
}

/**
 * The page signals a runtime is built on, injected as one small interface: a browser page
 * gives its own (`<playgate-provider>` does), a test gives fakes.
 */
export interface PageSignals {
  timers: Timers;
  /** Where non-secret state survives a reload (the session id, a pending challenge). */
  storage: KeyValueStorage;
  fetch: typeof globalThis.fetch;
  isVisible(): boolean;
  /** Starts listening; answers the way to stop. */
  listen(on: PageListeners): () => void;
  /** The page's language wishes, first first: `<html lang>`, then the browser's. */
  languages(): ReadonlyArray<string | null | undefined>;
  /** Opens the channel to other tabs, where there is one. */
  tabs(receive: (session: Session) => void): TabChannel | undefined;
  /** Opens the game server's event stream. */
  openStream: OpenStream;
}

/** The words the elements speak, and their direction. */
export interface Words {
  locale: string;
  messages: Messages;
  dir: 'ltr' | 'rtl';
}
