import type { ConsentDocument, ConsentRequirement, OutstandingConsent } from '../model/consent.js';
import { isPlaygateError, PlaygateError } from '../model/error.js';
import type { ConsentsPort } from '../model/ports.js';
import type { KeyValueStorage } from './storage.js';

/** A round in progress. `total` is the number of rounds, when the backend could tell. */
interface Round {
  round: number;
  total?: number;
  requirement: ConsentRequirement;
}

/** Where the consent loop is. Elements render this; they never drive the vendor calls. */
export type ConsentFlowState =
  | { state: 'idle' }
  /** The interrupted action is running (again). */
  | { state: 'running'; round: number }
  | ({ state: 'loading' } & Round)
  /** The player reads; `accept()` or `decline()` decides. */
  | ({ state: 'reading'; document: ConsentDocument } & Round)
  | ({ state: 'signing'; document: ConsentDocument } & Round)
  /** A step failed; `retry()` repeats it, `decline()` gives up. */
  | ({ state: 'error'; error: PlaygateError; step: 'load' | 'sign'; document?: ConsentDocument } & Round)
  | { state: 'done'; rounds: number }
  | { state: 'declined'; requirement: ConsentRequirement }
  | { state: 'failed'; error: PlaygateError };

export type ConsentFlowEvent =
  | { type: 'required'; requirement: ConsentRequirement; round: number; total?: number }
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
    const plan = new RoundPlan(this.options.consents);
    let previous: Round | undefined;
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
        if (!this.remembered().includes(pagesKey(doc))) {
          this.set({ state: 'reading', ...at, document: doc });
          if ((await this.wait()) !== 'accept') return this.declined(requirement);
          this.remember([...this.remembered(), pagesKey(doc)]);
        }
        this.set({ state: 'signing', ...at, document: doc }, { type: 'accepted', requirement, document: doc });
        const signed = await this.sign(at, doc);
        if (signed === undefined) return this.declined(requirement);
        if (signed === 'with-action') {
          withAction.push(doc);
          break;
        }
        this.forget(doc);
        if (signed === 'now') break;
        // The document changed while a signature failed: the new version must be read.
        doc = signed;
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

  private forget(doc: ConsentDocument): void {
    this.remember(this.remembered().filter((key) => key !== pagesKey(doc)));
  }

  private async load(at: Round): Promise<ConsentDocument | undefined> {
    for (;;) {
      try {
        return await this.options.consents.getDocument(at.requirement);
      } catch (error) {
        this.set({ state: 'error', ...at, step: 'load', error: asError(error) });
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
        this.set({ state: 'error', ...at, step: 'sign', document: doc, error: asError(error) });
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

/** Whether a read-ahead entry is what the action asks for now. */
function sameLayer(planned: ConsentRequirement, asked: ConsentRequirement): boolean {
  return planned.scope === asked.scope && (asked.type === undefined || planned.type === asked.type);
}

/**
 * What the action will still ask for, read once per run when the backend can tell, so the
 * prompt can say "Step 1 of 3" and later rounds need no second read of their document.
 */
class RoundPlan {
  private ahead: OutstandingConsent[] | undefined;
  private total: number | undefined;

  constructor(private readonly consents: ConsentsPort) {}

  known(): { total?: number } {
    return this.total === undefined ? {} : { total: this.total };
  }

  /** The round's document if it was read ahead; undefined means read it now. */
  async take(round: number, requirement: ConsentRequirement): Promise<ConsentDocument | undefined> {
    if (!this.ahead) {
      this.ahead = [];
      try {
        const outstanding = (await this.consents.outstanding?.(requirement.action)) ?? [];
        if (outstanding.some((entry) => sameLayer(entry.requirement, requirement))) {
          this.ahead = [...outstanding];
          this.total = round - 1 + outstanding.length;
        }
      } catch {
        // The count stays unknown; the round's own read reports a failure the player can retry.
      }
    }
    const index = this.ahead.findIndex((entry) => sameLayer(entry.requirement, requirement));
    if (index < 0) {
      this.total = undefined;
      return undefined;
    }
    // Layers skipped over were signed meanwhile (another tab, say): one round fewer each.
    const taken = this.ahead.splice(0, index + 1);
    if (this.total !== undefined) this.total -= index;
    return taken[index]?.document;
  }
}

function asError(error: unknown): PlaygateError {
  return isPlaygateError(error) ? error : new PlaygateError({ kind: 'network', message: String(error), cause: error });
}
