import type { ConsentDocument, ConsentRequirement } from '../model/consent.js';
import { isPlaygateError, PlaygateError } from '../model/error.js';
import { Audience } from './audience.js';
import { AcceptedAnswers, pagesKey } from './accepted-answers.js';
import type { ConsentFlowEvent, ConsentFlowOptions, ConsentFlowState, ConsentListener, ConsentRunOptions, GuardedAction, Round } from './consent-flow-types.js';
import { ConsentReceipts } from './receipts/consent-receipts.js';
import { RoundPlan } from './round-plan.js';

export type * from './consent-flow-types.js';

type Decision = 'accept' | 'decline' | 'retry';

/**
 * Runs an action that consents may interrupt: for each round, fetch the documents, wait
 * for the player, sign, and run the action again, until it succeeds or the cap is hit.
 * An acceptance is remembered until it is signed, so a reload never asks twice, and a
 * failed signature is checked before it is tried again, so nothing is signed twice.
 */
export class ConsentFlow {
  private current: ConsentFlowState = { state: 'idle' };
  private decide: ((decision: Decision | PlaygateError) => void) | undefined;
  /** Declined while nothing was waiting for an answer (the document was still loading). */
  private declinedEarly = false;
  private busy = false;
  private answers: AcceptedAnswers;
  private readonly receipts: ConsentReceipts;
  private disposed = false;
  private readonly listeners = new Set<ConsentListener>();
  private endReview: (() => void) | undefined;
  /** The prompts on the page, each with how its runs go; the presenter draws the documents and sends the events. */
  readonly audience: Audience<() => ConsentRunOptions>;

  constructor(private readonly options: ConsentFlowOptions) {
    this.answers = new AcceptedAnswers(options.storage);
    this.receipts = new ConsentReceipts(options.storage, options.consents.vendor ?? 'custom', options.now);
    this.audience = options.audience ?? new Audience();
  }

  get state(): ConsentFlowState {
    return this.current;
  }

