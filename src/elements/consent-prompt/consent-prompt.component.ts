import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consentsKit } from '../provider/kits/consents.js';
import { registerKit } from '../provider/kits.js';
import { ConsentFlow, type ConsentFlowEvent, type ConsentFlowState, type GuardedAction } from '../../flows/consent-flow.js';
import { safeStorage, type KeyValueStorage } from '../../flows/storage.js';
import type { Messages } from '../../i18n/en.js';
import { errorText, integer } from '../../i18n/format.js';
import type { ConsentDocument, ConsentRequirement, JoinTicket, PlayerSession } from '../../model/consent.js';
import { PlaygateError } from '../../model/error.js';
import type { IdentRequest } from '../../model/ports.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { clientContext, ensureContextRoot, type PlaygateClient } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { wrapTab } from '../shared/focus-wrap.js';
import { LocaleController } from '../shared/locale-controller.js';
import { consentPromptStyles } from './consent-prompt.styles.js';
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';

/** Reading documents already answered (say, a server's rules from its details page). */
interface Reviewing {
  state: 'reviewing';
  round: number;
  requirement: ConsentRequirement;
  document: ConsentDocument;
}

type Showing = Extract<ConsentFlowState, { state: 'loading' | 'reading' | 'signing' | 'error' }> | Reviewing;

function showing(flow: ConsentFlowState | Reviewing): Showing | undefined {
  return flow.state === 'loading' || flow.state === 'reading' || flow.state === 'signing' || flow.state === 'error' || flow.state === 'reviewing' ? flow : undefined;
}

/**
 * Terms and rules a player must accept before the game may sign them in or let them
 * join a server. It fetches each round's document, lets the player read it to the end,
 * signs exactly once, and retries the interrupted action, round after round.
 *
 * @tagname playgate-consent-prompt
 * @summary Nodecraft's consent rounds: read, accepted, signed once, retried.
 *
 * @event playgate-consent-required - A round needs the player. Detail: `{ scope, type, state, round }`.
 * @event playgate-consent-accepted - The player accepted. Detail: `{ scope, type, state, pageIds }`.
 * @event playgate-consent-declined - The player declined; the action was not retried. Detail: `{ scope, type, state }`.
 * @event playgate-consent-completed - The action went through. Detail: `{ rounds }`.
 *
 * @csspart dialog - The modal dialog (absent with `inline`).
 * @csspart panel - The visible box.
 * @csspart title - The document's name.
 * @csspart lead - What is asked (or, in a review, when it was agreed to).
 * @csspart loading - "Loading…" while the document comes.
 * @csspart step - "Step 2 of 3" when there are several rounds (the total where the backend tells it).
 * @csspart document - The scrollable text to read.
 * @csspart hint - Why Accept is not yet enabled.
 * @csspart error - What went wrong.
 * @csspart accept - The accept button.
 * @csspart decline - The decline button.
 * @csspart retry - The retry button.
 * @csspart close - Closes a document shown with `review()`.
 *
 * @cssproperty --playgate-backdrop - The modal's backdrop.
 */
export class PlaygateConsentPrompt extends LitElement {
  static override styles = [tokens, buttonStyles, consentPromptStyles];
  // Done when one is made, so the class works imported alone (no side effects) and
  // defined under a game's own tag: the context replay, its adapters for the provider,
  // the tags it renders.
  constructor() {
    super();
    ensureContextRoot();
    registerKit('consents', consentsKit);
  }

  /** Show in the page's flow instead of as a modal dialog. */
  @property({ type: Boolean, reflect: true }) inline = false;

  /** Rounds before giving up with `consent_rounds_exceeded`. */
  @property({ type: Number, attribute: 'max-rounds' }) maxRounds = 5;

  /** Reflects whether a document is on screen. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Where accepted-but-unsigned documents survive a reload. Local storage by default. */
  @property({ attribute: false }) storage: KeyValueStorage | undefined;

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: PlaygateClient | undefined;

  @state() private flowState: ConsentFlowState | Reviewing = { state: 'idle' };
  private endReview: (() => void) | undefined;
  /** The document was scrolled to its end (or needs no scrolling). */
  @state() private readToEnd = false;

  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('[part="document"]') private documentBox!: HTMLElement | null;

  private flow: ConsentFlow | undefined;
  private returnFocusTo: HTMLElement | undefined;
  /** The document last given focus, so each new one is focused once. */
  private focusedDocument: ConsentDocument | undefined;
  /** The document the reading box shows. */
  private boxDocument: ConsentDocument | undefined;

