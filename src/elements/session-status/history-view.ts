import { html, nothing } from 'lit';
import type { Messages } from '../../i18n/en.js';
import { addEnglish } from '../../i18n/en.js';
import { history } from '../../i18n/en/history.js';
import { errorText } from '../../i18n/format.js';
import type { ConsentRequirement } from '../../model/consent.js';
import type { ConsentReceipt, DecisionRecord, LedgerEntry, ServerObservation } from '../../model/receipt.js';
import type { HistoryState } from './history-controller.js';

addEnglish({ history });

/** What the view needs from its status: words, names, the state, and the player's actions. */
export interface HistoryHost {
  messages: Messages;
  locale: string;
  /** A list of features in the game's own names, in the player's language. */
  features: (names: readonly string[]) => string;
  retry: () => void;
  older: () => void;
  /** Shows a document again; absent where no consent prompt can show it. */
  review?: (requirement: ConsentRequirement) => void;
}

type By = keyof Messages['history']['by'];

interface Line {
  id: string;
  text: string;
  by: By;
  at: string;
  detail?: string;
  review?: ConsentRequirement;
}

/** "What I agreed to": documents accepted and permission decisions, newest first, in words for a child. */
export function historyView(host: HistoryHost, state: HistoryState) {
  const t = host.messages.history;
  const date = new Intl.DateTimeFormat(host.locale, { dateStyle: 'medium', timeStyle: 'short' });
  let body;
  if (state.state === 'loading') body = html`<p part="history-message" role="status">${t.loading}</p>`;
  else if (state.state === 'error') body = problem(host, state.error, host.retry);
  else {
    const lines = describe(state.read.entries, host);
    const { older } = state;
    body = html`
      ${lines.length === 0 ? html`<p part="history-message">${t.empty}</p>` : nothing}
      <ol part="history-list">
        ${lines.map((line) => html`<li part="history-entry" data-by=${line.by}>
          <span part="history-text">${line.text}</span>
          ${line.detail ? html`<span part="history-detail" class="muted">${line.detail}</span>` : nothing}
          <span part="history-meta" class="muted">${t.by[line.by]} · <time datetime=${line.at}>${date.format(new Date(line.at))}</time></span>
          ${line.review && host.review ? html`<button part="history-review" class="quiet" @click=${() => host.review?.(line.review as ConsentRequirement)}>${t.readAgain}</button>` : nothing}
        </li>`)}
      </ol>
      ${state.read.from === 'device' && lines.length ? html`<p part="history-note" class="muted">${t.onThisDevice}</p>` : nothing}
      ${older instanceof Error ? problem(host, older, host.older) : nothing}
      ${state.read.next && !(older instanceof Error) ? html`<button part="history-older" class="quiet" aria-busy=${older === 'loading' ? 'true' : 'false'} ?disabled=${older === 'loading'} @click=${host.older}>${t.older}</button>` : nothing}
    `;
  }
  return html`<div part="history">
    <h2 part="history-title">${t.title}</h2>
    <p part="history-intro" class="muted">${t.intro}</p>
    <div aria-live="polite">${body}</div>
  </div>`;
}

function problem(host: HistoryHost, error: unknown, retry: () => void) {
  return html`<div part="problem"><p part="message" role="alert">${errorText(error, host.messages)}</p>
    <div class="actions"><button part="retry" @click=${retry}>${host.messages.history.retry}</button></div></div>`;
}

/** Each entry as a sentence; what the server saw is shown only where no receipt says it already. */
function describe(entries: readonly LedgerEntry[], host: HistoryHost): Line[] {
  // The challenges and age checks a decision record already tells of.
  const decided = new Set(entries.flatMap((entry) => (entry.receipt?.kind === 'decision' ? [entry.receipt.challengeId, entry.receipt.verificationId].filter((id) => id !== undefined) : [])));
  return entries.flatMap((entry): Line[] => {
    const { receipt, observation } = entry;
    if (receipt?.kind === 'consent') return [consentLine(entry.id, receipt, host)];
    if (receipt?.kind === 'decision') return [decisionLine(entry.id, receipt, host)];
    if (observation) {
      const line = observationLine(observation, host.messages.history, decided);
      return line ? [{ id: entry.id, at: entry.recordedAt, by: line.by, text: line.text }] : [];
    }
    return [];
  });
}

function consentLine(id: string, receipt: ConsentReceipt, host: HistoryHost): Line {
  const t = host.messages.history;
  const which = receipt.consentType === 'legal' ? 'terms' : receipt.scope === 'server' ? 'serverRules' : 'gameRules';
  const text = (receipt.state === 'outdated' ? t.agreedUpdated : t.agreed)[which];
  const action = receipt.serverId ? ({ kind: 'join', serverId: receipt.serverId } as const) : ({ kind: 'ident' } as const);
  return {
    id,
    text,
    by: 'player',
    at: receipt.confirmedAt ?? receipt.consentTimestamp,
    ...(receipt.serverId ? { detail: t.server(receipt.serverId) } : {}),
    review: { scope: receipt.scope, state: receipt.state, type: receipt.consentType, action },
  };
}

function decisionLine(id: string, record: DecisionRecord, host: HistoryHost): Line {
  const t = host.messages.history;
  const names = host.features(record.permissions);
  const some = record.permissions.length > 0;
  let text: string;
  switch (record.outcome) {
    case 'granted':
      if (record.decidedBy === 'parent') text = some ? t.parentYes(names) : t.parentYesPlay;
      else if (record.decidedBy === 'age-check') text = t.ageCheckOn(names);
      else if (record.decidedBy === 'vendor-default') text = t.alreadyOn(names);
      else text = some ? t.youTurnedOn(names) : t.youSetUp;
      break;
    case 'denied':
      if (record.decidedBy === 'parent') text = some ? t.parentNo(names) : t.parentNoPlay;
      else text = t.notAvailable(names);
      break;
    case 'locked':
      text = record.decidedBy === 'parent' ? t.parentTurnedOff(names) : t.notAvailable(names);
      break;
    case 'age-verified':
      text = t.ageVerified;
      break;
    case 'age-check-failed':
      text = t.ageCheckFailed;
      break;
  }
  return { id, text, by: record.decidedBy, at: record.decidedAt };
}

/** A webhook or an answer the server saw, in words, when it is a decision the receipts do not already tell. */
function observationLine(observation: ServerObservation, t: Messages['history'], decided: ReadonlySet<string>): { text: string; by: By } | undefined {
  const { event, status, challengeId } = observation;
  if (event === 'Session.Delete') return { text: t.accountReset, by: 'parent' };
  if (event === 'Session.ChangePermissions') return { text: t.parentChanged, by: 'parent' };
  if (event === 'Challenge.StateChange' && challengeId && !decided.has(challengeId)) {
    if (status === 'PASS') return { text: t.parentYesPlay, by: 'parent' };
    if (status === 'FAIL') return { text: t.parentNoPlay, by: 'parent' };
  }
  if ((event === 'Verification.Result' || event === 'AgeAssurance.Result') && !decided.has(observation.verificationId ?? '')) {
    if (status === 'PASS') return { text: t.ageVerified, by: 'age-check' };
    if (status === 'FAIL') return { text: t.ageCheckFailed, by: 'age-check' };
  }
  return undefined;
}
