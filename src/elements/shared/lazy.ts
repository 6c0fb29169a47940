import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Messages } from '../../i18n/en.js';

/**
 * A rare screen's code (a dialog, a panel, a form), loaded on its first need and once
 * for the page, whichever element needs it. Fetched ahead while the page is idle, so a
 * player on a good connection never waits for it.
 */
export interface LazyPart<T> {
  /** The module once loaded. */
  readonly loaded: T | undefined;
  /** The last load the player waited for failed (a retry loads it again). */
  readonly failed: boolean;
  /** Loads it; `ahead` when nobody waits yet, so a failure shows nothing and the first need tries again. */
  load(ahead?: boolean): Promise<T>;
  subscribe(listener: () => void): () => void;
}

/** Where a failed import names its file (Chromium and Firefox do), to ask for it again. */
const failedUrl = (error: unknown) => /(https?:\/\/[^\s'"]+)/.exec(String(error))?.[1];

/** A lazy part from its module's import, and what to do once it came (define its tags). */
export function lazyPart<T>(importer: () => Promise<T>, arrived?: (module: T) => void): LazyPart<T> {
  let loaded: T | undefined;
  let failure: unknown;
  let failureShown = false;
  let pending: Promise<T> | undefined;
  let attempts = 0;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const again = async (): Promise<T> => {
    try {
      return await importer();
    } catch (error) {
      // Some engines keep an HTTP error for the page's life; the same file by another name is fetched anew.
      const url = failedUrl(failure) ?? failedUrl(error);
      if (!url || attempts < 2) throw error;
      const fresh = new URL(url);
      fresh.searchParams.set('retry', String(attempts));
      return (await import(/* @vite-ignore */ /* webpackIgnore: true */ fresh.href)) as T;
    }
  };
  return {
    get loaded() {
      return loaded;
    },
    get failed() {
      return failureShown && !pending;
    },
    load(ahead = false) {
      if (loaded) return Promise.resolve(loaded);
      if (pending) return pending;
      attempts += 1;
      const started = (pending = again().then(
        (module) => {
          arrived?.(module);
          loaded = module;
          pending = undefined;
          notify();
          return module;
        },
        (error: unknown) => {
          failure = error;
          failureShown = !ahead;
          pending = undefined;
          notify();
          throw error;
        },
      ));
      // Listeners learn that it is under way (a retry's "Loading…").
      notify();
      return started;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const ignore = () => undefined;

/** Runs `work` once the page is idle and shown (a hidden page fetches nothing). */
export function whenIdle(work: () => void): void {
  if (document.visibilityState === 'hidden') {
    document.addEventListener('visibilitychange', () => { whenIdle(work); }, { once: true });
    return;
  }
  // Safari has no requestIdleCallback: a short delay after load stands in for it.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 4000 });
  else setTimeout(work, 500);
}

const scheduled = new WeakSet<LazyPart<unknown>>();

/**
 * An element's use of rare screens: each is fetched ahead once the page is idle, loaded
 * at once when asked for, and the element draws again when it comes (or fails).
 */
export class LazyController<T> implements ReactiveController {
  private stop: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly part: LazyPart<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stop ??= this.part.subscribe(() => {
      this.host.requestUpdate();
    });
    if (scheduled.has(this.part)) return;
    scheduled.add(this.part);
    whenIdle(() => void this.part.load(true).catch(ignore));
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  /** The module if loaded; else starts loading it (unless the last try failed: see `failed`). */
  get value(): T | undefined {
    if (!this.part.loaded && !this.part.failed) this.fetch();
    return this.part.loaded;
  }

  get failed(): boolean {
    return this.part.failed;
  }

  /** Loads it now (a flow reached a state that will need it, or the player asked to retry). */
  fetch(): void {
    void this.part.load().catch(ignore);
  }

  /**
   * What stands in for the screen: "Loading…" while it comes, and after a failure the
   * network's words with a retry (never a blank).
   */
  placeholder(words: { loading: string; retry: string; messages: Messages }, loadingPart = 'message', problemPart = loadingPart, otherAction: unknown = nothing) {
    if (!this.failed) return html`<p part=${loadingPart} role="status">${words.loading}</p>`;
    return html`<p part=${problemPart} role="alert">${words.messages.errors.network}</p>
      <div class="actions">${otherAction}<button part="retry" @click=${() => { this.fetch(); }}>${words.retry}</button></div>`;
  }
}