  /** Runs an action that consents may interrupt, until it goes through. */
  async guard<T>(action: GuardedAction<T>): Promise<T> {
    // Called in the same task that put the elements in the page, the provider has not
    // handed its client over yet: it does in its first update, which comes before ours.
    if (!this.client && this.isConnected) await this.updateComplete;
    const consents = this.client?.consents;
    if (!consents) throw new PlaygateError({ kind: 'bad_request', message: 'playgate-consent-prompt needs a <playgate-provider> with nodecraft-url' });
    this.flow = new ConsentFlow({
      consents,
      storage: this.storage ?? safeStorage(() => localStorage),
      maxRounds: this.maxRounds,
      onChange: (next, event) => {
        this.onFlow(next, event);
      },
    });
    return this.flow.run(action);
  }

  /** Player Ident, with every consent round it takes. */
  identify(request: IdentRequest): Promise<PlayerSession> {
    return this.guard((accepted) => this.requireConsents().identify(request, accepted));
  }

  /** Server Join, with every consent round it takes. */
  joinServer(serverId: string, options: { password?: string } = {}): Promise<JoinTicket> {
    return this.guard(() => this.requireConsents().joinServer(serverId, options));
  }

  /**
   * Shows documents for reading only, e.g. a server's rules from its details page. Signed
   * ones say when the player agreed. Resolves when the player closes it.
   */
  async review(requirement: ConsentRequirement): Promise<void> {
    const document = await this.requireConsents().getDocument(requirement);
    this.readToEnd = true;
    this.flowState = { state: 'reviewing', round: 1, requirement, document };
    await new Promise<void>((resolve) => {
      this.endReview = resolve;
    });
  }

  private closeReview = () => {
    this.flowState = { state: 'idle' };
    this.endReview?.();
    this.endReview = undefined;
  };

  private requireConsents() {
    const consents = this.client?.consents;
    if (!consents) throw new PlaygateError({ kind: 'bad_request', message: 'No consents backend' });
    return consents;
  }

  private readonly words = new LocaleController(this, () => this.client);

  private get t(): Messages {
    return this.words.messages;
  }

  private onFlow(next: ConsentFlowState, event?: ConsentFlowEvent): void {
    const previous = showing(this.flowState);
    const now = showing(next);
    // A new document (or a new version of the same one) must be read to its end again.
    const documentOf = (shown: Showing | undefined) => (shown && 'document' in shown ? shown.document : undefined);
    const newDocument = documentOf(now) !== undefined && documentOf(now) !== documentOf(previous);
    if (now && (previous?.requirement !== now.requirement || newDocument)) this.readToEnd = false;
    this.flowState = next;
    if (event) this.announce(event);
  }

  private announce(event: ConsentFlowEvent): void {
    if (event.type === 'completed') {
      emit(this, 'playgate-consent-completed', { rounds: event.rounds });
      return;
    }
    const { scope, type, state } = event.requirement;
    const base = { scope, state, ...(type ? { type } : {}) };
    if (event.type === 'required') emit(this, 'playgate-consent-required', { ...base, round: event.round });
    else if (event.type === 'accepted') emit(this, 'playgate-consent-accepted', { ...base, pageIds: event.document.pages.map((p) => p.pageId) });
    else emit(this, 'playgate-consent-declined', base);
  }

  /** Whether this update hides a prompt that was shown (focus goes back after it). */
  private closing = false;

  protected override willUpdate(): void {
    // Set before rendering, so `open` changing costs no second update.
    const visible = showing(this.flowState) !== undefined;
    this.closing = this.open && !visible;
    this.open = visible;
  }

  protected override updated(): void {
    const visible = this.open;
    const closing = this.closing;
    if (!this.inline && this.dialog) {
      if (visible && !this.dialog.open) {
        this.returnFocusTo = deepActiveElement();
        this.dialog.showModal();
      } else if (!visible && this.dialog.open) {
        this.dialog.close();
      }
    }
    if (closing && this.returnFocusTo) {
      this.returnFocusTo.focus();
      this.returnFocusTo = undefined;
    }
    // In the modal, a new document takes focus, so the keys scroll it and it is read out.
    const current = this.flowState;
    if (!this.inline && current.state === 'reading' && current.document !== this.focusedDocument) {
      this.focusedDocument = current.document;
      this.documentBox?.focus();
    }
    // The box is reused for the next document: start it at the top, not where the last one ended.
    const onScreen = 'document' in current ? current.document : undefined;
    if (onScreen !== this.boxDocument) {
      this.boxDocument = onScreen;
      if (this.documentBox) this.documentBox.scrollTop = 0;
    }
    this.checkScrolled();
  }

