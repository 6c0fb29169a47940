import { html, nothing } from 'lit';
import type { ConsentFlowState } from '../../flows/consent-flow.js';
import type { Messages } from '../../i18n/en.js';
import { errorText, integer } from '../../i18n/format.js';
import type { ConsentDocument, ConsentRequirement } from '../../model/consent.js';
import { consentHeading } from './heading.js';
// Its English words come with the prompt, which loads it (one chunk fewer).

/** What the prompt draws a panel for. */
export type Showing = Extract<ConsentFlowState, { state: 'loading' | 'reading' | 'signing' | 'error' | 'reviewing' }>;

/** What the panel needs from its prompt: words, the reading state and the player's answers. */
export interface ConsentPanelHost {
  readonly inline: boolean;
  readonly readToEnd: boolean;
  readonly messages: Messages;
  readonly locale: string;
  readonly dir: string;
  accept(): void;
  decline(): void;
  retry(): void;
  close(): void;
  scrolled(): void;
}

/**
 * The consent prompt's panel: the document, the reading hint and the answers. Loaded
 * when a round first needs the player (its prompt stays small until then).
 */
export function consentPanel(host: ConsentPanelHost, current: Showing) {
  const { requirement } = current;
  const t = host.messages.consent;
  const document: ConsentDocument | undefined = 'document' in current ? current.document : undefined;
  const heading = consentHeading(host.messages, requirement);
  return html`
    <div part="panel" lang=${host.locale} dir=${host.dir} role=${host.inline ? 'region' : nothing} aria-labelledby=${host.inline ? 'title' : nothing}>
      ${stepLine(host, current)}
      <h2 id="title" part="title">${heading}</h2>
      <p id="lead" part="lead">${current.state === 'reviewing' && document?.status === 'signed' && document.signedAt
        ? t.agreedOn(new Intl.DateTimeFormat(host.locale, { dateStyle: 'long' }).format(new Date(document.signedAt)))
        : lead(host.messages, requirement)}</p>
      ${document
        ? html`<div part="document" tabindex="0" role="document" aria-label=${heading} @scroll=${() => { host.scrolled(); }}>${document.content}</div>`
        : current.state === 'loading' || (current.state === 'error' && current.step === 'load')
          ? html`<p part="loading" role="status">${current.state === 'loading' ? t.loading : ''}</p>`
          : nothing}
      ${current.state === 'error' ? html`<p part="error" role="alert">${current.step === 'load' ? t.loadFailed : t.signFailed} ${errorText(current.error, host.messages)}</p>` : nothing}
      ${actions(host, current)}
    </div>
  `;
}

function lead(messages: Messages, requirement: ConsentRequirement): string {
  const t = messages.consent;
  if (requirement.state === 'missing') return t.missing;
  return requirement.type === 'rules' || requirement.scope === 'server' ? t.outdatedRules : t.outdated;
}

/** "Step 2 of 3" when the backend told how many rounds; "Step 2" from the second round otherwise. */
function stepLine(host: ConsentPanelHost, current: Showing) {
  const t = host.messages.consent;
  const total = 'total' in current ? current.total : undefined;
  // Numbers are formatted only when shown: a page's first Intl.NumberFormat costs tens of milliseconds.
  const round = () => integer(current.round, host.locale);
  if (total !== undefined && total > 1) return html`<p part="step">${t.stepOf(round(), integer(total, host.locale))}</p>`;
  return current.round > 1 ? html`<p part="step">${t.step(round())}</p>` : nothing;
}

function actions(host: ConsentPanelHost, current: Showing) {
  const t = host.messages.consent;
  if (current.state === 'reviewing') {
    return html`<div class="actions"><button part="close" @click=${() => { host.close(); }}>${t.close}</button></div>`;
  }
  // While an answer is being saved it can no longer be taken back.
  const decline = html`<button part="decline" class="quiet" ?disabled=${current.state === 'signing'} @click=${() => { host.decline(); }}>${t.decline}</button>`;
  if (current.state === 'error') {
    return html`<div class="actions">${decline}<button part="retry" @click=${() => { host.retry(); }}>${t.retry}</button></div>`;
  }
  const signing = current.state === 'signing';
  const ready = current.state === 'reading' && host.readToEnd;
  return html`
    ${current.state === 'reading' && !host.readToEnd ? html`<p id="hint" part="hint">${t.scrollHint}</p>` : nothing}
    <div class="actions">
      ${decline}
      <button part="accept" ?disabled=${!ready} aria-describedby=${ready ? nothing : 'hint'} aria-busy=${signing ? 'true' : 'false'} @click=${() => { host.accept(); }}>
        ${signing ? t.signing : t.accept}
      </button>
    </div>
  `;
}
