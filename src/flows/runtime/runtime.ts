import { en } from '../../i18n/en.js';
import { directionOf, loadMessages, resolveLocale } from '../../i18n/locales.js';
import type { ConsentRequirement, JoinTicket, PlayerSession } from '../../model/consent.js';
import { PlaygateError } from '../../model/error.js';
import type { Identity, PasswordCredentials } from '../../model/identity.js';
import type { ConsentsPort, IdentityPort, IdentRequest, PermissionsPort } from '../../model/ports.js';
import type { ConsentRunOptions, GuardedAction } from '../consent-flow.js';
import type { LazyConsentFlow } from '../lazy-consent-flow.js';
import type { AgeVerificationFlow } from '../age-verification.js';
import type { PermissionRequests } from '../permission-requests.js';
import { ReceiptLog } from '../receipts/receipt-log.js';
import { SessionStore } from '../session-store.js';
import { SessionWatch } from '../session-watch.js';
import type { Timers } from '../timers.js';
import { readyAnnouncement, storeAnnouncement } from './announce.js';
import type { RuntimeEvent } from './events.js';
import type { ConsentsFeature } from './consents-feature.js';
import type { KitHost } from './kit-host.js';
import { kit, kitOrWarn, onKit, type KitName } from './kits.js';
import type { PermissionsFeature } from './permissions-feature.js';
import type { PageSignals, TabChannel, Words } from './page.js';
import type { RuntimeConfig } from './ports.js';

export type { Words } from './page.js';
/**
 * Everything a provider runs, with no DOM: the session store and its watch, the
 * permission requests with the wait for a parent and the server's push, the consent
 * flow, the language, and the tabs. Built from the configuration and the page's signals;
 * the only place where flow events become the events elements send.
 */
export class PlaygateRuntime {
  readonly store: SessionStore;
  permissions: PermissionsPort | undefined;
  consents: ConsentsPort | undefined;
  identity: IdentityPort | undefined;
  /** Upgrades, first consent and the wait for a parent: one conversation per provider. */
  requests: PermissionRequests | undefined;
  /** An unverified adult's own age check, when the k-ID kit is loaded. */
  verification: AgeVerificationFlow | undefined;
  /** The consent rounds: one conversation per provider. */
  consent: LazyConsentFlow | undefined;
  words: Words;
  /** Receipts and decision records: this device's copy, reported to the game server's ledger. */
  readonly receipts: ReceiptLog;

