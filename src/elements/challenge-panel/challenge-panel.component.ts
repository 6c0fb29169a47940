import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RequestState } from '../../flows/permission-requests.js';
import { realTimers, type Timers } from '../../flows/timers.js';
import { addEnglish, en, withEnglish, type Messages } from '../../i18n/en.js';
import { errorText } from '../../i18n/format.js';
import { directionOf } from '../../i18n/locales.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { ClockController } from '../shared/clock-controller.js';
import { challengePanelStyles } from './challenge-panel.styles.js';
import { qrCode, safeLink } from './qr-code.js';
import { challenge } from '../../i18n/en/challenge.js';

// The English words it speaks, with it.
addEnglish({ challenge });

type Waiting = Extract<RequestState, { state: 'waiting' }>;

export { CHALLENGE_PANEL_PARTS } from './parts.js';

/**
 * The player's half of a parent's challenge: a QR code of the approval link, the
 * one-time code with a copy button and its countdown, an email to the parent, and a
 * same-window link for when the device is the parent's own. It shows what the shared
 * request flow says; the wait itself runs in the flow, so closing the panel keeps it.
 *
 * @tagname playgate-challenge-panel
 * @summary Ask a parent: QR code, one-time code, email, and the wait for their answer.
 *
 * @event playgate-challenge-panel-close - The player closed the panel; the wait goes on.
 *
 * @csspart panel - The box.
 * @csspart title - What is asked.
 * @csspart lead - Who answers, and how.
 * @csspart qr-label - "Scan this code".
 * @csspart qr - The QR code.
 * @csspart code-label - Where to enter the code.
 * @csspart code - The one-time code, in large type.
 * @csspart copy - The copy button.
 * @csspart countdown - How long the code still works.
 * @csspart code-error - A new code could not be fetched.
 * @csspart email - The email form.
 * @csspart email-label - Its label.
 * @csspart email-input - The parent's address.
 * @csspart email-hint - What happens to the address.
 * @csspart email-send - The send button.
 * @csspart email-note - Sent, or what went wrong.
 * @csspart parent-device - The paragraph around the parent link.
 * @csspart parent-link - The "this device belongs to a parent" link.
 * @csspart progress - What the parent is doing, announced as it changes.
 * @csspart close - The close button.
 *
 * @cssproperty --playgate-qr-size - The QR code's width and height.
 */
export class PlaygateChallengePanel extends LitElement {
  static override styles = [tokens, buttonStyles, challengePanelStyles];

  /** The flow's waiting state to show. */
  @property({ attribute: false }) waiting: Waiting | undefined;

  /** The page's time (the provider's), for the countdown. */
  @property({ attribute: false }) timers: Timers | undefined;

  @property({ attribute: false }) messages: Messages = en;

  @property() locale = 'en';

  /** The feature names, already in the player's words. */
  @property() features = '';

  @state() private qr: TemplateResult | undefined;
  @state() private copied = false;
  @state() private qrFailed = false;
  @query('input[type="email"]') private emailInput!: HTMLInputElement | null;
  @query('h2') private heading!: HTMLElement | null;

  private qrFor: string | undefined;
  /** A display clock only: the flow renews the code, and never while the page is hidden. */
  private readonly clock = new ClockController(this, 1000, () => this.timers ?? realTimers);

