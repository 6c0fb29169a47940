import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { permissionsKit } from '../provider/kits/permissions.js';
import type { PermissionRequests, RequestState } from '../../flows/permission-requests.js';
import { sessionOf } from '../../flows/session-store.js';
import { errorText } from '../../i18n/format.js';
import type { Session } from '../../model/permissions.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { PlaygateElement } from '../shared/base.js';
import { LazyController } from '../shared/lazy.js';
import { conversationPart } from './conversation-part.js';
import { VerificationController } from '../shared/verification-controller.js';
import { permissionRequestStyles } from './permission-request.styles.js';
import { listConverter } from './rows.js';
import { rowsView } from './rows-view.js';
import { firstConsentView } from './first-consent-view.js';
import { addEnglish } from '../../i18n/en.js';
import { ageCheck } from '../../i18n/en/age-check.js';
import { request } from '../../i18n/en/request.js';
import { status } from '../../i18n/en/status.js';

// The English words it speaks, with it.
addEnglish({ ageCheck, request, status });
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';
export { FIRST_CONSENT_PARTS } from './rows.js';

/**
 * The player asks for a feature. One row per permission in the session, worded by its
 * state: PLAYER-managed ones turn on at once; GUARDIAN-managed ones become a challenge a
 * parent answers on their own device (QR code, one-time code or email), which this
 * element waits out, across reloads. With no session yet (a new player, or after a
 * revoke), it runs the first consent: the age gate, then the same challenge panel.
 *
 * @tagname playgate-permission-request
 * @summary Ask for a feature, and wait for a parent when one must say yes.
 *
 * @slot - With `name`: the feature's content, shown once the permission is on.
 *
 * @event playgate-permission-granted - Features were turned on (or a first consent finished: empty list). Detail: `{ permissions }`.
 * @event playgate-permission-denied - A parent said no, or the feature is not available (`prohibited`), or the answer was yes and the session still shows it off (`not-available` below its age threshold, `turned-off` by a parent). Detail: `{ permissions, reason }`.
 * @event playgate-challenge-created - A parent (or an age check) must answer. Detail: `{ challengeId, kind, type, permissions }`; never the code or link.
 * @event playgate-challenge-resolved - The parent answered. Detail: `{ challengeId, kind, status, permissions }`.
 * @event playgate-age-verification-started - The player started proving their own age: for a threshold feature (`{ permissions }`), or as an unverified adult (`{ permissions: [] }`).
 * @event playgate-limited-access - A parent is asked, and meanwhile the player may play in a limited mode (the game's choice to allow): the wait goes on. Detail: `{ challengeId, permissions }` (the features on meanwhile).
 * @event playgate-age-verified - The age check passed (what it turned on follows as `playgate-permission-granted`). Detail: `{ permissions }`.
 * @event playgate-age-verification-failed - The age check did not pass; the player may try again. Detail: `{ permissions }`.
 *
 * @csspart base - The box around everything.
 * @csspart message - A state in words: loading, an error, no account yet, waiting, working.
 * @csspart retry - A retry button (after an error, or "Ask again").
 * @csspart list - The list of rows.
 * @csspart row - One permission.
 * @csspart label - A permission's name.
 * @csspart state - A permission's state in words.
 * @csspart action - A row's button.
 * @csspart outcome - Approved, denied or failed, with what to do next.
 * @csspart outcome-text - The outcome in words.
 * @csspart dismiss - Clears the outcome.
 * @csspart age-gate - The first consent's age form.
 * @csspart age-title - "How old are you?".
 * @csspart age-lead - Why the age is asked.
 * @csspart birth-date - The day, month and year fields together.
 * @csspart age-field - One field with its label.
 * @csspart age-select - One field's picker.
 * @csspart age-problem - What is wrong with the answer.
 * @csspart age-submit - The continue button.
 * @csspart challenge - The challenge panel (itself a `<playgate-challenge-panel>`). Its own
 * parts are exported with a `challenge-` prefix: `challenge-title`, `challenge-qr`,
 * `challenge-code`, `challenge-close` and the rest.
 * @csspart verify-outcome - An unverified adult's age check did not pass, or could not start, with a way to try again.
 * @csspart verify-outcome-text - What happened.
 * @csspart verify-retry - Its "Try again".
 * @csspart verify-dismiss - Its dismiss button.
 * @csspart age-check - The age check dialog (a `<playgate-age-check-dialog>`), with its parts
 * exported as `age-check-dialog`, `age-check-bar`, `age-check-title`, `age-check-close`, `age-check-frame`.
 *
 * @cssproperty --playgate-color-positive - Features that are on.
 */
export class PlaygatePermissionRequest extends PlaygateElement {
  static override styles = [tokens, buttonStyles, permissionRequestStyles];
  static override kits = { permissions: permissionsKit };