  private readonly watch: SessionWatch;
  private readonly host: KitHost;
  private permissionsFeature: PermissionsFeature | undefined;
  private consentsFeature: ConsentsFeature | undefined;
  private closePush: (() => void) | undefined;
  private tabs: TabChannel | undefined;
  /** Configured ports whose kit was not loaded when they were wanted. */
  private readonly missing = new Set<KitName>();
  private readonly eventListeners = new Set<(event: RuntimeEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  private cleanups: Array<() => void> = [];
  private readySent = false;
  /** The provider's own locale, before the page's and the browser's. */
  private locale: string;
  /** A sign-in the game handed over, for an identity port that comes later. Memory only. */
  private signInHeld: { secret: string; session: unknown } | undefined;

  constructor(
    private readonly config: RuntimeConfig,
    private readonly page: PageSignals,
    /** The language already loaded: a new runtime must not flash English. */
    words: Words = { locale: 'en', messages: en, dir: 'ltr' },
  ) {
    this.words = words;
    this.locale = config.locale;
    this.store = new SessionStore({ storage: page.storage, timers: page.timers, sessionId: config.kidSessionId });
    this.watch = new SessionWatch(this.store, { timers: page.timers, isVisible: () => page.isVisible() });
    this.receipts = new ReceiptLog(page.storage, () => this.permissions?.ledger);
    this.host = {
      config,
      page,
      store: this.store,
      watch: this.watch,
      receipts: this.receipts,
      emit: this.emit.bind(this),
      options: (baseUrl, secret = () => undefined) => ({ baseUrl, fetch: page.fetch, secret, timeoutMs: config.timeoutMs }),
    };
    for (const name of ['permissions', 'identity', 'consents'] as const) this.connect(name);
    this.store.subscribe((_snapshot, event) => {
      if (!event) return;
      this.emit(storeAnnouncement(event));
      // Other tabs take the new session without reading it again.
      if (event.type === 'session-changed') this.tabs?.post(event.diff.after);
    });
    void this.speak();
  }

  /** The page's time, for views' clocks. */
  get timers(): Timers {
    return this.page.timers;
  }

  /** Events for the page, each naming the element that sends it (none: the provider). */
  on(listener: (event: RuntimeEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Calls back when a port, a flow or the language came or changed, so views draw again. */
  subscribe(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Reads the session now. */
  refresh(): Promise<void> {
    return this.store.refresh();
  }

  /** Starts watching the page: reads, pushes, tabs, language, late kits. Sends ready once. */
  start(): void {
    if (this.cleanups.length) return;
    const { page, watch, store } = this;
    // Kits that came while the provider was out of the page.
    for (const name of [...this.missing]) if (kit(name)) this.takeKit(name, false);
    this.cleanups.push(
      page.listen({
        visibility: () => {
          watch.visibilityChanged();
          this.permissionsFeature?.visibilityChanged();
        },
        focus: () => {
          watch.focused();
          this.permissionsFeature?.focused();
        },
        language: () => void this.speak(),
      }),
      onKit((name) => {
        this.takeKit(name, true);
      }),
      () => {
        this.tabs?.close();
        this.tabs = undefined;
        this.closePush?.();
        this.closePush = undefined;
        watch.stop();
      },
    );
    this.tabs = page.tabs((session) => {
      store.receive(session);
    });
    this.openPush();
    watch.start();
    this.sendReady();
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  dispose(): void {
    this.stop();
    this.store.dispose();
    this.requests?.dispose();
    this.verification?.dispose();
    // A run still asking (the configuration changed under it) ends rather than waiting for ever.
    this.consent?.dispose();
    this.eventListeners.clear();
    this.changeListeners.clear();
  }

  /** Signs in to Elements with a name and password. The secret stays in memory. */
  async signIn(credentials: PasswordCredentials): Promise<Identity> {
    if (!this.identity) throw new Error('playgate-provider: set elements-url, and load <playgate-session-status>');
    const identity = await this.identity.signIn(credentials);
    this.store.identityChanged();
    return identity;
  }

  /** Signs out of Elements (its session secret is worthless afterwards). */
  async signOut(): Promise<void> {
    await this.identity?.signOut();
    this.store.identityChanged();
  }

  /** An Elements sign-in the game already holds. */
  adoptSignIn(secret: string | undefined, session: unknown): void {
    // Kept (in memory) for an identity port that comes later, with an element loaded after.
    this.signInHeld = secret ? { secret, session } : undefined;
    if (secret) this.identity?.adopt?.(secret, session);
    this.store.identityChanged();
    void this.store.checkIdentity();
  }

  /** A new k-ID session id (after first consent, or consent again after a revoke). */
  adoptSession(sessionId: string): Promise<void> {
    return sessionId === this.store.sessionId ? Promise.resolve() : this.store.adoptSession(sessionId);
  }

  /** Runs an action that consents may interrupt, until it goes through. */
  guard<T>(action: GuardedAction<T>, options?: ConsentRunOptions): Promise<T> {
    return this.rounds().guard(action, options);
  }

  /** Player Ident, with every consent round it takes. */
  identify(request: IdentRequest, options?: ConsentRunOptions): Promise<PlayerSession> {
    return this.rounds().identify(request, options);
  }

  /** Server Join, with every consent round it takes. */
  joinServer(serverId: string, join?: { password?: string }, options?: ConsentRunOptions): Promise<JoinTicket> {
    return this.rounds().joinServer(serverId, join, options);
  }

  /** Shows documents for reading only; resolves when the player closes them. */
  review(requirement: ConsentRequirement, origin?: object): Promise<void> {
    return this.rounds().review(requirement, origin);
  }

  private rounds(): ConsentsFeature {
    if (!this.consentsFeature) throw new PlaygateError({ kind: 'bad_request', message: this.missing.has('consents') ? 'playgate-provider: load <playgate-consent-prompt> first' : 'playgate-consent-prompt needs a <playgate-provider> with nodecraft-url' });
    return this.consentsFeature;
  }

  /**
   * Builds a configured port (the game's own, or its vendor adapter) and the flows on it.
   * At construction, and again when a kit comes later (an element loaded after the
   * provider started): then everything the store knows, the sign-in included, stays.
   */
  private connect(name: KitName): void {
    const { config, store } = this;
    const url = { permissions: config.kidUrl, identity: config.elementsUrl, consents: config.nodecraftUrl }[name];
    if (!config.ports[name] && !url) return;
    if (name === 'identity') {
      const identity = config.ports.identity ?? this.kit('identity')?.port(this.host.options(url));
      if (!identity) return;
      this.identity = identity;
      if (this.signInHeld) identity.adopt?.(this.signInHeld.secret, this.signInHeld.session);
      store.connect({ identity });
    } else if (name === 'consents') {
      const feature = (this.consentsFeature = this.kit('consents')?.connect(this.host));
      this.consents = feature?.port;
      this.consent = feature?.flow;
    } else {
      const feature = (this.permissionsFeature = this.kit('permissions')?.connect(this.host));
      this.permissions = feature?.port;
      this.requests = feature?.requests;
      this.verification = feature?.verification;
    }
  }

  /** The kit for a configured port, registered by the elements that use it; one warning per page without. */
  private kit<K extends KitName>(name: K) {
    const found = kitOrWarn(name);
    if (!found) this.missing.add(name);
    return found;
  }

  /** A kit a configured port lacked arrived: taken at once, so the element can use it in the same task. */
  private takeKit(name: KitName, running: boolean): void {
    if (!this.missing.delete(name)) return;
    this.connect(name);
    // The k-ID kit brings the game server's push, and a session to read now.
    if (name === 'permissions' && running) {
      this.openPush();
      this.watch.pushed();
    }
    this.changed();
  }

  /** The game server's push, when the k-ID kit brought it. */
  private openPush(): void {
    this.closePush ??= this.permissionsFeature?.start();
  }

  /** Loads the strings of the resolved locale, then tells every view. */
  async speak(locale = this.locale): Promise<void> {
    this.locale = locale;
    const wanted = () => resolveLocale(this.locale, ...this.page.languages());
    const resolved = wanted();
    const messages = await loadMessages(resolved);
    if (wanted() !== resolved || (this.words.locale === resolved && this.words.messages === messages)) return;
    this.words = { locale: resolved, messages, dir: directionOf(resolved) };
    this.changed();
  }

  /** `playgate-ready` once, after the first read. */
  private sendReady(): void {
    if (this.readySent) return;
    void readyAnnouncement(this.store).then((ready) => {
      if (this.readySent) return;
      this.readySent = true;
      this.emit(ready);
    });
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
