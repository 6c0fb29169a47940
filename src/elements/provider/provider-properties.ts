import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { PlaygatePorts } from '../../flows/runtime/ports.js';
import type { KeyValueStorage } from '../../flows/storage.js';
import { realTimers, type Timers } from '../../flows/timers.js';

/**
 * Whether an object setting really changed: a framework that writes `{ … }` anew on every
 * render (React, Vue) must not rebuild the runtime each time.
 */
function shallowChanged(next: object | undefined, previous: object | undefined): boolean {
  if (next === previous) return false;
  if (!next || !previous) return true;
  const keys = new Set([...Object.keys(next), ...Object.keys(previous)]);
  return [...keys].some((key) => (next as Record<string, unknown>)[key] !== (previous as Record<string, unknown>)[key]);
}

/** The provider's configuration: attributes and properties in, secrets as properties only. */
export class ProviderProperties extends LitElement {
  /** Base URL of the game's k-ID proxy (never k-ID itself: its API key is server-only). */
  @property({ attribute: 'kid-url' }) kidUrl = '';

  /** Base URL of Nodecraft's API (or the emulator's). */
  @property({ attribute: 'nodecraft-url' }) nodecraftUrl = '';

  /** Base URL of the Namazu Elements REST API (or the emulator's). */
  @property({ attribute: 'elements-url' }) elementsUrl = '';

  /**
   * The player's id as the game knows it, written into every receipt (`piiPrincipalId`) so
   * the game can tie them to its own account. Not a secret: never a token or session secret.
   */
  @property({ attribute: 'player-id' }) playerId = '';

  /** The k-ID session id, when the page knows it (it is kept across reloads after that). Not a secret. */
  @property({ attribute: 'kid-session-id' }) kidSessionId = '';

  /**
   * The player's k-ID jurisdiction (`US-CA`, `GB`, …), for the age gate of a first consent.
   * A hint: k-ID says the server decides it, and a proxy with `resolveJurisdiction` replaces it.
   */
  @property() jurisdiction = '';

  /**
   * BCP 47 locale for every element inside (an element's own `lang` comes first). Unset,
   * the page's `<html lang>`, then the browser's language, then English. Regions fall
   * back to a spoken variant: `pt-PT` to `pt-BR`, `en-GB` to `en`.
   */
  @property({ reflect: true }) locale = '';

  /**
   * `light` (default), `dark`, `auto` (as the player's system prefers) or `hud` (a game
   * skin for overlays). Games can also set the `--playgate-*` properties.
   */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | 'hud' = 'light';

  /** Bearer token for the game's k-ID proxy, if it uses one besides cookies. Secret: property only. */
  @property({ attribute: false }) kidToken: string | undefined;

  /** Nodecraft game access token. Secret: property only. */
  @property({ attribute: false }) nodecraftGameToken: string | undefined;

  /** An Elements session secret the game already holds. Secret: property only, kept in memory. */
  @property({ attribute: false }) elementsSessionSecret: string | undefined;

  /** The Elements `session` object that came with that secret, for who and until when. */
  @property({ attribute: false }) elementsSession: unknown;

  /** The game's own names for features, e.g. `{ 'voice-chat': 'Voice chat' }`. */
  @property({ attribute: false }) permissionLabels: Record<string, string> = {};

  /**
   * How long one call to a backend may take, retries included, before the player is told
   * it failed and offered a retry. 10 s by default; raise it for slow networks.
   */
  @property({ type: Number, attribute: 'timeout-ms' }) timeoutMs = 10_000;

  /** Injected fetch: the page's by default; the emulator's in stories and tests. */
  @property({ attribute: false }) fetch: typeof globalThis.fetch | undefined;

  /** Where the session id survives reloads. Local storage, falling back to memory. */
  @property({ attribute: false }) storage: KeyValueStorage | undefined;

  /**
   * How the wait for a parent asks: `minIntervalMs` between status reads (at least 5 s is
   * k-ID's ask), `maxIntervalMs` after backoff, `longPollSeconds` per held request.
   */
  @property({ attribute: false, hasChanged: shallowChanged }) challengeWait: { minIntervalMs?: number; maxIntervalMs?: number; longPollSeconds?: number } = {};

  /** Time, for tests and simulations. */
  @property({ attribute: false }) timers: Timers = realTimers;

  /**
   * A game with its own backend passes its own `permissions`, `consents` and `identity`
   * ports (the interfaces in `playgate`'s model); each one given is used instead of the
   * vendor adapter, whatever the URLs say.
   */
  @property({ attribute: false, hasChanged: shallowChanged }) ports: PlaygatePorts = {};
}
