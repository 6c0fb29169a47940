import { html, nothing } from 'lit';
import type { RequestState } from '../../flows/permission-requests.js';
import { addEnglish, type Messages } from '../../i18n/en.js';
import { ageGate } from '../../i18n/en/age-gate.js';
import { request } from '../../i18n/en/request.js';
import { status } from '../../i18n/en/status.js';

// The English words it speaks, with it.
addEnglish({ ageGate, request, status });

export interface FirstConsentViewOptions {
  current: RequestState;
  /** The session was revoked (else there was none yet). */
  revoked: boolean;
  /** This element draws the conversation (another may). */
  presenting: boolean;
  panelHidden: boolean;
  messages: Messages;
  hideIntro: boolean;
  jurisdiction: string;
  setUp: () => void;
  showPanel: () => void;
}

/** No session yet (or a revoked one): why an account needs setting up, and the button that starts it. */
export function firstConsentView(options: FirstConsentViewOptions) {
  const { current, messages: t } = options;
  if (current.state === 'waiting') {
    // The panel was closed, or another element shows it: say what is going on, never nothing.
    if (options.presenting && !options.panelHidden) return nothing;
    const limited = current.challenge.limitedAccessWhileWaiting === true;
    return html`
      <p part="message" role="status">${t.request.waiting}</p>
      ${limited ? html`<p part="message">${t.request.limitedAccess}</p>` : nothing}
      ${options.presenting ? html`<div class="actions"><button part="action" class="quiet" data-action="show-code" @click=${options.showPanel}>${t.request.showCode}</button></div>` : nothing}
    `;
  }
  if (current.state === 'age-gate' || current.state === 'prohibited' || current.state === 'requesting') return nothing;
  return html`
    ${options.hideIntro ? nothing : html`<p part="message" role=${options.revoked ? 'alert' : nothing}>${options.revoked ? t.status.revoked : t.status.noSession}</p>`}
    ${options.jurisdiction
      ? html`<div class="actions"><button part="action" data-action="set-up" @click=${options.setUp}>${t.ageGate.start}</button></div>`
      : html`<p part="message" class="problem">${t.ageGate.noJurisdiction}</p>`}
  `;
}
