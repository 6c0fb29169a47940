import { html, nothing } from 'lit';
import type { RequestState } from '../../flows/permission-requests.js';
import { addEnglish, type Messages } from '../../i18n/en.js';
import type { Permission } from '../../model/permissions.js';
import { rowState, type RowState } from './rows.js';
import { ageCheck } from '../../i18n/en/age-check.js';
import { request } from '../../i18n/en/request.js';

// The English words it speaks, with it.
addEnglish({ ageCheck, request });

export interface RowsViewOptions {
  permissions: readonly Permission[];
  request: RequestState;
  panelHidden: boolean;
  messages: Messages;
  /** A feature's name, in the player's words. */
  label: (name: string) => string;
  ask: (name: string) => void;
  showPanel: () => void;
  /** An adult who has not proved it, with a backend that can check: withheld rows offer the check. */
  unverifiedAdult: boolean;
  verify: () => void;
}

/** One row per permission: its name, its state in words, and what the player may do. */
export function rowsView(options: RowsViewOptions) {
  return html`<ul part="list">${options.permissions.map((permission, index) => rowView(options, permission, index))}</ul>`;
}

function rowView(options: RowsViewOptions, permission: Permission, index: number) {
  const { request } = options;
  const t = options.messages.request;
  const row = rowState(permission, request, options.unverifiedAdult);
  const busy = request.state === 'requesting' || (request.state === 'waiting' && row !== 'waiting');
  // An age check open is the player's own doing: no "waiting for a parent" beside it.
  const ageCheck = request.state === 'waiting' && request.challenge.purpose === 'age-check';
  const words: Record<RowState, string> = { on: t.on, 'turn-on': '', 'ask-parent': '', 'verify-age': '', 'verify-to-unlock': '', 'not-available': t.notAvailable, waiting: ageCheck ? '' : t.waiting };
  // Named "Ask a parent Voice chat": the visible words first, then the feature, in every
  // language (WCAG 2.5.3: the name a voice user says is the text they see).
  // By position, not by name: a name may hold spaces, which would split an id reference.
  const id = `row-${String(index)}`;
  const ask = () => {
    options.ask(permission.name);
  };
  const action = (text: string, run = ask) =>
    html`<button part="action" id=${`${id}-action`} aria-labelledby=${`${id}-action ${id}-label`} ?disabled=${busy} @click=${run}>${text}</button>`;
  return html`
    <li part="row" data-permission=${permission.name} data-state=${row}>
      <span part="label" id=${`${id}-label`}>${options.label(permission.name)}</span>
      ${words[row] ? html`<span part="state" class=${row === 'on' ? 'on' : 'muted'}>${words[row]}</span>` : nothing}
      ${row === 'turn-on' ? action(t.turnOn) : nothing}
      ${row === 'ask-parent' ? action(t.askParent) : nothing}
      ${row === 'verify-age' ? action(t.verifyAge) : nothing}
      ${row === 'verify-to-unlock' ? action(options.messages.ageCheck.verifyToUnlock, options.verify) : nothing}
      ${row === 'waiting' && options.panelHidden
        ? html`<button part="action" class="quiet" data-action="show-code" @click=${options.showPanel}>${ageCheck ? options.messages.ageCheck.resume : t.showCode}</button>`
        : nothing}
    </li>
  `;
}
