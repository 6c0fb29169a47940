import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChallengePush } from '../../flows/challenge-wait.js';
import { SessionStore, type StoreEvent } from '../../flows/session-store.js';
import { SessionWatch } from '../../flows/session-watch.js';
import { safeStorage, type KeyValueStorage } from '../../flows/storage.js';
import { realTimers, type Timers } from '../../flows/timers.js';
import { en } from '../../i18n/en.js';
import { directionOf, loadMessages, resolveLocale } from '../../i18n/locales.js';
import { featureLabel } from '../../i18n/format.js';
import type { JoinTicket, PlayerSession } from '../../model/consent.js';
import type { Identity, PasswordCredentials } from '../../model/identity.js';
import type { IdentRequest } from '../../model/ports.js';
import type {} from '../consent-prompt/consent-prompt.js';
import type { ChallengeResult, Session } from '../../model/permissions.js';
import { themes } from '../../styles/tokens.js';
import { clientContext, type PlaygateClient } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { kit, onKit, type IdentityKitPort, type KitName, type KitOptions, type PermissionsKit } from './kits.js';
import type { PushChannel } from './push-channel.js';
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';

const CHANNEL = 'playgate';
const isVisible = () => document.visibilityState !== 'hidden';
const warnedKits = new Set<KitName>();

/**
 * Shares one client and one session store with every playgate element inside it, and
 * keeps the session fresh: at start, on focus, every 30 s while visible, on a push from
 * the game's server, and never while the page is hidden. Secrets are JS properties only.
 *
 * @tagname playgate-provider
 * @summary The root of playgate: configuration, one shared session, change detection.
 *
 * @slot - The game's UI, with playgate elements anywhere inside.
 *
 * @event playgate-ready - The first read finished (or failed); hide your own loader. Detail: `{ kid, identity }` states.
 * @event playgate-session-changed - The session differs from the last read: a typed diff with its likely cause (`age-up`, `parent`, `approval`, `new-session`).
 * @event playgate-session-revoked - A parent revoked the session: it no longer exists. Detail: `{ sessionId }`. Start the first-consent flow again.
 * @event playgate-session-expired - The Elements sign-in ended (401/403, or its expiry passed). Sign the player in again.
 *
 * @cssproperty --playgate-color-surface - Background of playgate surfaces.
 * @cssproperty --playgate-color-text - Main text colour.
 * @cssproperty --playgate-color-muted - Secondary text colour.
 * @cssproperty --playgate-color-accent - Buttons and highlights.
 * @cssproperty --playgate-color-on-accent - Text on accent-coloured buttons.
 * @cssproperty --playgate-color-focus - The focus ring, visible on every theme.
 * @cssproperty --playgate-space - The spacing unit everything is a multiple of.
 * @cssproperty --playgate-color-border - Outlines and dividers.
 * @cssproperty --playgate-radius - Corner radius.
 * @cssproperty --playgate-font - Font stack.
 */
export class PlaygateProvider extends LitElement {
  static override styles = [
    css`
      :host {
        display: contents;
      }
    `,
    themes,
  ];

  /** Base URL of the game's k-ID proxy (never k-ID itself: its API key is server-only). */
  @property({ attribute: 'kid-url' }) kidUrl = '';

  /** Base URL of Nodecraft's API (or the emulator's). */
  @property({ attribute: 'nodecraft-url' }) nodecraftUrl = '';

  /** Base URL of the Namazu Elements REST API (or the emulator's). */
  @property({ attribute: 'elements-url' }) elementsUrl = '';

  /** The k-ID session id, when the page knows it (it is kept across reloads after that). Not a secret. */
  @property({ attribute: 'kid-session-id' }) kidSessionId = '';

  /**
   * The player's k-ID jurisdiction (`US-CA`, `GB`, …), for the age gate of a first consent.
   * The game knows it (from its own geolocation); k-ID's ages depend on it.
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
  @property({ attribute: false }) challengeWait: { minIntervalMs?: number; maxIntervalMs?: number; longPollSeconds?: number } = {};

  /** Time, for tests and simulations. */
  @property({ attribute: false }) timers: Timers = realTimers;

