import type { ConsentDocument, ConsentRequirement } from '../../model/consent.js';
import { RECEIPT_VERSION } from '../../model/receipt-id.js';
import { ConsentReceiptSchema, type ConsentReceipt } from '../../model/receipt.js';
import { pagesKey } from '../accepted-answers.js';
import type { KeyValueStorage } from '../storage.js';
import { newReceiptId, sha256Hex } from './content-hash.js';

/** Receipts accepted and not yet confirmed, kept across a reload with the answers they prove. */
const PENDING_KEY = 'consent-receipts';

/** What a run knows that its receipts record: the prompt's words and the game's player. */
export interface ReceiptContext {
  /** The language the prompt speaks (BCP 47). */
  locale?: string;
  /** The player's id as the game knows it. Never a token. */
  playerId?: string;
  /** The heading a document was shown under: its title, where the vendor names none. */
  heading?: (requirement: ConsentRequirement) => string;
}

interface Viewing {
  key: string;
  shownAt: string;
  readToEndAt?: string;
  hash: Promise<string | undefined>;
}

/**
 * The receipts of a consent run: when each document was shown, read to its end and
 * accepted, a SHA-256 of its exact text, and when the vendor took it. An accepted one is
 * kept (like the answer itself) until the vendor confirms it, so a reload loses nothing.
 */
export class ConsentReceipts {
  private viewing: Viewing | undefined;
  private context: ReceiptContext = {};
  private confirmedInRun: ConsentReceipt[] = [];

  constructor(
    private storage: KeyValueStorage,
    private readonly vendor: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new run, with its own storage, words and player. */
  begin(storage: KeyValueStorage, context: ReceiptContext): void {
    this.storage = storage;
    this.context = context;
    this.confirmedInRun = [];
    this.viewing = undefined;
  }

  /** The receipts the vendor confirmed during this run, in order. */
  get confirmed(): readonly ConsentReceipt[] {
    return this.confirmedInRun;
  }

  /** The document is on screen (a second call for the same one keeps the first time). */
  shown(doc: ConsentDocument): void {
    const key = pagesKey(doc);
    if (this.viewing?.key === key) return;
    this.viewing = { key, shownAt: this.time(), hash: sha256Hex(doc.content).catch(() => undefined) };
  }

  /** The end of the shown text is on screen. */
  readToEnd(): void {
    if (this.viewing && !this.viewing.readToEndAt) this.viewing.readToEndAt = this.time();
  }

  /** The player accepted `doc`: its receipt, kept until the vendor confirms it. */
  async accepted(doc: ConsentDocument, requirement: ConsentRequirement, round: number): Promise<ConsentReceipt> {
    const key = pagesKey(doc);
    const consentTimestamp = this.time();
    const viewing = this.viewing?.key === key ? this.viewing : { key, shownAt: consentTimestamp, hash: sha256Hex(doc.content).catch(() => undefined) };
    const contentSha256 = await viewing.hash;
    const { locale, playerId, heading } = this.context;
    const title = heading?.(requirement);
    const receipt: ConsentReceipt = {
      version: RECEIPT_VERSION,
      kind: 'consent',
      consentReceiptId: newReceiptId(),
      collectionMethod: 'playgate-consent-prompt',
      vendor: this.vendor,
      scope: requirement.scope,
      ...(requirement.action.kind === 'join' ? { serverId: requirement.action.serverId } : {}),
      consentType: doc.type,
      state: requirement.state,
      documents: doc.pages.map((page) => ({ pageId: page.pageId, pageContentId: page.pageContentId, ...(title ? { title } : {}) })),
      ...(contentSha256 ? { contentSha256 } : {}),
      language: locale || 'en',
      shownAt: viewing.shownAt,
      ...(viewing.readToEndAt ? { readToEndAt: viewing.readToEndAt } : {}),
      consentTimestamp,
      round,
      ...(playerId ? { piiPrincipalId: playerId } : {}),
    };
    this.keep({ ...this.pending(), [key]: receipt });
    return receipt;
  }

  /** The vendor took `doc`: its receipt gets the time, and joins this run's. */
  confirm(doc: ConsentDocument): void {
    const key = pagesKey(doc);
    const { [key]: receipt, ...rest } = this.pending();
    if (!receipt) return;
    this.keep(rest);
    this.confirmedInRun.push({ ...receipt, confirmedAt: this.time() });
  }

  /** `doc` will never be confirmed as accepted (a newer version replaced it). */
  discard(doc: ConsentDocument): void {
    const { [pagesKey(doc)]: _dropped, ...rest } = this.pending();
    this.keep(rest);
  }

  private time(): string {
    return new Date(this.now()).toISOString();
  }

  private pending(): Record<string, ConsentReceipt> {
    try {
      const parsed: unknown = JSON.parse(this.storage.get(PENDING_KEY) ?? '{}');
      if (!parsed || typeof parsed !== 'object') return {};
      const kept: Record<string, ConsentReceipt> = {};
      for (const [key, value] of Object.entries(parsed)) {
        const checked = ConsentReceiptSchema.safeParse(value);
        if (checked.success) kept[key] = checked.data;
      }
      return kept;
    } catch {
      return {};
    }
  }

  private keep(pending: Record<string, ConsentReceipt>): void {
    if (Object.keys(pending).length) this.storage.set(PENDING_KEY, JSON.stringify(pending));
    else this.storage.remove(PENDING_KEY);
  }
}
