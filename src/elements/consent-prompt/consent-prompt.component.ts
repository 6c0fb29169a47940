import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consentsKit } from '../provider/kits/consents.js';
import type { ConsentFlowState, GuardedAction } from '../../flows/consent-flow.js';
import type { LazyConsentFlow } from '../../flows/lazy-consent-flow.js';
import type { KeyValueStorage } from '../../flows/storage.js';
import type { ConsentDocument, ConsentRequirement, JoinTicket, PlayerSession } from '../../model/consent.js';
import type { Showing } from './consent-panel.js';
import { consentHeading } from './heading.js';
import { PlaygateError } from '../../model/error.js';
import type { IdentRequest } from '../../model/ports.js';
import { buttonStyles, tokens } from '../../styles/tokens.js';
import { PlaygateElement } from '../shared/base.js';
import { wrapTab } from '../shared/focus-wrap.js';
import { LazyController, lazyPart } from '../shared/lazy.js';
import { consentPromptStyles } from './consent-prompt.styles.js';
import { addEnglish } from '../../i18n/en.js';
import { consent } from '../../i18n/en/consent.js';

// The English words it speaks, with it.
addEnglish({ consent });
// Kept in the declaration files, so importing the element types its events (GlobalEventHandlersEventMap).
export type { PlaygateEventDetails } from '../shared/events.js';

const panelPart = lazyPart(() => import('./consent-panel.js'));

