// The game's public chat: what a studio writes around playgate. Its server checks the
// player's permission again on every post (see demo/chat-route.ts).
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';

export class DemoPublicChat extends LitElement {
  /** How the page reaches its game server (the in-page one in a static build). */
  @property({ attribute: false }) fetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

  @state() private said: string[] = [];
  @state() private problem: string | undefined;

  // The page's own styles, as the rest of the game's screens.
  protected override createRenderRoot() {
    return this;
  }

  private send = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('message') as HTMLInputElement;
    const response = await this.fetch(new Request(new URL('/demo-api/chat', location.origin), { method: 'POST', body: JSON.stringify({ message: input.value }), headers: { 'Content-Type': 'application/json' } }));
    const body = (await response.json().catch(() => ({}))) as { posted?: string; errorMsg?: string };
    if (body.posted) {
      this.said = [...this.said.slice(-2), body.posted];
      this.problem = undefined;
      form.reset();
    } else {
      this.problem = `The game's server said no (${String(response.status)}): ${body.errorMsg ?? 'try again'}`;
    }
  };

  protected override render() {
    return html`
      <form class="chat" @submit=${this.send}>
        <label>Say something to everyone <input name="message" autocomplete="off" /></label>
        <button class="primary">Post</button>
      </form>
      ${this.said.length ? html`<ul class="fine said" aria-label="Posted">${this.said.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    `;
  }
}

customElements.define('demo-public-chat', DemoPublicChat);
