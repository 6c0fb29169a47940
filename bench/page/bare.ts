// The cold start's baseline: the least a HUD badge can be. A plain custom element (no Lit,
// no provider) that reads the same session, from the same URL the k-ID adapter reads, and
// writes its words. Loaded by a script tag, as the widget is (bench/page/cold.html?bare).
const WORDS: Record<string, string> = { DIGITAL_MINOR: 'Child account', DIGITAL_YOUTH: 'Teen account', LEGAL_ADULT: 'Adult account' };

class BareStatus extends HTMLElement {
  /** Set by the page before this script loads, as the provider's is: no initializer, which would replace it at upgrade. */
  declare fetch: typeof globalThis.fetch | undefined;

  connectedCallback(): void {
    const badge = document.createElement('span');
    badge.setAttribute('part', 'badge');
    this.attachShadow({ mode: 'open' }).append(badge);
    const url = new URL('session/get?sessionId=', new URL(this.getAttribute('kid-url') ?? '/api/kid/', location.href));
    const fetch = this.fetch ?? globalThis.fetch.bind(globalThis);
    void fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => response.json() as Promise<{ session?: { ageStatus?: string } }>)
      .then((body) => {
        badge.textContent = WORDS[body.session?.ageStatus ?? ''] ?? 'Signed out';
      });
  }
}

customElements.define('bench-bare-status', BareStatus);
