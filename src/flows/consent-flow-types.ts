import type { ConsentDocument, ConsentRequirement } from '../model/consent.js';
import type { PlaygateError } from '../model/error.js';
import type { ConsentReceipt } from '../model/receipt.js';
import type { ConsentsPort } from '../model/ports.js';
import type { Audience } from './audience.js';
import type { ReceiptContext } from './receipts/consent-receipts.js';
import type { KeyValueStorage } from './storage.js';

/** A round in progress. `total` is the number of rounds, when the backend could tell. */
export interface Round { round: number; total?: number; requirement: ConsentRequirement }

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
  /** Documents shown for reading only (already answered, say); `close()` ends it. */
  | { state: 'reviewing'; round: number; requirement: ConsentRequirement; document: ConsentDocument }
  | { state: 'done'; rounds: number }
  | { state: 'declined'; requirement: ConsentRequirement }
  | { state: 'failed'; error: PlaygateError };

export type ConsentFlowEvent =
  | { type: 'required'; requirement: ConsentRequirement; round: number; total?: number }
  /** `receipt`: what was shown and when; the vendor's confirmation comes with `completed`. */
  | { type: 'accepted'; requirement: ConsentRequirement; document: ConsentDocument; receipt: ConsentReceipt }
  | { type: 'declined'; requirement: ConsentRequirement }
  /** `receipts`: every acceptance the vendor took during the run, each with its `confirmedAt`. */
  | { type: 'completed'; rounds: number; receipts: readonly ConsentReceipt[] };

export interface ConsentFlowOptions {
  consents: ConsentsPort;
  /** Accepted-but-unsigned documents survive a reload here. */
  storage: KeyValueStorage;
  /** The prompts that show it, when whoever made the flow keeps them (it may come later than they). */
  audience?: Audience<() => ConsentRunOptions>;
  /** The clock receipts are stamped with. */
  now?: () => number;
}

/** How one run goes: from which element, with how many rounds, where its answers are kept. */
export interface ConsentRunOptions extends ReceiptContext {
  /** Rounds before giving up with `consent_rounds_exceeded`. Default 5. */
  maxRounds?: number;
  /** Instead of the flow's own storage. */
  storage?: KeyValueStorage;
  /** The element the player (or the game) used. */
  origin?: object;
}

export type ConsentListener = (state: ConsentFlowState, event?: ConsentFlowEvent) => void;

/** The action to guard. `accepted` holds documents that are signed by sending them along. */
export type GuardedAction<T> = (accepted: readonly ConsentDocument[]) => Promise<T>;

