// The demo game: what a studio's web game looks like with playgate in it. The player's
// view on the left (a running scene, with the game's screens over it), the backstage on
// the right (scenario, backend events, the parent's phone).
import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../../src/elements/consent-prompt/consent-prompt.js';
import { GamepadNavigator } from '../../src/elements/gamepad/gamepad-navigator.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import '../../src/elements/session-status/session-status.js';
import type { ScenarioInfo } from '../../src/emulator/scenarios.js';
import { isPlaygateError } from '../../src/model/error.js';
import { backendOver, LABELS, type DemoBackend, type ScenarioSummary } from './backend.js';
import { InPagePhone, isParentPage } from './phone.js';
import { demoStack, type DemoStack } from './stack.js';
import { backstage } from './backstage.js';
import { Scene } from './scene.js';
import { playScreen, serversScreen, settingsScreen, titleScreen, type Screen } from './screens.js';

const SCREENS: readonly Screen[] = ['title', 'servers', 'play', 'settings'];
const BACK: Record<Screen, Screen> = { title: 'title', servers: 'title', play: 'servers', settings: 'play' };

export class DemoApp extends LitElement {
  @state() private scenario: ScenarioInfo | undefined;
  @state() private scenarios: ScenarioSummary[] = [];
  @state() private screen: Screen = 'title';
  @state() private busy: string | undefined;
  @state() private error: string | undefined;
  @state() private playerName: string | undefined;
  @state() private server: string | undefined;
  @state() private overlay = new URLSearchParams(location.search).has('overlay');
  @state() private dark = false;
  @state() private note: string | undefined;
  @state() private voiceOn = false;
  /** The Elements sign-in the game remembered has ended (the "expired" scenario). */
  @state() private signInEnded = false;
  @state() private historyOpen = false;

  private scene: Scene | undefined;
  private stack: DemoStack | undefined;
  private backend: DemoBackend | undefined;
  private phone: InPagePhone | undefined;
  /** The provider's fetch in a static build; a new function makes it start afresh. */
  @state() private providerFetch: typeof fetch | undefined;
  /** Storage the widget keeps across reloads (under its `playgate:` prefix); cleared when another player takes over. */
  private static readonly KEPT = ['kid-session-id', 'kid-pending-challenge', 'consent-accepted'].map((key) => `playgate:${key}`);
  private readonly pad = new GamepadNavigator();

