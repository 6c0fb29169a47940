// The backstage: everything around the player that a demo needs and a game does not.
// The scenario switcher, what the vendors do on their own, and the parent's phone.
import { html, nothing } from 'lit';
import type { ScenarioInfo } from '../../src/emulator/scenarios.js';
import { ref } from 'lit/directives/ref.js';
import type { ScenarioSummary } from './backend.js';
import type { InPagePhone } from './phone.js';
import './switches.js';

export interface BackstageContext {
  scenario: ScenarioInfo;
  scenarios: readonly ScenarioSummary[];
  overlay: boolean;
  dark: boolean;
  note: string | undefined;
  voiceOn: boolean;
  /** Static build: the phone shows the in-page emulator's parent page. */
  inPagePhone: InPagePhone | undefined;
  switchTo(name: string): void;
  /** The emulator's control API, for its switches. */
  control: ((path: string, body?: unknown) => Promise<Record<string, unknown>>) | undefined;
  event(name: 'age-up' | 'parent-change' | 'revoke' | 'publish-terms'): void;
  toggleOverlay(): void;
  toggleDark(): void;
}

export function backstage(ctx: BackstageContext) {
  const current = ctx.scenarios.find((s) => s.name === ctx.scenario.name);
  return html`
    <aside class="backstage" aria-label="Demo controls">
      <h2>Demo controls</h2>
      <section aria-labelledby="who">
        <h3 id="who">Who is playing</h3>
        <label for="scenario">Scenario</label>
        <select id="scenario" @change=${(e: Event) => { ctx.switchTo((e.currentTarget as HTMLSelectElement).value); }}>
          ${ctx.scenarios.map((s) => html`<option value=${s.name} ?selected=${s.name === ctx.scenario.name}>${s.title}</option>`)}
        </select>
        <p class="fine">${current?.description ?? ''}</p>
      </section>
      <section aria-labelledby="backend">
        <h3 id="backend">What happens on the backend</h3>
        <div class="grid">
          <button @click=${() => { ctx.event('age-up'); }}>Birthday: age up</button>
          <button @click=${() => { ctx.event('parent-change'); }}>Parent turns voice chat ${ctx.voiceOn ? 'off' : 'on'}</button>
          <button @click=${() => { ctx.event('revoke'); }}>Parent revokes access</button>
          <button @click=${() => { ctx.event('publish-terms'); }}>Publish new terms</button>
        </div>
        <p class="fine" role="status">${ctx.note ?? ''}</p>
        <demo-k-id-switches .control=${ctx.control}></demo-k-id-switches>
      </section>
      <section aria-labelledby="look">
        <h3 id="look">Look</h3>
        <div class="grid">
          <button aria-pressed=${ctx.overlay ? 'true' : 'false'} @click=${() => { ctx.toggleOverlay(); }}>In-game overlay</button>
          <button aria-pressed=${ctx.dark ? 'true' : 'false'} @click=${() => { ctx.toggleDark(); }}>Dark theme</button>
        </div>
        <p class="fine">Gamepad: D-pad or stick moves, A selects, B goes back. The keyboard works everywhere too.</p>
      </section>
      <section aria-labelledby="phone" class="phone-section">
        <h3 id="phone">The parent's phone</h3>
        <p class="fine">When the game asks a parent, type the code here, or open the link from the QR code.
          ${ctx.inPagePhone ? nothing : html`<a href="/emulator/parent" target="_blank" rel="noopener">Open in a new tab</a>`}</p>
        <div class="phone">
          ${ctx.inPagePhone
            ? html`<iframe title="The parent's phone" ${ref((frame) => { if (frame instanceof HTMLIFrameElement) ctx.inPagePhone?.attach(frame); })}></iframe>`
            : html`<iframe title="The parent's phone" src="/emulator/parent"></iframe>`}
        </div>
      </section>
    </aside>
  `;
}