  subscribe(listener: ConsentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Shows a document for reading only, e.g. a server's rules from its details page.
   * Resolves when `close()` is called. Not while a run is asking for consent.
   */
  async review(requirement: ConsentRequirement, { origin }: { origin?: object } = {}): Promise<void> {
    if (this.busy) throw new PlaygateError({ kind: 'conflict', message: 'A consent prompt is already running' });
    const document = await this.options.consents.getDocument(requirement);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a run may have started while the document came: it goes first.
    if (this.busy) throw new PlaygateError({ kind: 'conflict', message: 'A consent prompt is already running' });
    this.endReview?.();
    this.audience.startedBy(origin);
    this.set({ state: 'reviewing', round: 1, requirement, document });
    await new Promise<void>((resolve) => {
      this.endReview = resolve;
    });
  }

  /** A prompt that shows this flow; when the presenting one leaves, the others hear it and one takes over. */
  attach(view: object, settings: () => ConsentRunOptions): () => void {
    const leave = this.audience.join(view, settings);
    return () => {
      if (leave()) this.set(this.current);
    };
  }

  /** The provider was rebuilt: a run still going ends with `aborted`, rather than waiting for ever. */
  dispose(): void {
    this.disposed = true;
    this.answer(new PlaygateError({ kind: 'aborted', message: 'The consent prompt was replaced' }));
    this.close();
    this.listeners.clear();
  }

  /** Ends a review. */
  close(): void {
    if (this.current.state !== 'reviewing') return;
    this.set({ state: 'idle' });
    this.endReview?.();
    this.endReview = undefined;
  }

  /** The player accepts what they read. Ignored anywhere else (a double click included). */
  accept(): void {
    if (this.current.state === 'reading') this.answer('accept');
  }

  decline(): void {
    if (!['reading', 'error', 'loading'].includes(this.current.state)) return;
    if (this.decide) this.answer('decline');
    else this.declinedEarly = true;
  }

  retry(): void {
    if (this.current.state === 'error') this.answer('retry');
  }

  /** The end of the document being read is on screen: its receipt says when. */
  readToEnd(): void {
    if (this.current.state === 'reading') this.receipts.readToEnd();
  }

  async run<T>(action: GuardedAction<T>, options: ConsentRunOptions = {}): Promise<T> {
    if (this.busy) throw new PlaygateError({ kind: 'conflict', message: 'A consent prompt is already running' });
    this.busy = true;
    this.declinedEarly = false;
    this.close();
    this.audience.startedBy(options.origin);
    this.answers = new AcceptedAnswers(options.storage ?? this.options.storage);
    const { locale, playerId, heading } = options;
    this.receipts.begin(options.storage ?? this.options.storage, { ...(locale ? { locale } : {}), ...(playerId ? { playerId } : {}), ...(heading ? { heading } : {}) });
    try {
      return await this.loop(action, options.maxRounds ?? 5);
    } finally {
      this.busy = false;
      this.decide = undefined;
    }
  }

  private async loop<T>(action: GuardedAction<T>, maxRounds: number): Promise<T> {
    const withAction: ConsentDocument[] = [];
    const plan = new RoundPlan(this.options.consents);
    let previous: Round | undefined;
    for (let round = 1; ; round++) {
      this.set({ state: 'running', round });
      let requirement: ConsentRequirement;
      try {
        const result = await action(withAction);
        // What rode along with the action is signed now; other remembered answers wait for their own round.
        const sent = new Set(withAction.map(pagesKey));
        this.answers.keep(this.answers.all().filter((key) => !sent.has(key)));
        for (const doc of withAction) this.receipts.confirm(doc);
        this.set({ state: 'done', rounds: round - 1 }, { type: 'completed', rounds: round - 1, receipts: [...this.receipts.confirmed] });
        return result;
      } catch (error) {
        if (!isPlaygateError(error, 'consent_required') || !error.requirement) {
          // The player's answers rode along and the call failed on the way: the player
          // can send them again (the vendor treats a repeat as a no-op), or give up.
          const carried = withAction.at(-1);
          if (!previous || !carried || !isPlaygateError(error) || !error.retryable) return this.fail(error);
          this.set({ state: 'error', ...previous, step: 'sign', document: carried, error });
          if ((await this.wait()) !== 'retry') return this.declined(previous.requirement);
          round -= 1;
          continue;
        }
        requirement = error.requirement;
      }
      if (round > maxRounds) {
        return this.fail(new PlaygateError({ kind: 'consent_rounds_exceeded', message: `Still asked for consent after ${String(maxRounds)} rounds`, requirement }));
      }
      this.set({ state: 'loading', round, requirement, ...plan.known() }, { type: 'required', requirement, round });
      const planned = await plan.take(round, requirement);
      const at: Round = { round, requirement, ...plan.known() };
      previous = at;
      let doc = planned ?? (await this.load(at));
      if (!doc || this.declinedEarly) {
        this.declinedEarly = false;
        return this.declined(requirement);
      }
      while (doc.status !== 'signed') {
        // An answer given before (a round the backend asked again, a reload) is sent again, not announced again.
        const answeredNow = !this.answers.all().includes(pagesKey(doc));
        if (answeredNow) {
          this.receipts.shown(doc);
          this.set({ state: 'reading', ...at, document: doc });
          if ((await this.wait()) !== 'accept') return this.declined(requirement);
          this.answers.keep([...this.answers.all(), pagesKey(doc)]);
          // Stamped now; its digest may take a task, so the player already sees it saving.
          const receipt = this.receipts.accepted(doc, requirement, round);
          this.set({ state: 'signing', ...at, document: doc });
          this.set(this.current, { type: 'accepted', requirement, document: doc, receipt: await receipt });
        } else {
          this.set({ state: 'signing', ...at, document: doc });
        }
        const signed = await this.sign(at, doc);
        if (signed === undefined) return this.declined(requirement);
        if (signed === 'with-action') {
          if (!withAction.map(pagesKey).includes(pagesKey(doc))) withAction.push(doc); // once, however often asked
          break;
        }
        this.answers.forget(doc);
        if (signed === 'now') {
          this.receipts.confirm(doc);
          break;
        }
        this.receipts.discard(doc);
        // The document changed while a signature failed: the new version must be read.
        doc = signed;
      }
    }
  }

  private async load(at: Round): Promise<ConsentDocument | undefined> {
    for (;;) {
      try {
        return await this.options.consents.getDocument(at.requirement);
      } catch (error) {
        this.set({ state: 'error', ...at, step: 'load', error: PlaygateError.from(error) });
        if ((await this.wait()) !== 'retry') return undefined;
        this.set({ state: 'loading', ...at });
      }
    }
  }

  /**
   * Signs once. After a failure, reads the document again first: it may have been signed
   * after all, or replaced by a new version, which is returned to be read.
   */
  private async sign(at: Round, doc: ConsentDocument): Promise<'now' | 'with-action' | ConsentDocument | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        if (attempt > 0) {
          const fresh = await this.options.consents.getDocument(at.requirement);
          if (pagesKey(fresh) !== pagesKey(doc)) return fresh.status === 'signed' ? 'now' : fresh;
          if (fresh.status === 'signed') return 'now';
        }
        return (await this.options.consents.sign(at.requirement, doc)).signed;
      } catch (error) {
        this.set({ state: 'error', ...at, step: 'sign', document: doc, error: PlaygateError.from(error) });
        if ((await this.wait()) !== 'retry') return undefined;
        this.set({ state: 'signing', ...at, document: doc });
      }
    }
  }

  private declined(requirement: ConsentRequirement): never {
    this.set({ state: 'declined', requirement }, { type: 'declined', requirement });
    throw new PlaygateError({ kind: 'consent_declined', message: 'The player declined', requirement });
  }

  private fail(error: unknown): never {
    const failure = PlaygateError.from(error);
    this.set({ state: 'failed', error: failure });
    throw failure;
  }

  private wait(): Promise<Decision> {
    if (this.disposed) return Promise.reject(new PlaygateError({ kind: 'aborted', message: 'The consent prompt was replaced' }));
    if (this.declinedEarly) {
      this.declinedEarly = false;
      return Promise.resolve('decline');
    }
    return new Promise((resolve, reject) => {
      this.decide = (decision) => {
        if (decision instanceof PlaygateError) reject(decision);
        else resolve(decision);
      };
    });
  }

  private answer(decision: Decision | PlaygateError): void {
    const decide = this.decide;
    this.decide = undefined;
    decide?.(decision);
  }

  private set(state: ConsentFlowState, event?: ConsentFlowEvent): void {
    this.current = state;
    for (const listener of this.listeners) listener(state, event);
  }
}
