import type { ConsentDocument, ConsentRequirement } from '../model/consent.js';
import { isPlaygateError, PlaygateError } from '../model/error.js';
import type { ConsentsPort } from '../model/ports.js';
import type { KeyValueStorage } from './storage.js';

/** Where the consent loop is. Elements render this; they never drive the vendor calls. */
export type ConsentFlowState =
  | { state: 'idle' }
  /** The interrupted action is running (again). */
  | { state: 'running'; round: number }
  | { state: 'loading'; round: number; requirement: ConsentRequirement }
  /** The player reads; `accept()` or `decline()` decides. */
  | { state: 'reading'; round: number; requirement: ConsentRequirement; document: ConsentDocument }
  | { state: 'signing'; round: number; requirement: ConsentRequirement; document: ConsentDocument }
  /** A step failed; `retry()` repeats it, `decline()` gives up. */
  | { state: 'error'; round: number; error: PlaygateError; step: 'load' | 'sign'; requirement: ConsentRequirement; document?: ConsentDocument }
  | { state: 'done'; rounds: number }
  | { state: 'declined'; requirement: ConsentRequirement }
  | { state: 'failed'; error: PlaygateError };

export type ConsentFlowEvent =
  | { type: 'required'; requirement: ConsentRequirement; round: number }
  | { type: 'accepted'; requirement: ConsentRequirement; document: ConsentDocument }
  | { type: 'declined'; requirement: ConsentRequirement }
  | { type: 'completed'; rounds: number };

export interface ConsentFlowOptions {
  consents: ConsentsPort;
  /** Accepted-but-unsigned documents survive a reload here. */
  storage: KeyValueStorage;
  /** Rounds before giving up with `consent_rounds_exceeded`. Default 5. */
  maxRounds?: number;
  onChange?(state: ConsentFlowState, event?: ConsentFlowEvent): void;
}

/** The action to guard. `accepted` holds documents that are signed by sending them along. */
export type GuardedAction<T> = (accepted: readonly ConsentDocument[]) => Promise<T>;

const ACCEPTED_KEY = 'consent-accepted';

type Decision = 'accept' | 'decline' | 'retry';

/** The pages of a document, as one comparable key. */
function pagesKey(doc: ConsentDocument): string {
  return `${doc.type}:${doc.pages.map((p) => `${p.pageId}@${p.pageContentId}`).join(',')}`;
}

/**
 * Runs an action that consents may interrupt: for each round, fetch the documents, wait
 * for the player, sign, and run the action again, until it succeeds or the cap is hit.
 * An acceptance is remembered until it is signed, so a reload never asks twice, and a
 * failed signature is checked before it is tried again, so nothing is signed twice.
 */
export class ConsentFlow {
  private current: ConsentFlowState = { state: 'idle' };
  private decide: ((decision: Decision) => void) | undefined;
  /** Declined while nothing was waiting for an answer (the document was still loading). */
  private declinedEarly = false;
  private busy = false;

  constructor(private readonly options: ConsentFlowOptions) {}

