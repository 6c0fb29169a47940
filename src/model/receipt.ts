import * as z from 'zod/mini';

// Proof of what a player agreed to and who decided what. Field names follow the Kantara
// Consent Receipt (and ISO/IEC TS 27560) where one fits: `consentReceiptId`,
// `piiPrincipalId`, `language`, `collectionMethod`, `consentTimestamp`. Plain JSON: no
// secret, token or one-time code is ever in one. The widget makes them, the game's server
// keeps them (`playgate/server`'s ledger), and both check them with these schemas.

import { RECEIPT_VERSION } from './receipt-id.js';

export { RECEIPT_VERSION, receiptId } from './receipt-id.js';

// Plain strings: a check kind used only here would join every first load through the
// chunk zod shares with the adapters. The server caps a receipt's whole body instead.
/** ISO 8601 times, as `Date.prototype.toISOString` writes them. */
const Time = z.string();
const Id = z.string();

export const ReceiptDocumentSchema = z.object({
  pageId: Id,
  pageContentId: Id,
  /** The page's own title, when the vendor names it; otherwise the prompt's heading. */
  title: z.optional(z.string()),
});
export type ReceiptDocument = z.infer<typeof ReceiptDocumentSchema>;

/** One acceptance in `<playgate-consent-prompt>`: what was shown, when, and when the vendor took it. */
export const ConsentReceiptSchema = z.object({
  version: z.literal(RECEIPT_VERSION),
  kind: z.literal('consent'),
  consentReceiptId: Id,
  /** Always `playgate-consent-prompt`: how the consent was collected. */
  collectionMethod: z.literal('playgate-consent-prompt'),
  /** Who holds the documents and the signature (`nodecraft`, or a game's own port's name). */
  vendor: Id,
  scope: z.enum(['game', 'server']),
  serverId: z.optional(Id),
  consentType: z.enum(['legal', 'rules']),
  /** `outdated`: the player had accepted an older version. */
  state: z.enum(['missing', 'outdated']),
  documents: z.array(ReceiptDocumentSchema),
  /**
   * SHA-256 of the exact text shown (UTF-8), lower-case hex. Absent only on a page that is
   * not a secure context (plain `http:` off localhost), where browsers offer no WebCrypto digest.
   */
  contentSha256: z.optional(z.string()),
  /** The language the prompt spoke (BCP 47). The document is the vendor's text, as it came. */
  language: z.string(),
  /** When the document first appeared to the player. */
  shownAt: Time,
  /** When the end of the text was first on screen (a short one: when it was shown). */
  readToEndAt: z.optional(Time),
  /** When the player pressed accept. */
  consentTimestamp: Time,
  /** When the vendor took it: the signature answered, or the action it rode along with succeeded. */
  confirmedAt: z.optional(Time),
  /** Which round of the run asked for it (1 for the first). */
  round: z.number(),
  /** The player's id as the game knows it (`player-id` on the provider). Never a token. */
  piiPrincipalId: z.optional(Id),
});
export type ConsentReceipt = z.infer<typeof ConsentReceiptSchema>;

/** Who made a permission decision. `vendor-default`: nobody asked; the rules decided (already on, not available here). */
export const DecidedBySchema = z.enum(['player', 'parent', 'age-check', 'vendor-default']);
export type DecidedBy = z.infer<typeof DecidedBySchema>;

/** `locked`: the answer was yes, yet the session shows it off. */
export const DecisionOutcomeSchema = z.enum(['granted', 'denied', 'locked', 'age-verified', 'age-check-failed']);
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

/** One permission outcome: which features, what came of them, who decided, and when. */
export const DecisionRecordSchema = z.object({
  version: z.literal(RECEIPT_VERSION),
  kind: z.literal('decision'),
  decisionId: Id,
  /** `k-id`, or a game's own port's name. */
  vendor: Id,
  permissions: z.array(Id),
  outcome: DecisionOutcomeSchema,
  decidedBy: DecidedBySchema,
  /** The parent's (or the age check's) challenge. Never its one-time code or link. */
  challengeId: z.optional(Id),
  /** An unverified adult's own age check. */
  verificationId: z.optional(Id),
  decidedAt: Time,
  piiPrincipalId: z.optional(Id),
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

/** What the widget posts to `<kid-url>/receipts`. */
export const ReceiptSchema = z.union([ConsentReceiptSchema, DecisionRecordSchema]);
export type Receipt = ConsentReceipt | DecisionRecord;


/**
 * What the game's server itself saw, as its ledger keeps it: ids, statuses and feature
 * names only. `event` names the k-ID call or webhook.
 */
export const ServerObservationSchema = z.object({
  event: Id,
  status: z.optional(z.string()),
  sessionId: z.optional(Id),
  challengeId: z.optional(Id),
  verificationId: z.optional(Id),
  permissions: z.optional(z.array(Id)),
});
export type ServerObservation = z.infer<typeof ServerObservationSchema>;

/**
 * One line of a player's history, as `<kid-url>/history` answers it. `client`: a receipt
 * the widget reported (the server kept it as sent, with its own receive time); `server`:
 * something the server saw itself (a proxied call's answer, a verified webhook).
 */
export const LedgerEntrySchema = z.object({
  id: Id,
  recordedAt: Time,
  source: z.enum(['client', 'server']),
  receipt: z.optional(ReceiptSchema),
  observation: z.optional(ServerObservationSchema),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** A page of history, newest first; `next` asks for the page after it. */
export const HistoryPageSchema = z.object({
  entries: z.array(LedgerEntrySchema),
  next: z.optional(z.string()),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;