function showing(flow: ConsentFlowState): Showing | undefined {
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
export class PlaygateConsentPrompt extends PlaygateElement {
  static override styles = [tokens, buttonStyles, consentPromptStyles];
  static override kits = { consents: consentsKit };

  /** Show in the page's flow instead of as a modal dialog. */
  @property({ type: Boolean, reflect: true }) inline = false;

  /** Rounds before giving up with `consent_rounds_exceeded`. */
  @property({ type: Number, attribute: 'max-rounds' }) maxRounds = 5;

  /** Whether a document is on screen (reflected as the `open` attribute). Read-only: the flow decides. */
  get open(): boolean {
    return this.shown;
  }

  /** Where accepted-but-unsigned documents survive a reload. Local storage by default. */
  @property({ attribute: false }) storage: KeyValueStorage | undefined;

  @state() private flowState: ConsentFlowState = { state: 'idle' };
  /** The document was scrolled to its end (or needs no scrolling). */
  @state() private readToEnd = false;
  /** The panel's code, loaded when a round first needs the player. */
  private readonly panelView = new LazyController(this, panelPart);
  private shown = false;

  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('[part="document"]') private documentBox!: HTMLElement | null;

  private returnFocusTo: HTMLElement | undefined;
  /** The document last given focus, so each new one is focused once. */
  private focusedDocument: ConsentDocument | undefined;
  /** The document the reading box shows. */
  private boxDocument: ConsentDocument | undefined;
  private flow: LazyConsentFlow | undefined;
  private leave: (() => void) | undefined;

  /** Runs an action that consents may interrupt, until it goes through. */
  async guard<T>(action: GuardedAction<T>): Promise<T> {
    return (await this.rounds()).guard(action, this.run());
  }

  /** Player Ident, with every consent round it takes. */
  async identify(request: IdentRequest): Promise<PlayerSession> {
    return (await this.rounds()).identify(request, this.run());
  }

  /** Server Join, with every consent round it takes. */
  async joinServer(serverId: string, options: { password?: string } = {}): Promise<JoinTicket> {
    return (await this.rounds()).joinServer(serverId, options, this.run());
  }

  /**
   * Shows documents for reading only, e.g. a server's rules from its details page. Signed
   * ones say when the player agreed. Resolves when the player closes it.
   */
  async review(requirement: ConsentRequirement): Promise<void> {
    await (await this.rounds()).review(requirement, this);
  }

  private async rounds() {
    return (await this.ready()) ?? Promise.reject(new PlaygateError({ kind: 'bad_request', message: 'playgate-consent-prompt needs a <playgate-provider> with nodecraft-url' }));
  }

  /** How a run from this prompt goes. */
  private run() {
    // Its receipts say in which language, and under which heading, the player read.
    const heading = (requirement: ConsentRequirement) => consentHeading(this.t, requirement);
    return { origin: this, maxRounds: this.maxRounds, locale: this.words.locale, heading, ...(this.storage ? { storage: this.storage } : {}) };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.join(undefined);
  }

  /** Shows a runtime's consent flow, as one of its audience (none: leaves the last). */
  private join(flow: LazyConsentFlow | undefined): void {
    this.leave?.();
    this.leave = undefined;
    this.flow = flow;
    // An update may still come after it left the page: it must not join again then.
    if (!flow || !this.isConnected) return;
    this.onFlow(flow.state);
    const stops = [flow.attach(this, () => this.run()), flow.subscribe((next) => { this.onFlow(next); })];
    this.leave = () => {
      for (const stop of stops) stop();
    };
  }

  private onFlow(next: ConsentFlowState): void {
    const previous = showing(this.flowState);
    const now = showing(next);
    // A new document (or a new version of the same one) must be read to its end again; a review needs no reading.
    const documentOf = (shown: Showing | undefined) => (shown && 'document' in shown ? shown.document : undefined);
    const newDocument = documentOf(now) !== undefined && documentOf(now) !== documentOf(previous);
    if (now && (previous?.requirement !== now.requirement || newDocument)) this.readToEnd = now.state === 'reviewing';
    this.flowState = next;
    // The same state again: another prompt left, and this one may present it now.
    this.requestUpdate();
  }

  /** Whether the flow's conversation is drawn here (another prompt may present it). */
  private get presenting(): boolean {
    const presenter = this.runtime?.consent?.audience.presenter;
    return presenter === undefined || presenter === this;
  }

  /** Whether this update hides a prompt that was shown (focus goes back after it). */
  private closing = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new runtime (or its consent flow, come late), or back in the page: show that one.
    const flow = this.runtime?.consent;
    if (flow !== this.flow || (flow && !this.leave)) this.join(flow);
    // Set before rendering, so `open` changing costs no second update.
    const visible = showing(this.flowState) !== undefined && this.presenting;
    this.closing = this.shown && !visible;
    this.shown = visible;
    this.toggleAttribute('open', visible);
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
    if (!this.inline && current.state === 'reading' && current.document !== this.focusedDocument && this.documentBox) {
      this.focusedDocument = current.document;
      this.documentBox.focus();
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
    if (box.scrollTop + box.clientHeight < box.scrollHeight - 4) return;
    this.readToEnd = true;
    this.flow?.readToEnd();
  }

  protected override render() {
    const current = this.shown ? showing(this.flowState) : undefined;
    const body = current ? this.body(current) : nothing;
    if (this.inline) return body;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="lead" @cancel=${this.onCancel} @keydown=${this.onKeydown}>${body}</dialog>`;
  }

  /** The panel, or what stands in for it while its code comes (the first round only). */
  private body(current: Showing) {
    const view = this.panelView.value;
    if (view) return view.consentPanel({ ...this.answers, inline: this.inline, readToEnd: this.readToEnd, messages: this.t, locale: this.words.locale, dir: this.words.dir }, current);
    // The title stays (the dialog's name), and the player can always say no and leave.
    const decline = html`<button part="decline" class="quiet" @click=${this.answers.decline}>${this.t.consent.decline}</button>`;
    return html`<div part="panel" lang=${this.words.locale} dir=${this.words.dir}>
      <h2 id="title" part="title">${consentHeading(this.t, current.requirement)}</h2>
      ${this.panelView.placeholder({ messages: this.t, loading: this.t.consent.loading, retry: this.t.consent.retry }, 'loading', 'error', decline)}
    </div>`;
  }

  private readonly answers = {
    accept: () => this.flow?.accept(),
    decline: () => this.flow?.decline(),
    retry: () => this.flow?.retry(),
    close: () => this.flow?.close(),
    scrolled: () => {
      this.checkScrolled();
    },
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (this.dialog) wrapTab(event, this.dialog);
  };

  private onCancel = (event: Event) => {
    // Escape declines, like the Decline button; the flow decides what closes.
    event.preventDefault();
    if (this.flowState.state === 'reviewing') this.flow?.close();
    else this.flow?.decline();
  };
}

/** The focused element, through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