  private readonly provider = new ContextProvider(this, { context: clientContext });
  private client: PlaygateClient | undefined;
  private watch: SessionWatch | undefined;
  private elements: IdentityKitPort | undefined;
  private permissionsKit: PermissionsKit | undefined;
  private channel: BroadcastChannel | undefined;
  private push: PushChannel | undefined;
  private readonly challengeListeners = new Map<string, Set<(result: ChallengeResult) => void>>();
  /** Pushed challenge answers, for the shared wait. */
  private readonly challengePush: ChallengePush = {
    connected: () => this.push?.connected ?? false,
    subscribe: (challengeId, listener) => {
      const listeners = this.challengeListeners.get(challengeId) ?? new Set();
      listeners.add(listener);
      this.challengeListeners.set(challengeId, listeners);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) this.challengeListeners.delete(challengeId);
      };
    },
    watchConnection: (listener) => {
      this.connectionListeners.add(listener);
      return () => this.connectionListeners.delete(listener);
    },
  };
  private readonly connectionListeners = new Set<() => void>();
  private cleanups: Array<() => void> = [];
  /** Configured ports whose kit was not loaded when the client was built. */
  private readonly missingKits = new Set<KitName>();
  private fallbackStorage: KeyValueStorage | undefined;
  private readySent = false;

  /** The shared client, once configured. */
  get playgate(): PlaygateClient | undefined {
    return this.client;
  }

  /** Signs in to Elements with a name and password. The secret stays in memory. */
  async signIn(credentials: PasswordCredentials): Promise<Identity> {
    await this.configured();
    if (!this.elements) throw new Error('playgate-provider: set elements-url, and load <playgate-session-status>');
    const identity = await this.elements.signIn(credentials);
    this.client?.store.identityChanged();
    return identity;
  }

  /** Signs out of Elements (its session secret is worthless afterwards), and says so to every element. */
  async signOut(): Promise<void> {
    await this.configured();
    await this.elements?.signOut();
    this.client?.store.identityChanged();
  }

  /** A new k-ID session id (after first consent, or consent again after a revoke). */
  async adoptSession(sessionId: string): Promise<void> {
    await this.configured();
    await this.client?.store.adoptSession(sessionId);
  }

  /** Player Ident through the `<playgate-consent-prompt>` inside this provider, every consent round included. */
  identify(request: IdentRequest): Promise<PlayerSession> {
    return this.prompt().identify(request);
  }

  /** Server Join through the `<playgate-consent-prompt>` inside this provider, every consent round included. */
  joinServer(serverId: string, options: { password?: string } = {}): Promise<JoinTicket> {
    return this.prompt().joinServer(serverId, options);
  }

  private prompt() {
    const prompt = this.querySelector('playgate-consent-prompt');
    if (!prompt) throw new Error('playgate-provider: put a <playgate-consent-prompt> inside it first');
    return prompt;
  }

  /** Reads the session now. */
  async refresh(): Promise<void> {
    await this.configured();
    await this.client?.refresh();
  }

  /**
   * Called in the same task that put the provider in the page (or set its URLs), the
   * methods wait for the update that builds the client from the configuration.
   */
  private async configured(): Promise<void> {
    // Not in a page, there is no update to wait for: the call fails at once, as it says.
    if (this.isConnected && this.isUpdatePending) await this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.client) this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const config = ['kidUrl', 'nodecraftUrl', 'elementsUrl', 'fetch', 'timers', 'storage', 'challengeWait', 'timeoutMs'] as const;
    if (!this.client || config.some((key) => changed.has(key))) this.configure();
    else if (changed.has('jurisdiction')) {
      // A new object, so every element re-renders with the new values.
      this.client = { ...this.client };
      this.provider.setValue(this.client);
    }
    if (changed.has('locale')) void this.speak();
    if (changed.has('elementsSessionSecret') || changed.has('elementsSession')) {
      if (this.elementsSessionSecret) this.elements?.adopt(this.elementsSessionSecret, this.elementsSession);
      this.client?.store.identityChanged();
      void this.client?.store.checkIdentity();
    }
    if (changed.has('kidSessionId') && this.kidSessionId && this.client && this.kidSessionId !== this.client.store.sessionId) {
      void this.client.store.adoptSession(this.kidSessionId);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private configure(): void {
    this.missingKits.clear();
    this.stop();
    this.client?.store.dispose();
    this.client?.requests?.dispose();
    const storage = this.storageInUse;
    if (this.kidSessionId) storage.set('kid-session-id', this.kidSessionId);
    const store = new SessionStore({ storage, timers: this.timers });
    // The language already loaded stays: a new client must not flash English.
    const { messages = en, locale = 'en', dir = 'ltr' } = this.client ?? {};
    this.client = {
      store,
      jurisdiction: () => this.jurisdiction,
      messages,
      locale,
      dir,
      label: (name) => featureLabel(name, this.permissionLabels),
      refresh: () => store.refresh(),
    };
    this.permissionsKit = this.elements = undefined;
    for (const name of ['permissions', 'identity', 'consents'] as const) this.connectPort(name);
    this.watch = new SessionWatch(store, { timers: this.timers, isVisible });
    store.subscribe((_snapshot, event) => {
      if (event) this.announce(event);
    });
    this.provider.setValue(this.client, true);
    void this.speak();
    if (this.isConnected) this.start();
  }

  /**
   * Builds a configured port from its kit, if loaded, and hands it to the store and the
   * client. At configuration, and again when a kit comes later (an element loaded after
   * the provider started): then everything the store knows, the sign-in included, stays.
   */
  private connectPort(name: KitName): void {
    const client = this.client;
    const url = { permissions: this.kidUrl, identity: this.elementsUrl, consents: this.nodecraftUrl }[name];
    if (!client || !url) return;
    const options = (secret?: () => string | undefined) => this.portOptions(url, secret);
    if (name === 'consents') {
      const consents = this.kit('consents')?.port(options(() => this.nodecraftGameToken));
      if (consents) this.client = { ...client, consents };
    } else if (name === 'identity') {
      const identity = (this.elements = this.kit('identity')?.port(options()));
      if (!identity) return;
      if (this.elementsSessionSecret) identity.adopt(this.elementsSessionSecret, this.elementsSession);
      client.store.connect({ identity });
      this.client = { ...client, identity };
    } else {
      const permissionsKit = (this.permissionsKit = this.kit('permissions'));
      const permissions = permissionsKit?.port(options(() => this.kidToken));
      if (!permissionsKit || !permissions) return;
      client.store.connect({ permissions });
      const requests = permissionsKit.requests({ port: permissions, store: client.store, storage: this.storageInUse, timers: this.timers, isVisible, push: this.challengePush, wait: this.challengeWait });
      this.client = { ...client, permissions, requests };
    }
  }

  /**
   * The kit for a configured port, registered by the elements that use it. A port set
   * with none of them loaded stays off, with one warning per page.
   */
  private kit<K extends KitName>(name: K) {
    const found = kit(name);
    if (!found) this.missingKits.add(name);
    if (!found && !warnedKits.has(name)) {
      warnedKits.add(name);
      console.warn(`playgate-provider: ${name} is set up, but no element that uses it is loaded yet.`);
    }
    return found;
  }

  /** Memory where local storage is refused (a portal's iframe): one for the provider's life. */
  private get storageInUse(): KeyValueStorage {
    return this.storage ?? (this.fallbackStorage ??= safeStorage(() => localStorage));
  }

  private portOptions(url: string, secret: () => string | undefined = () => undefined): KitOptions {
    const fetch = this.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // A nonsense timeout (not a number, zero, negative) would fail every call at once.
    return { baseUrl: absolute(url), secret, timeoutMs: this.timeoutMs > 0 ? this.timeoutMs : 10_000, fetch };
  }

  /**
   * An element made after the client was built brought the kit a configured port lacked
   * (a lazily loaded element, or a class registered under the game's own tag). Done at
   * once, so the element can use it in the same task.
   */
  private takeKit(name: KitName): void {
    if (!this.missingKits.delete(name) || !this.client) return;
    this.connectPort(name);
    this.provider.setValue(this.client);
    // The k-ID kit brings the game server's push: listened to from a fresh start.
    if (name === 'permissions' && this.isConnected) {
      this.stop();
      this.start();
    }
  }

  /** Loads the strings of the resolved locale, then hands every element the new client. */
  private async speak(): Promise<void> {
    const locale = resolveLocale(this.locale, document.documentElement.lang, navigator.language);
    const messages = await loadMessages(locale);
    if (!this.client || resolveLocale(this.locale, document.documentElement.lang, navigator.language) !== locale) return;
    if (this.client.locale === locale && this.client.messages === messages) return;
    this.client = { ...this.client, locale, messages, dir: directionOf(locale) };
    this.provider.setValue(this.client);
  }

  private start(): void {
    const { client, watch } = this;
    if (!client || !watch || this.cleanups.length) return;
    // Kits that came while the provider was out of the page (a rebuild starts it itself).
    for (const name of [...this.missingKits]) if (kit(name)) this.takeKit(name);
    if (this.cleanups.length) return;
    const listen = (target: EventTarget, type: string, handler: () => void) => {
      target.addEventListener(type, handler);
      this.cleanups.push(() => {
        target.removeEventListener(type, handler);
      });
    };
    listen(document, 'visibilitychange', () => {
      watch.visibilityChanged();
      this.push?.visibilityChanged();
      client.requests?.visibilityChanged();
    });
    listen(window, 'focus', () => {
      watch.focused();
    });
    listen(window, 'languagechange', () => void this.speak());
    // The page's language may change under the provider (a game's language menu).
    const pageLanguage = new MutationObserver(() => void this.speak());
    pageLanguage.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.cleanups.push(() => {
      pageLanguage.disconnect();
    });
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (message: MessageEvent<{ session?: Session }>) => {
        if (message.data.session) client.store.receive(message.data.session);
      };
      this.channel = channel;
    }
    if (this.permissionsKit) {
      this.push = this.permissionsKit.push(absolute(this.kidUrl), {
        changed: () => {
          watch.pushed();
        },
        adopt: (sessionId, approved) => {
          if (approved) client.store.noteApproved(approved);
          if (sessionId && sessionId !== client.store.sessionId) void client.store.adoptSession(sessionId);
          else watch.pushed();
        },
        connection: () => {
          for (const listener of this.connectionListeners) listener();
        },
        challenge: ({ challengeId, ...result }) => {
          for (const listener of this.challengeListeners.get(challengeId) ?? []) listener(result);
        },
      });
    }
    this.cleanups.push(
      onKit((name) => {
        this.takeKit(name);
      }),
    );
    this.cleanups.push(() => {
      this.channel?.close();
      this.channel = undefined;
      this.push?.close();
      this.push = undefined;
      watch.stop();
    });
    watch.start();
    this.sendReady();
  }

  /** `playgate-ready` once, after the first read. */
  private sendReady(): void {
    const client = this.client;
    if (this.readySent || !client) return;
    const ready = client.store.snapshot.kid.state === 'unconfigured' ? Promise.resolve() : client.store.refresh();
    void ready.then(() => {
      // A store replaced meanwhile (the configuration changed) reports through its own start.
      if (this.readySent || this.client?.store !== client.store) return;
      this.readySent = true;
      const { kid, identity } = client.store.snapshot;
      emit(this, 'playgate-ready', { kid: kid.state, identity: identity.state });
    });
  }

  private stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private announce(event: StoreEvent): void {
    if (event.type === 'session-changed') {
      emit(this, 'playgate-session-changed', event.diff);
      // Other tabs take the new session without reading it again.
      this.channel?.postMessage({ session: event.diff.after });
    } else if (event.type === 'session-revoked') {
      emit(this, 'playgate-session-revoked', { sessionId: event.sessionId });
    } else {
      emit(this, 'playgate-session-expired', {});
    }
  }
}

/** `/api/kid/` as the page sees it: base URLs may be relative to the page. */
function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}
