import { html } from 'lit';
import type { RequestState } from '../../flows/permission-requests.js';
import type { Timers } from '../../flows/timers.js';
import type { Messages } from '../../i18n/en.js';
import { AGE_CHECK_DIALOG_PARTS } from '../age-check-dialog/parts.js';
import type {} from '../age-check-dialog/age-check-dialog.js';
import type {} from '../challenge-panel/challenge-panel.js';
import { CHALLENGE_EXPORTS } from './rows.js';

type Waiting = Extract<RequestState, { state: 'waiting' }>;

/** The dialog's parts, passed on as `age-check-*`. */
export const AGE_CHECK_EXPORTS = AGE_CHECK_DIALOG_PARTS.map((part) => `${part}: age-check-${part}`).join(', ');

export interface WaitingViewOptions {
  waiting: Waiting;
  timers: Timers | undefined;
  messages: Messages;
  locale: string;
  /** The features asked for, in the player's words. */
  features: string;
  email: (address: string) => void;
  /** The player closed the panel or the dialog: the wait goes on. */
  close: () => void;
  /** The age check's frame said it finished: ask now (a hint only). */
  hint: () => void;
}

/**
 * What the player sees while a challenge is open: a parent's panel (QR code, code, email),
 * or, when the player proves their own age, the vendor's frame in a modal dialog.
 */
export function waitingView(options: WaitingViewOptions) {
  const { waiting } = options;
  if (waiting.challenge.purpose === 'age-check') {
    return html`<playgate-age-check-dialog
      part="age-check"
      exportparts=${AGE_CHECK_EXPORTS}
      open
      .url=${waiting.challenge.url ?? ''}
      .messages=${options.messages}
      locale=${options.locale}
      @playgate-age-check-dialog-close=${options.close}
      @playgate-age-check-dialog-hint=${options.hint}
    ></playgate-age-check-dialog>`;
  }
  return html`<playgate-challenge-panel
    part="challenge"
    exportparts=${CHALLENGE_EXPORTS}
    .waiting=${waiting}
    .timers=${options.timers}
    .messages=${options.messages}
    locale=${options.locale}
    features=${options.features}
    @playgate-challenge-panel-email=${(event: CustomEvent<{ email: string }>) => {
      options.email(event.detail.email);
    }}
    @playgate-challenge-panel-close=${options.close}
  ></playgate-challenge-panel>`;
}