  /** Show only these permissions (`permissions="voice-chat,text-chat-private"`). Default: all. */
  @property({ converter: listConverter }) permissions: string[] | undefined;

  /** Gate mode: one permission; the slotted content shows once it is on. */
  @property({ reflect: true }) name = '';

  /** Leave out why an account needs setting up, when the page around already says it. */
  @property({ type: Boolean, attribute: 'hide-intro', reflect: true }) hideIntro = false;

  @state() private request: RequestState = { state: 'idle' };
  /** An unverified adult's own age check, started from a row here. */
  private readonly verification = new VerificationController(this, () => this.runtime);
  /** The age gate and the wait's panel or dialog: code loaded when first needed. */
  private readonly conversation = new LazyController(this, conversationPart);
  /** The player closed the panel; the wait goes on and the row offers it again. */
  @state() private panelHidden = false;

  private requests: PermissionRequests | undefined;
  private leave: (() => void) | undefined;
  private focusNext: 'panel' | 'outcome' | 'age-gate' | 'reopen' | 'content' | undefined;
  /** Focus follows the conversation only once the player took part in it here, never on a resumed wait. */
  private playerActed = false;

  /** Asks for a feature, as its row's button does. */
  async ask(permission: string): Promise<void> {
    const requests = (await this.ready())?.requests;
    if (!requests) return;
    this.panelHidden = false;
    this.playerActed = true;
    await requests.request([permission], { origin: this });
  }

