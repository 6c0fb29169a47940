import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { addEnglish, en, withEnglish, type Messages } from '../../i18n/en.js';
import { directionOf } from '../../i18n/locales.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { safeLink } from '../challenge-panel/qr-code.js';
import { ageCheckDialogStyles } from './age-check-dialog.styles.js';
import { ageCheck } from '../../i18n/en/age-check.js';

// The English words it speaks, with it.
addEnglish({ ageCheck });

/** What the frame needs for a face check (camera), a passkey (AgeKey) or a card: k-ID's list. */
export const AGE_CHECK_FRAME_ALLOW = 'camera;payment;publickey-credentials-get;publickey-credentials-create';

export { AGE_CHECK_DIALOG_PARTS } from './parts.js';

/**
 * The player proving their own age, in the vendor's page framed in a modal dialog: a thin
 * title bar with a close button, and the frame, which is the whole UI (never a new tab:
 * iOS blocks those). Presentational: the flow waits for the authoritative answer; a
 * message from the frame is passed up as a hint only.
 *
 * @tagname playgate-age-check-dialog
 * @summary The player's own age check, in a modal dialog holding the vendor's frame.
 *
 * @event playgate-age-check-dialog-close - The player closed the dialog (button or Escape); the check goes on.
 * @event playgate-age-check-dialog-hint - The frame said it finished. A hint: only the flow's status read decides.
 *
 * @csspart dialog - The modal dialog.
 * @csspart bar - The title bar.
 * @csspart title - "Check your age".
 * @csspart close - The close button.
 * @csspart frame - The vendor's frame.
 *
 * @cssproperty --playgate-age-check-width - The dialog's width (480px, within the screen).
 */
export class PlaygateAgeCheckDialog extends LitElement {
  static override styles = [tokens, buttonStyles, ageCheckDialogStyles];

  /** The vendor's verification page (a property: it may carry a token). Only http(s) is framed. */
  @property({ attribute: false }) url = '';

  /** Shown as a modal while true. */
  @property({ type: Boolean, reflect: true }) open = false;

  @property({ attribute: false }) messages: Messages = en;

  @property() locale = 'en';

  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('iframe') private frame!: HTMLIFrameElement | null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.dialog;
    if (!dialog || !changed.has('open')) return;
    if (this.open && !dialog.open) dialog.showModal();
    else if (!this.open && dialog.open) dialog.close();
  }

  protected override render() {
    const src = safeLink(this.url);
    const t = withEnglish(this.messages).ageCheck;
    return html`
      <dialog part="dialog" aria-labelledby="title" dir=${directionOf(this.locale)} @close=${this.onClosed}>
        <div part="bar">
          <h2 part="title" id="title">${t.title}</h2>
          <button part="close" class="quiet" aria-label=${t.close} @click=${this.close}>×</button>
        </div>
        ${src ? html`<iframe part="frame" src=${src} title=${t.frameTitle} allow=${AGE_CHECK_FRAME_ALLOW}></iframe>` : nothing}
      </dialog>
    `;
  }

  /** Closed by the browser (Escape, or a close request), not by the host: the host hears it. */
  private onClosed = () => {
    if (this.open) this.close();
  };

  private close = () => {
    this.dispatchEvent(new CustomEvent('playgate-age-check-dialog-close', { bubbles: true, composed: true }));
  };

  /** Only this frame's own messages, from the origin it was given: anything else is ignored. */
  private onMessage = (event: MessageEvent) => {
    const frame = this.frame;
    if (!frame || event.source !== frame.contentWindow) return;
    const src = safeLink(this.url);
    if (!src || event.origin !== new URL(src).origin) return;
    this.dispatchEvent(new CustomEvent('playgate-age-check-dialog-hint', { bubbles: true, composed: true }));
  };
}
