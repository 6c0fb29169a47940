import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { PlaygateRuntime } from '../../flows/runtime/runtime.js';
import type { KeyValueStorage } from '../../flows/storage.js';
import { featureLabel } from '../../i18n/format.js';
import type { JoinTicket, PlayerSession } from '../../model/consent.js';
import type { Identity, PasswordCredentials } from '../../model/identity.js';
import type { IdentRequest } from '../../model/ports.js';
import { themes } from '../../styles/tokens.js';
import { runtimeContext, settingsContext } from '../shared/context.js';
import { send } from '../shared/events.js';
import { browserPage, pageStorage } from './page-signals.js';
import { ProviderProperties } from './provider-properties.js';
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';

/** What builds the runtime: a change to any of these builds a new one. */
const CONFIG = ['kidUrl', 'nodecraftUrl', 'elementsUrl', 'fetch', 'timers', 'storage', 'challengeWait', 'timeoutMs', 'ports'] as const;

/**
 * Shares one runtime (the session store, the ports and the flows) with every playgate
 * element inside it, and keeps the session fresh: at start, on focus, every 30 s while visible, on a push from
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
export class PlaygateProvider extends ProviderProperties {
  static override styles = [
    css`
      :host {
        display: contents;
      }
    `,
    themes,
  ];

  private readonly runtimeValue = new ContextProvider(this, { context: runtimeContext });
  private readonly settingsValue = new ContextProvider(this, { context: settingsContext });
  private runtime: PlaygateRuntime | undefined;
  private stopListening: (() => void) | undefined;
  private fallbackStorage: KeyValueStorage | undefined;
  private readySent = false;

  /** The shared runtime (session store, ports, flows), once configured. */
  get playgate(): PlaygateRuntime | undefined {
    return this.runtime;
  }

  /** Signs in to Elements with a name and password. The secret stays in memory. */
  async signIn(credentials: PasswordCredentials): Promise<Identity> {
    return this.need(await this.configured()).signIn(credentials);
  }

  /** Signs out of Elements (its session secret is worthless afterwards), and says so to every element. */
  async signOut(): Promise<void> {
    await (await this.configured())?.signOut();
  }

  /** A new k-ID session id (after first consent, or consent again after a revoke). */
  async adoptSession(sessionId: string): Promise<void> {
    await (await this.configured())?.adoptSession(sessionId);
  }

  /** Player Ident through the `<playgate-consent-prompt>` inside this provider, every consent round included. */
  async identify(request: IdentRequest): Promise<PlayerSession> {
    return this.need(await this.configured()).identify(request);
  }

  /** Server Join through the `<playgate-consent-prompt>` inside this provider, every consent round included. */
  async joinServer(serverId: string, options: { password?: string } = {}): Promise<JoinTicket> {
    return this.need(await this.configured()).joinServer(serverId, options);
  }

  /** Reads the session now. */
  async refresh(): Promise<void> {
    await (await this.configured())?.refresh();
  }

  /**
   * Called in the same task that put the provider in the page (or set its URLs), the
   * methods wait for the update that builds the runtime. Not in a page, there is none to wait for.
   */
  private async configured(): Promise<PlaygateRuntime | undefined> {
    if (this.isConnected && this.isUpdatePending) await this.updateComplete;
    return this.runtime;
  }

  /** Never put in a page, a provider has no runtime: its calls fail at once instead of waiting. */
  private need(runtime: PlaygateRuntime | undefined): PlaygateRuntime {
    if (!runtime) throw new Error('playgate-provider: put it in the page, and set elements-url or nodecraft-url');
    return runtime;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.runtime?.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.runtime || CONFIG.some((key) => changed.has(key))) this.build();
    else if (changed.has('locale')) void this.runtime.speak(this.locale);
    const runtime = this.runtime;
    if (!runtime) return;
    if (changed.has('elementsSessionSecret') || changed.has('elementsSession')) runtime.adoptSignIn(this.elementsSessionSecret, this.elementsSession);
    if (changed.has('kidSessionId') && this.kidSessionId) void runtime.adoptSession(this.kidSessionId);
    if (changed.has('jurisdiction') || changed.has('permissionLabels')) this.share();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private build(): void {
    const previous = this.runtime;
    previous?.dispose();
    this.stopListening?.();
    const page = browserPage(this, () => (this.fallbackStorage ??= pageStorage()));
    const absolute = (url: string) => (url ? new URL(url, document.baseURI).href : '');
    // A nonsense timeout (not a number, zero, negative) would fail every call at once.
    const timeoutMs = this.timeoutMs > 0 ? this.timeoutMs : 10_000;
    const secrets = { kid: () => this.kidToken, nodecraft: () => this.nodecraftGameToken };
    const config = { kidUrl: absolute(this.kidUrl), nodecraftUrl: absolute(this.nodecraftUrl), elementsUrl: absolute(this.elementsUrl), kidSessionId: this.kidSessionId, locale: this.locale, timeoutMs, challengeWait: this.challengeWait, ports: this.ports, secrets, playerId: () => this.playerId || undefined };
    const runtime = (this.runtime = new PlaygateRuntime(config, page, previous?.words));
    if (this.elementsSessionSecret) runtime.adoptSignIn(this.elementsSessionSecret, this.elementsSession);
    const stops = [
      runtime.on((event) => {
        if (event.view) return;
        // A runtime replaced meanwhile (the configuration changed) reports through its own start.
        if (event.name === 'playgate-ready' && (this.readySent || this.runtime !== runtime)) return;
        if (event.name === 'playgate-ready') this.readySent = true;
        send(this, event);
      }),
      runtime.subscribe(() => {
        this.share();
      }),
    ];
    this.stopListening = () => {
      for (const stop of stops) stop();
    };
    this.runtimeValue.setValue(runtime, true);
    this.share();
    if (this.isConnected) runtime.start();
  }

  /** The page-level values, as one new object, so every element draws with them. */
  private share(): void {
    const words = this.runtime?.words;
    if (!words) return;
    const labels = this.permissionLabels;
    this.settingsValue.setValue({ ...words, jurisdiction: this.jurisdiction, label: (name) => featureLabel(name, labels) });
  }
}