  get state(): ConsentFlowState {
    return this.current;
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

  async run<T>(action: GuardedAction<T>): Promise<T> {
    if (this.busy) throw new PlaygateError({ kind: 'conflict', message: 'A consent prompt is already running' });
    this.busy = true;
    this.declinedEarly = false;
    try {
      return await this.loop(action);
    } finally {
      this.busy = false;
      this.decide = undefined;
    }
  }

  private async loop<T>(action: GuardedAction<T>): Promise<T> {
    const maxRounds = this.options.maxRounds ?? 5;
    const withAction: ConsentDocument[] = [];
    for (let round = 1; ; round++) {
      this.set({ state: 'running', round });
      let requirement: ConsentRequirement;
      try {
        const result = await action(withAction);
        // What rode along with the action is signed now; other remembered answers wait for their own round.
        const sent = new Set(withAction.map(pagesKey));
        this.remember(this.remembered().filter((key) => !sent.has(key)));
        this.set({ state: 'done', rounds: round - 1 }, { type: 'completed', rounds: round - 1 });
        return result;
      } catch (error) {
        if (!isPlaygateError(error, 'consent_required') || !error.requirement) return this.fail(error);
        requirement = error.requirement;
      }
      if (round > maxRounds) {
        return this.fail(new PlaygateError({ kind: 'consent_rounds_exceeded', message: `Still asked for consent after ${String(maxRounds)} rounds`, requirement }));
      }
      this.set({ state: 'loading', round, requirement }, { type: 'required', requirement, round });
      const doc = await this.load(round, requirement);
      if (!doc || this.declinedEarly) {
        this.declinedEarly = false;
        return this.declined(requirement);
      }
      if (doc.status !== 'signed') {
        if (!this.remembered().includes(pagesKey(doc))) {
          this.set({ state: 'reading', round, requirement, document: doc });
          if ((await this.wait()) !== 'accept') return this.declined(requirement);
          this.remember([...this.remembered(), pagesKey(doc)]);
        }
        this.set({ state: 'signing', round, requirement, document: doc }, { type: 'accepted', requirement, document: doc });
        const signed = await this.sign(round, requirement, doc);
        if (signed === undefined) return this.declined(requirement);
        if (signed === 'with-action') withAction.push(doc);
        else this.remember(this.remembered().filter((key) => key !== pagesKey(doc)));
      }
    }
  }

  /** Accepted documents not yet known to be signed, across reloads. */
  private remembered(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.options.storage.get(ACCEPTED_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      return [];
    }
  }

  private remember(keys: readonly string[]): void {
    if (keys.length) this.options.storage.set(ACCEPTED_KEY, JSON.stringify(keys));
    else this.options.storage.remove(ACCEPTED_KEY);
  }

  private async load(round: number, requirement: ConsentRequirement): Promise<ConsentDocument | undefined> {
    for (;;) {
      try {
        return await this.options.consents.getDocument(requirement);
      } catch (error) {
        this.set({ state: 'error', round, step: 'load', requirement, error: asError(error) });
        if ((await this.wait()) !== 'retry') return undefined;
        this.set({ state: 'loading', round, requirement });
      }
    }
  }

  /** Signs once. After a failure, reads the document again first: it may have been signed after all. */
  private async sign(round: number, requirement: ConsentRequirement, doc: ConsentDocument): Promise<'now' | 'with-action' | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        if (attempt > 0) {
          const fresh = await this.options.consents.getDocument(requirement);
          if (fresh.status === 'signed' && pagesKey(fresh) === pagesKey(doc)) return 'now';
        }
        return (await this.options.consents.sign(requirement, doc)).signed;
      } catch (error) {
        this.set({ state: 'error', round, step: 'sign', requirement, document: doc, error: asError(error) });
        if ((await this.wait()) !== 'retry') return undefined;
        this.set({ state: 'signing', round, requirement, document: doc });
      }
    }
  }

  private declined(requirement: ConsentRequirement): never {
    this.set({ state: 'declined', requirement }, { type: 'declined', requirement });
    throw new PlaygateError({ kind: 'consent_declined', message: 'The player declined', requirement });
  }

  private fail(error: unknown): never {
    const failure = asError(error);
    this.set({ state: 'failed', error: failure });
    throw failure;
  }

  private wait(): Promise<Decision> {
    if (this.declinedEarly) {
      this.declinedEarly = false;
      return Promise.resolve('decline');
    }
    return new Promise((resolve) => {
      this.decide = resolve;
    });
  }

  private answer(decision: Decision): void {
    const decide = this.decide;
    this.decide = undefined;
    decide?.(decision);
  }

  private set(state: ConsentFlowState, event?: ConsentFlowEvent): void {
    this.current = state;
    this.options.onChange?.(state, event);
  }
}

function asError(error: unknown): PlaygateError {
  return isPlaygateError(error) ? error : new PlaygateError({ kind: 'network', message: String(error), cause: error });
}
