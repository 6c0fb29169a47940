import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { identityKit } from '../provider/kits/identity.js';
import { permissionsKit } from '../provider/kits/permissions.js';
import { define } from '../shared/define.js';
import { sessionOf, type IdentityStatus, type KidStatus } from '../../flows/session-store.js';
import { duration, errorText } from '../../i18n/format.js';
import type { ConsentRequirement } from '../../model/consent.js';
import type { Identity } from '../../model/identity.js';
import type { ManagedBy, Session } from '../../model/permissions.js';
import { realTimers } from '../../flows/timers.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { FIRST_CONSENT_PARTS } from '../permission-request/rows.js';
import { PlaygateElement } from '../shared/base.js';
import { ClockController } from '../shared/clock-controller.js';
import { LazyController, lazyPart } from '../shared/lazy.js';
import { VerificationController } from '../shared/verification-controller.js';
import { badgeView, changesView } from './status-views.js';
import { HistoryController, historyPart } from './history-controller.js';
import { sessionStatusStyles } from './session-status.styles.js';
import { addEnglish } from '../../i18n/en.js';
import { ageCheck } from '../../i18n/en/age-check.js';
import { status } from '../../i18n/en/status.js';

// The English words it speaks, with it.
addEnglish({ ageCheck, status });
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';

/** Below this, the sign-in's remaining time is shown and counts down. */
const EXPIRY_WARNING_MS = 15 * 60 * 1000;
const GROUPS: readonly ManagedBy[] = ['PLAYER', 'GUARDIAN', 'PROHIBITED'];
const FIRST_CONSENT_EXPORTS = FIRST_CONSENT_PARTS.map((part) => `${part}: first-consent-${part}`).join(', ');

// The set-up's tag, as a subclass: the game may have registered the class itself.
const setUpPart = lazyPart(
  () => import('../permission-request/permission-request.component.js'),
  (module) => {
    define('playgate-permission-request', class extends module.PlaygatePermissionRequest {});
  },
);

/**
 * Who is signed in and with which scope, which permissions the session holds and who
 * manages them, and what changed since the last read: in words, announced, dismissible.
 * Reads everything from the nearest `<playgate-provider>`.
 *
 * @tagname playgate-session-status
 * @summary The player's account at a glance: a HUD badge, or the full picture.
 *
 * @csspart base - The box around everything.
 * @csspart identity - Who is signed in, and with which profile.
 * @csspart identity-name - "Signed in as …".
 * @csspart profile - The game profile played as (or that none is chosen).
 * @csspart profile-note - What works without a profile.
 * @csspart expires - How long the sign-in still lasts, when it ends soon.
 * @csspart account - The account's age band and region.
 * @csspart message - A state in words: loading, no account yet, an error, signed out.
 * @csspart badge - The compact layout's name and state.
 * @csspart dot - The compact layout's state light.
 * @csspart group - One group of permissions (you decide / a parent decides / not available).
 * @csspart group-title - A group's heading.
 * @csspart permissions - A group's list.
 * @csspart permission - One permission row.
 * @csspart changes - What changed, with its dismiss button.
 * @csspart changes-title - Its heading.
 * @csspart change-list - Its list.
 * @csspart change - One change, in words.
 * @csspart dismiss - The button that clears what changed.
 * @csspart problem - An error or an ended session, with what to do.
 * @csspart retry - The retry button.
 * @csspart session-id - The k-ID session id, for support.
 * @csspart verify - For an adult who has not proved it: why some features are locked, and the offer to check.
 * @csspart verify-text - Why.
 * @csspart verify-start - "Verify to unlock".
 * @csspart verify-outcome - The age check did not pass, or could not start, with a way to try again.
 * @csspart verify-outcome-text - What happened.
 * @csspart verify-retry - Its "Try again".
 * @csspart verify-dismiss - Its dismiss button.
 * @csspart age-check - The age check dialog (a `<playgate-age-check-dialog>`).
 * @csspart history - `layout="history"`: "What I agreed to", newest first.
 * @csspart history-title - Its heading.
 * @csspart history-intro - What it lists.
 * @csspart history-list - The list.
 * @csspart history-entry - One answer: `data-by` is `player`, `parent`, `age-check` or `vendor-default`.
 * @csspart history-text - What was agreed or decided, in words.
 * @csspart history-detail - Which server.
 * @csspart history-meta - Who decided, and when.
 * @csspart history-review - "Read it again", for a document.
 * @csspart history-message - Loading, or nothing yet.
 * @csspart history-note - Kept on this device only (no server ledger).
 * @csspart history-older - "Show older".
 * @csspart first-consent - With no session (or a revoked one), the set-up: a `<playgate-permission-request>`.
 * Its parts are passed on with a `first-consent-` prefix (`first-consent-age-select`,
 * `first-consent-challenge-qr` and the rest).
 *
 * @event playgate-age-verification-started - An unverified adult started proving their age here. Detail: `{ permissions: [] }`.
 * @event playgate-age-verified - The age check passed; the session is read once, and what opened up follows as `playgate-session-changed`. Detail: `{ permissions: [] }`.
 * @event playgate-age-verification-failed - The age check did not pass. Detail: `{ permissions: [] }`.
 *
 * @cssproperty --playgate-color-surface - Background.
 * @cssproperty --playgate-color-positive - Features that are on; the healthy state light.
 * @cssproperty --playgate-color-warning - The expiring-soon state light.
 * @cssproperty --playgate-color-danger - Errors and the ended-session state light.
 */