  /** Starts the first consent (age gate, then a parent), as the "Set up" button does. */
  async setUp(): Promise<void> {
    const requests = (await this.ready())?.requests;
    if (!requests) return;
    this.panelHidden = false;
    this.playerActed = true;
    this.focusNext = 'age-gate';
    await requests.startAgeGate(this.settings?.jurisdiction ?? '', { origin: this });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.join(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new runtime (or its requests, come late), or back in the page: show those.
    const requests = this.runtime?.requests;
    if (requests !== this.requests || (requests && !this.leave)) this.join(requests);
  }

  /** Shows a runtime's requests, as one of their audience (none: leaves the last). */
  private join(requests: PermissionRequests | undefined): void {
    this.leave?.();
    this.leave = undefined;
    this.requests = requests;
    if (!requests || !this.isConnected) return;
    this.request = requests.state;
    const stops = [requests.subscribe((next) => { this.onRequest(next); }), requests.attach(this)];
    this.leave = () => {
      for (const stop of stops) stop();
    };
  }

  /** Whether the conversation is drawn here (another element may present it). */
  private get presenting(): boolean {
    return this.requests?.audience.presenter === this;
  }

  protected override updated(): void {
    const target = this.focusNext;
    if (!target || !this.presenting) return;
    const selector = { panel: 'playgate-challenge-panel', 'age-gate': '#age-title', reopen: '[data-action="show-code"]', outcome: '[part~="outcome"]', content: '' }[target];
    const element = target === 'content' ? this.querySelector<HTMLElement>('button, a[href], input, select, textarea, [tabindex]') : this.renderRoot.querySelector<HTMLElement>(selector);
    // The conversation's code may still be coming: focus waits for it.
    if (!element && !conversationPart.loaded) return;
    this.focusNext = undefined;
    element?.focus();
  }

  private onRequest(next: RequestState): void {
    const before = this.request.state;
    this.request = next;
    // The same state again: the element that presented it left, and this one may now.
    this.requestUpdate();
    // A conversation is starting: its code is fetched now, if the idle time did not.
    if (next.state === 'requesting') this.conversation.fetch();
    if (!this.playerActed) return;
    if (next.state === 'waiting' && before !== 'waiting') this.focusNext = 'panel';
    if ((next.state === 'granted' || next.state === 'denied' || next.state === 'locked' || next.state === 'failed' || next.state === 'prohibited') && before !== next.state) {
      // In gate mode a grant swaps the row for the game's content: focus goes there.
      this.focusNext = next.state === 'granted' && this.name ? 'content' : 'outcome';
    }
  }

  protected override render() {
    const snapshot = this.connection.snapshot;
    const runtime = this.runtime;
    if (!snapshot || !runtime) return html`<div part="base" role="status">${this.t.status.loading}</div>`;
    if (!runtime.requests) return nothing;
    const kid = snapshot.kid;
    const session = sessionOf(kid);
    if (session && this.name) {
      const permission = session.permissions.find((p) => p.name === this.name);
      if (permission?.enabled) return html`<slot></slot>`;
    }
    let body;
    if (session) body = this.renderRows(session);
    else if (kid.state === 'loading') body = html`<p part="message" role="status">${this.t.status.loading}</p>`;
    else if (kid.state === 'error') body = html`<p part="message" role="alert">${this.t.status.error} ${errorText(kid.error, this.t)}</p><div class="actions"><button part="retry" @click=${() => void runtime.refresh()}>${this.t.status.retry}</button></div>`;
    else {
      body = firstConsentView({
        current: this.request,
        revoked: kid.state === 'revoked',
        presenting: this.presenting,
        panelHidden: this.panelHidden,
        messages: this.t,
        hideIntro: this.hideIntro,
        jurisdiction: this.settings?.jurisdiction ?? '',
        setUp: () => void this.setUp(),
        showPanel: this.showPanel,
      });
    }
    return html`<section part="base" lang=${this.words.locale} dir=${this.words.dir} aria-label=${this.t.request.regionLabel}>${body}${this.renderConversation()}${this.verification.view(this.t, this.words.locale)}</section>`;
  }

  private renderRows(session: Session) {
    const wanted = this.name ? [this.name] : this.permissions;
    // An empty list is a set-up problem at the vendor, not "everything locked" (k-ID's guide).
    if (session.permissions.length === 0) {
      return html`<p part="message" role="alert">${this.t.request.noFeatures}</p><div class="actions"><button part="retry" @click=${() => void this.runtime?.refresh()}>${this.t.status.retry}</button></div>`;
    }
    return rowsView({
      unverifiedAdult: session.ageVerification === 'unverified' && this.verification.available,
      verify: () => {
        this.verification.start();
      },
      permissions: wanted ? session.permissions.filter((p) => wanted.includes(p.name)) : session.permissions,
      request: this.request,
      panelHidden: this.panelHidden,
      messages: this.t,
      label: (name) => this.label(name),
      ask: (name) => void this.ask(name),
      showPanel: this.showPanel,
    });
  }

  private showPanel = () => {
    this.panelHidden = false;
    this.focusNext = 'panel';
  };

  /** The panel, the age gate or an outcome: only in the element that owns the conversation. */
  private renderConversation() {
    const current = this.request;
    const requests = this.requests;
    if (!requests || !this.presenting) return nothing;
    const t = this.t.request;
    const shown = current.state === 'age-gate' || (current.state === 'waiting' && !this.panelHidden);
    const views = shown ? this.conversation.value : undefined;
    if (shown && !views) return this.conversation.placeholder({ messages: this.t, loading: t.working, retry: t.retry });
    const features = (names: readonly string[]) => t.list(names.map((name) => this.label(name)), this.words.locale);
    switch (current.state) {
      case 'age-gate':
        return views?.ageGate(current, this.t, this.words.locale, (age) => void requests.checkAge(age));
      case 'waiting':
        if (this.panelHidden) return nothing;
        return views?.waitingView({
          waiting: current,
          timers: this.runtime?.timers,
          messages: this.t,
          locale: this.words.locale,
          features: current.pending.kind === 'upgrade' ? features(current.pending.permissions) : '',
          email: (address) => void requests.sendEmail(address),
          // The wait goes on; focus lands where the panel can be opened again.
          close: () => {
            this.panelHidden = true;
            this.focusNext = 'reopen';
          },
          hint: () => {
            requests.wake();
          },
        });
      case 'requesting':
        return html`<p part="message" role="status">${t.working}</p>`;
      case 'granted':
        return this.outcome(current.permissions.length ? t.granted(features(current.permissions)) : t.grantedSetUp, 'good');
      case 'denied':
        if (current.pending.kind === 'upgrade' && current.pending.ageCheck) return this.outcome(this.t.ageCheck.failed, 'muted', this.t.ageCheck.retry);
        return this.outcome(t.denied, 'muted', current.pending.kind === 'upgrade' ? t.askAgain : undefined);
      case 'locked':
        return this.outcome((current.reason === 'not-available' ? t.lockedBelowAge : t.lockedByParent)(features(current.permissions)), 'muted');
      case 'prohibited':
        return this.outcome(t.tooYoung, 'muted');
      case 'failed':
        return this.outcome(`${t.failed} ${errorText(current.error, this.t)}`, 'problem', t.retry);
      case 'idle':
        return nothing;
    }
  }

  private outcome(text: string, tone: 'good' | 'muted' | 'problem', retryLabel?: string) {
    const requests = this.requests;
    return html`
      <div part="outcome" class=${tone} tabindex="-1" role=${tone === 'problem' ? 'alert' : 'status'}>
        <p part="outcome-text">${text}</p>
        <div class="actions">
          ${retryLabel ? html`<button part="retry" @click=${() => { this.playerActed = true; void requests?.retry(); }}>${retryLabel}</button>` : nothing}
          <button part="dismiss" class="quiet" @click=${() => { requests?.dismiss(); }}>${this.t.request.dismiss}</button>
        </div>
      </div>
    `;
  }
}
