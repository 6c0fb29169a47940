import type { PageSignals } from '../../flows/runtime/page.js';
import type { Session } from '../../model/permissions.js';
import { safeStorage, type KeyValueStorage } from '../../flows/storage.js';
import type { Timers } from '../../flows/timers.js';

/** What a game may put in place of the page's own: a provider's `fetch`, `storage` and `timers`. */
export interface PageOverrides {
  fetch: typeof globalThis.fetch | undefined;
  storage: KeyValueStorage | undefined;
  timers: Timers;
}

const CHANNEL = 'playgate';

/**
 * The browser page's signals for a runtime. Local storage falls back to memory where it
 * is refused (a portal's iframe), and that memory lasts as long as the provider.
 */
export function browserPage(overrides: PageOverrides, fallback: () => KeyValueStorage): PageSignals {
  const listen = (target: EventTarget, type: string, handler: () => void) => {
    target.addEventListener(type, handler);
    return () => {
      target.removeEventListener(type, handler);
    };
  };
  return {
    timers: overrides.timers,
    storage: overrides.storage ?? fallback(),
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    isVisible: () => document.visibilityState !== 'hidden',
    languages: () => [document.documentElement.lang, navigator.language],
    listen(on) {
      // The page's language may change under the provider (a game's language menu).
      const pageLanguage = new MutationObserver(() => {
        on.language();
      });
      pageLanguage.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
      const stops = [listen(document, 'visibilitychange', on.visibility), listen(window, 'focus', on.focus), listen(window, 'languagechange', on.language)];
      return () => {
        pageLanguage.disconnect();
        for (const stop of stops) stop();
      };
    },
    tabs(receive) {
      if (typeof BroadcastChannel === 'undefined') return undefined;
      const channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (message: MessageEvent<{ session?: Session }>) => {
        if (message.data.session) receive(message.data.session);
      };
      return {
        post: (session) => {
          channel.postMessage({ session });
        },
        close: () => {
          channel.close();
        },
      };
    },
    openStream: (url) => (typeof EventSource === 'undefined' ? undefined : new EventSource(url, { withCredentials: true })),
  };
}

/** The page's local storage, or memory where it is refused. */
export const pageStorage = (): KeyValueStorage => safeStorage(() => localStorage);