  // The demo styles its own light DOM from the page; the playgate elements keep their shadow roots.
  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.route);
    addEventListener('gamepadconnected', this.padConnected);
    document.addEventListener('playgate-gamepad-back', this.back);
    this.route();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.route);
    removeEventListener('gamepadconnected', this.padConnected);
    document.removeEventListener('click', this.openParentLinksHere);
    document.removeEventListener('playgate-gamepad-back', this.back);
    this.pad.stop();
    this.scene?.stop();
  }

  private padConnected = () => {
    this.pad.start();
  };

  private route = () => {
    const wanted = location.hash.replace('#', '') as Screen;
    const screen = SCREENS.includes(wanted) ? wanted : 'title';
    // Screens past the title need a signed-in player; a reload starts at the title.
    this.screen = screen !== 'title' && !this.playerName ? 'title' : screen;
    this.error = undefined;
  };

  private go = (screen: Screen) => {
    location.hash = screen;
  };

  private back = () => {
    this.go(BACK[this.screen]);
  };

  private async load(): Promise<void> {
    const stack = await demoStack();
    const backend = backendOver(stack);
    this.stack = stack;
    this.backend = backend;
    if (stack.inPage) {
      // A static build: the emulator starts afresh with the page, and so does the widget.
      for (const key of DemoApp.KEPT) localStorage.removeItem(key);
      this.phone = new InPagePhone(stack);
      this.providerFetch = (input, init) => stack.fetch(input, init);
      document.addEventListener('click', this.openParentLinksHere);
    }
    const signedIn = stack.inPage || document.cookie.includes('playgate_demo_player=');
    this.scenario = signedIn ? await backend.scenario() : await backend.switchTo('child');
    this.scenarios = await backend.scenarios();
    // A game remembers its player's last sign-in; playgate checks it is still good.
    const remembered = this.scenario.elements.sessionSecret;
    if (remembered) {
      await this.updateComplete;
      if (this.provider) this.provider.elementsSessionSecret = remembered;
    }
  }

  private get provider(): PlaygateProvider | null {
    return this.querySelector('playgate-provider');
  }

  protected override firstUpdated(): void {
    document.documentElement.lang = 'en';
  }

  protected override updated(): void {
    const canvas = this.querySelector('canvas');
    if (canvas && !this.scene) {
      this.scene = new Scene(canvas);
      this.scene.start();
    }
  }

  private signIn = async () => {
    const provider = this.provider;
    const scenario = this.scenario;
    if (!provider || !scenario) return;
    this.error = undefined;
    this.signInEnded = false;
    try {
      this.busy = 'Signing in…';
      const { userId, password, profileId } = scenario.elements;
      await provider.signIn({ userId, password, profileId });
      this.busy = 'Checking the terms…';
      const player = await provider.identify(scenario.nodecraft.identRequest);
      this.playerName = player.displayName ?? userId;
      this.go('servers');
    } catch (error) {
      this.error = isPlaygateError(error, 'consent_declined')
        ? 'You need to accept the terms to play. Nothing was saved.'
        : `Could not sign in: ${isPlaygateError(error) ? error.message : String(error)}`;
    } finally {
      this.busy = undefined;
    }
  };

  private join = async (serverId: string, password?: string) => {
    const provider = this.provider;
    if (!provider) return;
    this.error = undefined;
    this.busy = 'Joining…';
    try {
      await provider.joinServer(serverId, password === undefined ? {} : { password });
      this.server = serverId;
      this.go('play');
    } catch (error) {
      if (isPlaygateError(error, 'consent_declined')) this.error = 'You need to accept the rules to join this server.';
      else if (isPlaygateError(error, 'password_required') || isPlaygateError(error, 'invalid_password')) this.error = 'That password is not right.';
      else this.error = `Could not join: ${isPlaygateError(error) ? error.message : String(error)}`;
    } finally {
      this.busy = undefined;
    }
  };

  private backendEvent = async (name: 'age-up' | 'parent-change' | 'revoke' | 'publish-terms') => {
    const provider = this.provider;
    const sessionId = provider?.playgate?.store.sessionId;
    const body: Record<string, unknown> = sessionId ? { sessionId } : {};
    if (name === 'parent-change') Object.assign(body, { permission: 'voice-chat', enabled: !this.voiceOn });
    if (name === 'publish-terms') body.type = 'legal';
    try {
      await this.backend?.event(name, body);
      this.note = {
        'age-up': 'A birthday: k-ID sends no webhook for it. The game notices by comparing sessions when it next reads one (on focus, or every 30 s); the demo reads now.',
        'parent-change': 'The parent changed a setting in Family Connect: k-ID sent a webhook, and the game server pushed it to the page.',
        revoke: 'The parent revoked access: k-ID deleted the session and sent a webhook. The player must set up again, with a new session.',
        'publish-terms': 'New terms are published. The next sign-in asks for them: "We\'ve updated our terms".',
      }[name];
      // Under npm start, k-ID's webhooks reach the page through the game server's stream;
      // a static build has no stream, so it reads now (as the 30 s watch would later).
      if (name === 'age-up' || this.stack?.inPage) await provider?.refresh();
    } catch (error) {
      this.note = `That did not work: ${String(error)}`;
    }
  };

  private switchTo = async (name: string) => {
    const info = await this.backend?.switchTo(name);
    // A new player on this device: nothing of the last one is kept.
    for (const key of DemoApp.KEPT) localStorage.removeItem(key);
    location.hash = '';
    if (!this.stack?.inPage || !info) {
      location.reload();
      return;
    }
    // In a static build a reload would restart the emulator: start the widget afresh instead.
    this.scenario = info;
    this.playerName = undefined;
    this.server = undefined;
    this.signInEnded = false;
    const stack = this.stack;
    this.providerFetch = (input, init) => stack.fetch(input, init);
  };

  /** Static build: parent-page links (the QR code's, "this device belongs to a parent") open in the phone. */
  private openParentLinksHere = (event: MouseEvent) => {
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!link || !isParentPage(link.href) || !this.phone) return;
    event.preventDefault();
    void this.phone.open(link.href);
    this.querySelector('.phone')?.scrollIntoView({ block: 'nearest' });
  };

  private sessionChanged = () => {
    const kid = this.provider?.playgate?.store.snapshot.kid;
    this.voiceOn = kid?.state === 'active' && kid.session.permissions.some((p) => p.name === 'voice-chat' && p.enabled);
  };

  protected override render() {
    const scenario = this.scenario;
    if (!scenario) return html`<p class="loading" role="status">Starting the emulator…</p>`;
    const ctx = {
      scenario,
      busy: this.busy,
      error: this.error,
      playerName: this.playerName,
      server: this.server,
      signInEnded: this.signInEnded,
      historyOpen: this.historyOpen,
      showHistory: (open: boolean) => {
        this.historyOpen = open;
      },
      fetch: this.stack?.fetch ?? globalThis.fetch.bind(globalThis),
      signIn: () => void this.signIn(),
      join: (id: string, password?: string) => void this.join(id, password),
      go: this.go,
    };
    const screens = { title: titleScreen, servers: serversScreen, play: playScreen, settings: settingsScreen };
    return html`
      <div class=${`shell ${this.overlay ? 'overlay' : ''}`}>
        <playgate-provider
          kid-url="/api/kid/"
          nodecraft-url="/emulator/nodecraft/v1/"
          elements-url="/emulator/elements/api/rest/"
          jurisdiction=${scenario.kid.jurisdiction}
          player-id=${scenario.elements.userId}
          theme=${this.overlay ? 'hud' : this.dark ? 'dark' : 'light'}
          .nodecraftGameToken=${scenario.nodecraft.gameToken}
          .fetch=${this.providerFetch}
          .permissionLabels=${LABELS}
          @playgate-ready=${this.sessionChanged}
          @playgate-session-changed=${this.sessionChanged}
          @playgate-permission-granted=${this.sessionChanged}
          @playgate-session-expired=${() => {
            this.signInEnded = true;
            this.go('title');
          }}
        >
          <div class="viewport">
            <canvas aria-hidden="true"></canvas>
            ${this.screen === 'title' || this.screen === 'settings' ? nothing : html`<div class="hud"><playgate-session-status layout="compact"></playgate-session-status></div>`}
            <main class="screen">${screens[this.screen](ctx)}</main>
          </div>
          <playgate-consent-prompt></playgate-consent-prompt>
        </playgate-provider>
        ${backstage({
          scenario,
          scenarios: this.scenarios,
          overlay: this.overlay,
          dark: this.dark,
          note: this.note,
          voiceOn: this.voiceOn,
          inPagePhone: this.phone,
          switchTo: (name) => void this.switchTo(name),
          control: this.backend?.control,
          event: (name) => void this.backendEvent(name),
          toggleOverlay: () => {
            this.overlay = !this.overlay;
          },
          toggleDark: () => {
            this.dark = !this.dark;
          },
        })}
      </div>
    `;
  }
}

customElements.define('demo-app', DemoApp);
