import { html, nothing } from 'lit';
import { sessionOf, type IdentityStatus, type KidStatus } from '../../flows/session-store.js';
import type { Messages } from '../../i18n/en.js';
import { integer, plural } from '../../i18n/format.js';
import { describeChanges } from '../../i18n/changes.js';
import type { SessionStore } from '../../flows/session-store.js';

/** The compact layout's badge: who, the state light, and how many features are on. */
export function badgeView(messages: Messages, locale: string, kid: KidStatus, identity: IdentityStatus, expiringSoon: boolean, retry: unknown) {
  const t = messages.status;
  const who = identity.state === 'active' ? (identity.identity.profile?.displayName ?? identity.identity.user.displayName ?? identity.identity.user.name) : undefined;
  const session = sessionOf(kid);
  const bad = kid.state === 'revoked' || kid.state === 'error' || identity.state === 'expired';
  let text: string;
  if (identity.state === 'expired') text = t.expired;
  else if (kid.state === 'loading') text = t.loading;
  else if (kid.state === 'revoked') text = t.revoked;
  else if (kid.state === 'error') text = t.error;
  else if (session?.ageStatus) text = t.ageStatus[session.ageStatus];
  else text = who ? t.signedInAs(who) : t.signedOut;
  const enabled = session ? session.permissions.filter((p) => p.enabled).length : undefined;
  return html`
    <div class="pill">
    <span part="badge">
      <span part="dot" class=${bad ? 'bad' : expiringSoon ? 'warn' : ''} aria-hidden="true"></span>
      ${who && !bad ? html`<span>${who}</span><span class="muted">·</span>` : nothing}
      <span>${text}</span>
      ${session && enabled !== undefined && !bad
        ? html`<span class="muted">${plural(t.enabledCount, session.permissions.length, locale, { on: integer(enabled, locale), total: integer(session.permissions.length, locale) })}</span>`
        : nothing}
    </span>
    ${kid.state === 'error' ? retry : nothing}
    </div>
  `;
}

/** What changed since the last read, in words, with the button that clears it. */
export function changesView(messages: Messages, store: SessionStore, changes: SessionStore['snapshot']['changes'], label: (name: string) => string) {
  const lines = changes.flatMap((diff) => describeChanges(diff, messages, label));
  if (lines.length === 0) return nothing;
  return html`
    <div part="changes">
      <h3 part="changes-title">${messages.status.changesHeading}</h3>
      <ul part="change-list">
        ${lines.map((line) => html`<li part="change">${line}</li>`)}
      </ul>
      <button part="dismiss" class="quiet" @click=${() => { store.dismissChanges(); }}>${messages.status.dismiss}</button>
    </div>
  `;
}
