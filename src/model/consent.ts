import * as z from 'zod/mini';

/** `legal` is terms of service and privacy; `rules` is conduct rules. */
export const ConsentTypeSchema = z.enum(['legal', 'rules']);
export type ConsentType = z.infer<typeof ConsentTypeSchema>;

/** Which action was interrupted, so the backend knows where to fetch and how to sign. */
export const ConsentActionSchema = z.union([
  z.object({ kind: z.literal('ident'), identType: z.optional(z.string()) }),
  z.object({ kind: z.literal('join'), serverId: z.string() }),
]);
export type ConsentAction = z.infer<typeof ConsentActionSchema>;

/** Documents the player must accept before the interrupted action can go on. */
export const ConsentRequirementSchema = z.object({
  /** `game` covers the platform and game layers; `server` the server's own rules. */
  scope: z.enum(['game', 'server']),
  /** `outdated` means the player accepted an older version: word it as "updated terms". */
  state: z.enum(['missing', 'outdated']),
  /** Known when the backend says; otherwise the backend's default is fetched. */
  type: z.optional(ConsentTypeSchema),
  action: ConsentActionSchema,
});
export type ConsentRequirement = z.infer<typeof ConsentRequirementSchema>;

/** One page of a combined document; every page is signed. */
export const ConsentPageSchema = z.object({
  pageId: z.string(),
  pageContentId: z.string(),
});
export type ConsentPage = z.infer<typeof ConsentPageSchema>;

export const ConsentStatusSchema = z.enum(['missing', 'outdated', 'signed']);
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

/** What the player reads: one combined text for every layer, and the pages it signs. */
export const ConsentDocumentSchema = z.object({
  type: ConsentTypeSchema,
  /** Plain text from the server. Render as text, never as HTML. */
  content: z.string(),
  pages: z.array(ConsentPageSchema),
  status: z.optional(ConsentStatusSchema),
  /** When everything was signed, ISO 8601, if it was. */
  signedAt: z.optional(z.string()),
});
export type ConsentDocument = z.infer<typeof ConsentDocumentSchema>;

/** A document the interrupted action will still ask for, read ahead of its round. */
export interface OutstandingConsent {
  requirement: ConsentRequirement;
  document: ConsentDocument;
}

/** How an accepted document gets signed. */
export type SignOutcome =
  /** Signed now, with its own call. */
  | { signed: 'now'; document: ConsentDocument }
  /** Signed by re-running the interrupted action with the accepted pages attached. */
  | { signed: 'with-action' };

/** The answer of a successful Player Ident: a player token and its expiry. */
export interface PlayerSession {
  /** Secret: held in memory, never rendered or fired in an event. */
  token: string;
  expiresAt?: string;
  playerId?: string;
  displayName?: string;
}

/** What joining a server returns: a place in its queue. */
export interface JoinTicket {
  queueToken: string;
}