  /** Moves focus to the panel's title, so a screen reader or gamepad starts there. */
  override focus(): void {
    // The panel may not have drawn its title yet when it is asked for focus.
    void this.updateComplete.then(() => {
      this.heading?.focus();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: the countdown starts again.
    this.clock.run(this.waiting?.challenge.otpExpiresAt !== undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('waiting')) return;
    const link = safeLink(this.waiting?.challenge.url);
    if (link !== this.qrFor) {
      this.qrFor = link;
      this.qr = undefined;
      this.qrFailed = false;
      this.copied = false;
      if (link) {
        qrCode(link).then(
          (drawn) => {
            if (this.qrFor === link) this.qr = drawn;
          },
          () => {
            // No QR code (the encoder did not load): the code and the link still work.
            if (this.qrFor === link) this.qrFailed = true;
          },
        );
      }
    }
    this.clock.run(this.waiting?.challenge.otpExpiresAt !== undefined && this.isConnected);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Sent: the address goes nowhere else, not even back into the field.
    const before = changed.get('waiting');
    if (this.waiting?.email === 'sent' && before?.email !== 'sent' && this.emailInput) this.emailInput.value = '';
  }

  protected override render() {
    const waiting = this.waiting;
    if (!waiting) return nothing;
    const t = withEnglish(this.messages).challenge;
    const { challenge, pending } = waiting;
    // A parent's panel only: the player's own age check is a dialog of its own (waiting-view.ts).
    const title = pending.kind === 'consent' ? t.titleConsent : t.titleUpgrade(this.features);
    const lead = pending.kind === 'consent' ? t.leadConsent : t.leadUpgrade;
    const link = safeLink(challenge.url);
    return html`
      <section part="panel" lang=${this.locale} dir=${directionOf(this.locale)} aria-labelledby="title">
        <h2 id="title" part="title" tabindex="-1">${title}</h2>
        <p part="lead">${lead}</p>
        <p part="progress" role="status">${this.progressText(waiting)}</p>
        ${link && !this.qrFailed ? html`<p part="qr-label">${t.scan}</p><div part="qr" role="img" aria-label=${t.qrLabel}>${this.qr ?? nothing}</div>` : nothing}
        ${challenge.oneTimePassword ? this.codeBlock(challenge.oneTimePassword, challenge.codeEntry, challenge.otpExpiresAt, waiting) : nothing}
        ${this.emailForm(waiting, pending.kind === 'consent' ? t.emailHintFirst : t.emailHint)}
        ${link ? html`<p part="parent-device"><a part="parent-link" href=${link}>${t.parentDevice}</a></p>` : nothing}
        <div class="actions"><button part="close" class="quiet" @click=${this.close}>${t.close}</button></div>
      </section>
    `;
  }

  /** The code, with where to type it when the backend says (k-ID: asktoplay.com). */
  private codeBlock(code: string, site: string | undefined, expiresAt: number | undefined, waiting: Waiting) {
    const t = withEnglish(this.messages).challenge;
    const left = expiresAt === undefined || waiting.codeClockTrusted === false ? undefined : Math.max(0, expiresAt - this.clock.now);
    return html`
      <p part="code-label">${site ? t.orCode(site) : t.codeLabel}</p>
      <div class="code-row">
        <output part="code" aria-label=${t.codeLabel}>${code}</output>
        <button part="copy" class="quiet" @click=${() => { void this.copy(code); }}>${this.copied ? t.copied : t.copy}</button>
      </div>
      ${left === undefined
        ? nothing
        : html`<p part="countdown">${left > 0 ? t.expiresIn(clock(left, this.locale)) : t.renewing}</p>`}
      ${waiting.codeError ? html`<p part="code-error" class="problem" role="alert">${t.renewFailed} ${errorText(waiting.codeError, this.messages)}</p>` : nothing}
    `;
  }

  private emailForm(waiting: Waiting, hint: string) {
    const t = withEnglish(this.messages).challenge;
    const note = { idle: '', sending: '', sent: t.sent, invalid: t.badEmail, 'no-address': t.invalidEmail, failed: t.emailFailed }[waiting.email];
    return html`
      <form part="email" @submit=${this.sendEmail} novalidate>
        <label part="email-label" for="email">${t.emailLabel}</label>
        <input part="email-input" id="email" type="email" name="email" autocomplete="off" aria-describedby="email-hint email-note" aria-invalid=${waiting.email === 'invalid' ? 'true' : 'false'} />
        <p part="email-hint" id="email-hint" class="hint">${hint}</p>
        <button part="email-send" type="submit" ?disabled=${waiting.email === 'sending'}>${waiting.email === 'sending' ? t.sending : t.sendEmail}</button>
        <p part="email-note" id="email-note" class=${waiting.email === 'sent' ? 'good' : 'problem'} role="status">${note}</p>
      </form>
    `;
  }

  private progressText(waiting: Waiting): string {
    const t = withEnglish(this.messages).challenge;
    if (waiting.progress === 'IN_PROGRESS') return t.inProgress;
    if (waiting.progress === 'POLL_TIMEOUT') return t.stillWaiting;
    return t.pending;
  }

  private sendEmail = (event: Event) => {
    event.preventDefault();
    // To the element that shows the panel alone (the event does not leave it): not kept, not in any page event.
    this.dispatchEvent(new CustomEvent('playgate-challenge-panel-email', { detail: { email: this.emailInput?.value ?? '' } }));
  };

  private async copy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.copied = true;
    } catch {
      // No clipboard (permissions, an old browser): the code stays on screen to type.
      this.copied = false;
    }
  }

  private close = () => {
    this.dispatchEvent(new CustomEvent('playgate-challenge-panel-close', { bubbles: true, composed: true }));
  };
}

/** "9:58": minutes and seconds, with the locale's digits. */
function clock(ms: number, locale: string): string {
  const seconds = Math.ceil(ms / 1000);
  const format = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  return `${new Intl.NumberFormat(locale).format(Math.floor(seconds / 60))}:${format.format(seconds % 60)}`;
}