export class PlaygateSessionStatus extends PlaygateElement {
  static override styles = [tokens, buttonStyles, sessionStatusStyles];
  static override kits = { identity: identityKit, permissions: permissionsKit };

  /**
   * `full` (default): everything. `compact`: a HUD badge with the changes beside it.
   * `history`: "What I agreed to", the player's own record of answers.
   */
  @property({ reflect: true }) layout: 'full' | 'compact' | 'history' = 'full';

  /** The player's history, read only while `layout="history"` shows it. */
  private readonly history = new HistoryController(this);

  /** An unverified adult's own age check, started here. */
  private readonly verification = new VerificationController(this, () => this.runtime);
  /** A new player's set-up (a permission request in place): code loaded when first needed. */
  private readonly setUp = new LazyController(this, setUpPart);

  /** Ticks the expiry countdown; only runs while one is shown. */
  private readonly clock = new ClockController(this, 30_000, () => this.runtime?.timers ?? realTimers);

  /** The control that had focus when an update began, if any. */
  private focusedBefore: Element | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.focusedBefore = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(): void {
    // A control that goes away with its state (Dismiss, Try again) leaves focus here, not on
    // the page's body, so a keyboard or a pad goes on from the status.
    if (this.focusedBefore && !this.focusedBefore.isConnected) this.renderRoot.querySelector<HTMLElement>('[part="base"]')?.focus();
    this.focusedBefore = null;
  }

  protected override render() {
    const snapshot = this.connection.snapshot;
    if (!snapshot || !this.runtime) return html`<div part="base" role="status">${this.t.status.loading}</div>`;
    const compact = this.layout === 'compact';
    return html`
      <section part="base" tabindex="-1" lang=${this.words.locale} dir=${this.words.dir} aria-label=${this.t.status.regionLabel}>
        ${this.layout === 'history' ? this.renderHistory() : compact ? html`${badgeView(this.t, this.locale, snapshot.kid, snapshot.identity, this.expiringSoon(snapshot.identity) !== undefined, this.retryButton())}${this.renderVerify(sessionOf(snapshot.kid))}` : html`${this.renderIdentity(snapshot.identity)}${this.renderKid(snapshot.kid)}`}
        <div role="status" aria-live="polite">${changesView(this.t, this.runtime.store, snapshot.changes, (name) => this.label(name))}</div>
      </section>
    `;
  }

  /** "What I agreed to": the ledger's (or this device's) record, once its code has come. */
  private renderHistory() {
    const runtime = this.runtime;
    const view = historyPart.loaded;
    if (!runtime) return nothing;
    this.history.show(runtime);
    if (!view) {
      if (!historyPart.failed) void historyPart.load().then(() => { this.requestUpdate(); }, () => { this.requestUpdate(); });
      return historyPart.failed
        ? html`<p part="message" role="alert">${this.t.errors.network}</p><div class="actions"><button part="retry" @click=${() => void historyPart.load().finally(() => { this.requestUpdate(); })}>${this.t.status.retry}</button></div>`
        : html`<p part="message" role="status">${this.t.status.loading}</p>`;
    }
    const review = runtime.consent ? (requirement: ConsentRequirement) => void runtime.review(requirement, this).catch(() => undefined) : undefined;
    return view.historyView({
      messages: this.t,
      locale: this.locale,
      features: (names) => new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(names.map((name) => this.label(name))),
      retry: () => void this.history.reload(),
      older: () => void this.history.older(),
      ...(review ? { review } : {}),
    }, this.history.state);
  }

  private renderIdentity(identity: IdentityStatus) {
    if (identity.state === 'unconfigured') return nothing;
    if (identity.state === 'signed-out') return html`<div part="identity"><p part="message">${this.t.status.signedOut}</p></div>`;
    if (identity.state === 'expired') return html`<div part="identity problem"><p part="message" role="alert">${this.t.status.expired}</p></div>`;
    return this.renderSignedIn(identity.identity);
  }

