import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { AgeVerificationFlow, VerificationState } from '../../flows/age-verification.js';
import type { PlaygateRuntime } from '../../flows/runtime/runtime.js';
import { errorText } from '../../i18n/format.js';
import { addEnglish, type Messages } from '../../i18n/en.js';
import type {} from '../age-check-dialog/age-check-dialog.js';
import { conversationPart } from '../permission-request/conversation-part.js';
import { LazyController } from './lazy.js';
import { ageCheck } from '../../i18n/en/age-check.js';
import { ageGate } from '../../i18n/en/age-gate.js';
import { request } from '../../i18n/en/request.js';

// The English words it speaks, with it.
addEnglish({ ageCheck, ageGate, request });

type Host = ReactiveControllerHost & HTMLElement;

/**
 * An element's share in an unverified adult's age check: it follows the runtime's flow,
 * starts it when the player asks here, and draws the dialog and the outcome only when the
 * check was started here (another element may show the same flow).
 */
export class VerificationController implements ReactiveController {
  private flow: AgeVerificationFlow | undefined;
  private stops: Array<() => void> = [];
  /** The dialog's code, loaded when a check first opens. */
  private readonly dialog: LazyController<unknown>;

  constructor(
    private readonly host: Host,
    private readonly runtime: () => PlaygateRuntime | undefined,
  ) {
    host.addController(this);
    this.dialog = new LazyController(host, conversationPart);
  }

  get state(): VerificationState {
    return this.flow?.state ?? { state: 'idle' };
  }

  /** Whether the backend can check an age (a game's own port may not). */
  get available(): boolean {
    return this.flow?.available ?? false;
  }

  /** The player asked here: the open check, or a new one. */
  start(): void {
    void this.flow?.start({ origin: this.host });
  }

  hostUpdate(): void {
    const flow = this.runtime()?.verification;
    if (flow !== this.flow || (flow && !this.stops.length && this.host.isConnected)) this.follow(flow);
  }

  hostDisconnected(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** The dialog while the check is open, and what came of it: only where it was started. */
  view(messages: Messages, locale: string) {
    const flow = this.flow;
    if (!flow || flow.audience.presenter !== this.host) return nothing;
    const current = flow.state;
    const t = messages.ageCheck;
    if (current.state === 'open') {
      if (this.dialog.value === undefined) return this.dialog.placeholder({ messages, loading: messages.request.working, retry: t.retry });
      return html`<playgate-age-check-dialog
        part="age-check"
        open
        .url=${current.url}
        .messages=${messages}
        locale=${locale}
        @playgate-age-check-dialog-close=${() => {
          flow.close();
        }}
        @playgate-age-check-dialog-hint=${() => {
          flow.wake();
        }}
      ></playgate-age-check-dialog>`;
    }
    if (current.state !== 'failed' && current.state !== 'error') return nothing;
    const text = current.state === 'failed' ? t.failed : `${messages.ageGate.failed} ${errorText(current.error, messages)}`;
    return html`
      <div part="verify-outcome" class="problem" tabindex="-1" role="alert">
        <p part="verify-outcome-text">${text}</p>
        <div class="actions">
          <button part="verify-retry" @click=${() => void flow.retry()}>${t.retry}</button>
          <button part="verify-dismiss" class="quiet" @click=${() => { flow.dismiss(); }}>${messages.request.dismiss}</button>
        </div>
      </div>
    `;
  }

  private follow(flow: AgeVerificationFlow | undefined): void {
    this.hostDisconnected();
    this.flow = flow;
    if (!flow) return;
    const leave = flow.audience.join(this.host, undefined);
    this.stops.push(
      flow.subscribe(() => {
        this.host.requestUpdate();
      }),
      () => void leave(),
    );
  }
}
