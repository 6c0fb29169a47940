// The game's screens. Plain Lit templates: the demo is what a studio would write around
// playgate, not part of it.
import { html, nothing } from 'lit';
import type { ScenarioInfo } from '../../src/emulator/scenarios.js';
import { SERVERS } from './backend.js';
import './public-chat.js';

export type Screen = 'title' | 'servers' | 'play' | 'settings';

export interface ScreenContext {
  scenario: ScenarioInfo;
  busy: string | undefined;
  error: string | undefined;
  playerName: string | undefined;
  server: string | undefined;
  signInEnded: boolean;
  /** "What I agreed to" is open in Settings (its list is read only then). */
  historyOpen: boolean;
  showHistory(open: boolean): void;
  /** How the page reaches its game server. */
  fetch: typeof fetch;
  signIn(): void;
  join(serverId: string, password?: string): void;
  go(screen: Screen): void;
}

export function titleScreen(ctx: ScreenContext) {
  const name = ctx.scenario.elements.userId.replace(/^./, (c) => c.toUpperCase());
  return html`
    <section class="panel title-card" aria-labelledby="game-title">
      <h1 id="game-title" class="logo">Block Game</h1>
      <p class="tagline">Build, explore, and play with friends.</p>
      ${ctx.signInEnded ? html`<p class="error" role="alert">Your sign-in has ended. Sign in again to keep playing.</p>` : nothing}
      <button class="primary big" @click=${() => { ctx.signIn(); }} ?disabled=${Boolean(ctx.busy)} autofocus>${ctx.busy ?? (ctx.signInEnded ? `Sign in again as ${name}` : `Play as ${name}`)}</button>
      <p class="fine">Signs in with Namazu Elements, then Nodecraft Player Ident, which may ask for the game's terms.</p>
      ${ctx.error ? html`<p class="error" role="alert">${ctx.error}</p>` : nothing}
    </section>
  `;
}

export function serversScreen(ctx: ScreenContext) {
  const onJoin = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const password = (form.elements.namedItem('password') as HTMLInputElement | null)?.value;
    ctx.join(form.dataset.server ?? '', password || undefined);
  };
  return html`
    <section class="panel" aria-labelledby="servers-title">
      <header class="bar">
        <h2 id="servers-title">Servers</h2>
        <span class="who">${ctx.playerName ? `Signed in as ${ctx.playerName}` : ''}</span>
      </header>
      <ul class="servers">
        ${SERVERS.map(
          (server) => html`
            <li>
              <form data-server=${server.id} @submit=${onJoin}>
                <div class="server-name">${server.name}</div>
                <div class="fine">${server.blurb} · ${server.players} playing</div>
                ${'password' in server
                  ? html`<label class="inline">Password <input name="password" type="password" autocomplete="off" /></label>`
                  : nothing}
                <button class="primary" ?disabled=${Boolean(ctx.busy)} aria-label=${`Join ${server.name}`}>Join</button>
              </form>
            </li>
          `,
        )}
      </ul>
      ${ctx.busy ? html`<p role="status">${ctx.busy}</p>` : nothing}
      ${ctx.error ? html`<p class="error" role="alert">${ctx.error}</p>` : nothing}
      <div class="row end"><button class="quiet" @click=${() => { ctx.go('title'); }}>Sign out</button></div>
    </section>
  `;
}

export function playScreen(ctx: ScreenContext) {
  const server = SERVERS.find((s) => s.id === ctx.server);
  return html`
    <section class="play" aria-label=${`Playing on ${server?.name ?? 'a server'}`}>
      <div class="play-top">
        <span class="pill">${server?.name ?? ''}</span>
        <button class="quiet on-scene" @click=${() => { ctx.go('settings'); }}>Settings</button>
      </div>
      <div class="play-bottom">
        <div class="feature">
          <h3>Voice chat</h3>
          <playgate-permission-request name="voice-chat">
            <button class="primary" @click=${(e: Event) => { (e.currentTarget as HTMLButtonElement).textContent = 'Talking… (press to stop)'; }}>Talk to your team</button>
          </playgate-permission-request>
        </div>
        <div class="feature">
          <h3>Private messages</h3>
          <playgate-permission-request name="text-chat-private">
            <form class="chat" @submit=${(e: SubmitEvent) => { e.preventDefault(); (e.currentTarget as HTMLFormElement).reset(); }}>
              <label>Message a friend <input name="message" autocomplete="off" /></label>
              <button class="primary">Send</button>
            </form>
          </playgate-permission-request>
        </div>
        <div class="feature">
          <h3>Public chat</h3>
          <playgate-permission-request name="text-chat-public">
            <demo-public-chat .fetch=${ctx.fetch}></demo-public-chat>
          </playgate-permission-request>
        </div>
      </div>
      <div class="row end"><button class="quiet on-scene" @click=${() => { ctx.go('servers'); }}>Leave server</button></div>
    </section>
  `;
}

export function settingsScreen(ctx: ScreenContext) {
  return html`
    <section class="panel wide" aria-labelledby="settings-title">
      <header class="bar">
        <h2 id="settings-title">Settings · Account and permissions</h2>
        <button class="quiet" @click=${() => { ctx.go(ctx.server ? 'play' : 'servers'); }}>Back</button>
      </header>
      <div class="columns">
        <playgate-session-status></playgate-session-status>
        <playgate-permission-request></playgate-permission-request>
      </div>
      <details class="history" ?open=${ctx.historyOpen} @toggle=${(event: Event) => { ctx.showHistory((event.currentTarget as HTMLDetailsElement).open); }}>
        <summary>What I agreed to</summary>
        ${ctx.historyOpen ? html`<playgate-session-status layout="history"></playgate-session-status>` : nothing}
      </details>
    </section>
  `;
}