  private renderSignedIn(identity: Identity) {
    const user = identity.user.displayName ?? identity.user.name;
    const remaining = this.expiringSoon({ state: 'active', identity });
    return html`
      <div part="identity">
        <h2 part="identity-name">${this.t.status.signedInAs(user)}</h2>
        ${identity.profile
          ? html`<p part="profile">${this.t.status.playingAs(identity.profile.displayName)}</p>`
          : html`<p part="profile">${this.t.status.noProfile}</p><p part="profile-note" class="muted">${this.t.status.profileOnly}</p>`}
        ${remaining !== undefined ? html`<p part="expires" class="muted">${this.t.status.expiresIn(duration(remaining, this.locale))}</p>` : nothing}
      </div>
    `;
  }

  private renderKid(kid: KidStatus) {
    switch (kid.state) {
      case 'unconfigured':
        return nothing;
      case 'loading':
        return html`<p part="message">${this.t.status.loading}</p>`;
      case 'no-session':
        return html`<p part="message">${this.t.status.noSession}</p>${this.firstConsent()}`;
      case 'revoked':
        return html`<div part="problem"><p part="message" role="alert">${this.t.status.revoked}</p></div>${this.firstConsent()}`;
      case 'error':
        return html`
          <div part="problem">
            <p part="message" role="alert">${this.t.status.error} ${errorText(kid.error, this.t)}</p>
            <div class="actions">${this.retryButton()}</div>
          </div>
          ${kid.session ? this.renderSession(kid.session) : nothing}
        `;
      case 'active':
        return this.renderSession(kid.session);
    }
  }

  /** No session yet, or a revoked one: the age gate and a parent's consent, in place. */
  private firstConsent() {
    if (!this.runtime?.requests) return nothing;
    if (!this.setUp.value) return this.setUp.placeholder({ messages: this.t, loading: this.t.status.loading, retry: this.t.status.retry });
    return html`<playgate-permission-request part="first-consent" exportparts=${FIRST_CONSENT_EXPORTS} hide-intro></playgate-permission-request>`;
  }

  private renderSession(session: Session) {
    const label = (name: string) => this.label(name);
    // An adult k-ID has not verified: what a parent would decide for a minor waits for their age check.
    const unverified = session.ageVerification === 'unverified';
    return html`
      <p part="account" class="muted">
        ${session.ageStatus ? this.t.status.ageStatus[session.ageStatus] : nothing}${session.ageStatus && session.jurisdiction ? ' · ' : ''}${session.jurisdiction
          ? this.t.status.region(session.jurisdiction)
          : nothing}
      </p>
      ${this.layout === 'full' ? html`<p class="muted" part="session-id">${this.t.status.account(session.sessionId)}</p>` : nothing}
      ${this.renderVerify(session)}
      ${GROUPS.map((group) => {
        const rows = session.permissions.filter((p) => p.managedBy === group);
        if (rows.length === 0) return nothing;
        return html`
          <div part="group" data-group=${group}>
            <h3 part="group-title">${unverified && group === 'GUARDIAN' ? this.t.ageCheck.verifyToUnlock : this.t.status.groups[group]}</h3>
            <ul part="permissions">
              ${rows.map(
                (p) => html`<li part="permission" data-permission=${p.name}>
                  <span>${label(p.name)}</span>
                  ${group === 'PROHIBITED' ? nothing : html`<span class=${p.enabled ? 'state-on' : 'muted'}>${p.enabled ? this.t.status.on : this.t.status.off}</span>`}
                </li>`,
              )}
            </ul>
          </div>
        `;
      })}
    `;
  }

  /** An adult who has not proved it: a standing offer to check their age, and the check itself. */
  private renderVerify(session: Session | undefined) {
    const offer = session?.ageVerification === 'unverified' && this.verification.available;
    return html`
      ${offer
        ? html`<div part="verify"><p part="verify-text">${this.t.ageCheck.unverifiedLead}</p><button part="verify-start" @click=${() => { this.verification.start(); }}>${this.t.ageCheck.verifyToUnlock}</button></div>`
        : nothing}
      ${this.verification.view(this.t, this.locale)}
    `;
  }

  private retryButton() {
    return html`<button part="retry" @click=${() => void this.runtime?.refresh()}>${this.t.status.retry}</button>`;
  }

  private get locale(): string {
    return this.words.locale;
  }

  /** Milliseconds left when the sign-in ends within the warning window. */
  private expiringSoon(identity: IdentityStatus): number | undefined {
    if (identity.state !== 'active') return undefined;
    const left = identity.identity.expiresAt - this.clock.now;
    const soon = left > 0 && left < EXPIRY_WARNING_MS;
    this.clock.run(soon);
    return soon ? left : undefined;
  }
}