  /** Nodecraft's own rule: accept only once the end was seen, or nothing needs scrolling. */
  private checkScrolled(): void {
    const box = this.documentBox;
    if (!box || this.readToEnd) return;
    if (box.scrollTop + box.clientHeight >= box.scrollHeight - 4) this.readToEnd = true;
  }

  protected override render() {
    const current = showing(this.flowState);
    if (this.inline) return current ? this.panel(current) : nothing;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="lead" @cancel=${this.onCancel} @keydown=${this.onKeydown}>${current ? this.panel(current) : nothing}</dialog>`;
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (this.dialog) wrapTab(event, this.dialog);
  };

  private onCancel = (event: Event) => {
    // Escape declines, like the Decline button; the flow decides what closes.
    event.preventDefault();
    if (this.flowState.state === 'reviewing') this.closeReview();
    else this.flow?.decline();
  };

  private heading(requirement: ConsentRequirement): string {
    const type = requirement.type ?? (requirement.scope === 'server' ? 'rules' : 'legal');
    if (type === 'legal') return this.t.consent.title.legal;
    return requirement.scope === 'server' ? this.t.consent.title.serverRules : this.t.consent.title.gameRules;
  }

  private lead(requirement: ConsentRequirement): string {
    if (requirement.state === 'missing') return this.t.consent.missing;
    return requirement.type === 'rules' || requirement.scope === 'server' ? this.t.consent.outdatedRules : this.t.consent.outdated;
  }

  private panel(current: Showing) {
    const { requirement } = current;
    const document: ConsentDocument | undefined = 'document' in current ? current.document : undefined;
    const locale = this.words.locale;
    return html`
      <div part="panel" lang=${locale} dir=${this.words.dir} role=${this.inline ? 'region' : nothing} aria-labelledby=${this.inline ? 'title' : nothing}>
        ${this.stepLine(current, locale)}
        <h2 id="title" part="title">${this.heading(requirement)}</h2>
        <p id="lead" part="lead">${current.state === 'reviewing' && document?.status === 'signed' && document.signedAt
          ? this.t.consent.agreedOn(new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(document.signedAt)))
          : this.lead(requirement)}</p>
        ${document
          ? html`<div part="document" tabindex="0" role="document" aria-label=${this.heading(requirement)} @scroll=${() => { this.checkScrolled(); }}>${document.content}</div>`
          : current.state === 'loading' || (current.state === 'error' && current.step === 'load')
            ? html`<p part="loading" role="status">${current.state === 'loading' ? this.t.consent.loading : ''}</p>`
            : nothing}
        ${current.state === 'error' ? this.errorBlock(current) : nothing}
        ${this.actions(current)}
      </div>
    `;
  }

  /** "Step 2 of 3" when the backend told how many rounds; "Step 2" from the second round otherwise. */
  private stepLine(current: Showing, locale: string) {
    const total = 'total' in current ? current.total : undefined;
    const round = integer(current.round, locale);
    if (total !== undefined && total > 1) return html`<p part="step">${this.t.consent.stepOf(round, integer(total, locale))}</p>`;
    return current.round > 1 ? html`<p part="step">${this.t.consent.step(round)}</p>` : nothing;
  }

  private errorBlock(current: Extract<Showing, { state: 'error' }>) {
    const what = current.step === 'load' ? this.t.consent.loadFailed : this.t.consent.signFailed;
    return html`<p part="error" role="alert">${what} ${errorText(current.error, this.t)}</p>`;
  }

  private actions(current: Showing) {
    if (current.state === 'reviewing') {
      return html`<div class="actions"><button part="close" @click=${this.closeReview}>${this.t.consent.close}</button></div>`;
    }
    // While an answer is being saved it can no longer be taken back.
    const decline = html`<button part="decline" class="quiet" ?disabled=${current.state === 'signing'} @click=${() => { this.flow?.decline(); }}>${this.t.consent.decline}</button>`;
    if (current.state === 'error') {
      return html`<div class="actions">${decline}<button part="retry" @click=${() => { this.flow?.retry(); }}>${this.t.consent.retry}</button></div>`;
    }
    const signing = current.state === 'signing';
    const ready = current.state === 'reading' && this.readToEnd;
    return html`
      ${current.state === 'reading' && !this.readToEnd ? html`<p id="hint" part="hint">${this.t.consent.scrollHint}</p>` : nothing}
      <div class="actions">
        ${decline}
        <button part="accept" ?disabled=${!ready} aria-describedby=${ready ? nothing : 'hint'} aria-busy=${signing ? 'true' : 'false'} @click=${() => { this.flow?.accept(); }}>
          ${signing ? this.t.consent.signing : this.t.consent.accept}
        </button>
      </div>
    `;
  }
}

/** The focused element, through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

