import * as z from 'zod/mini';

/**
 * What the game's server pushes to a player's open widgets on its event stream
 * (`<kid-url>/events`): one Server-Sent Event each, named by `type`, with this object as
 * its JSON data. The server writes it (`playgate/server`), the widget reads it.
 */
export type PushEvent =
  /** A parent changed settings: read the session again. */
  | { type: 'session-changed'; sessionId: string }
  /** A parent revoked everything: the session is gone. */
  | { type: 'session-deleted'; sessionId: string }
  /** A challenge moved on; on PASS, `sessionId` is the player's (possibly new) session. */
  | { type: 'challenge-changed'; challengeId: string; status: string; sessionId?: string }
  /** An age verification moved on (or was revoked): read its status and the session again. */
  | { type: 'verification-changed'; verificationId: string; status: string; sessionId?: string };

/** Every event name on the stream. */
export const PUSH_EVENT_TYPES = ['session-changed', 'session-deleted', 'challenge-changed', 'verification-changed'] as const satisfies ReadonlyArray<PushEvent['type']>;

/** The same events as the widget checks them: one flat shape (a union costs the widget kilobytes of zod). */
export const PushEventSchema = z.object({
  type: z.enum(PUSH_EVENT_TYPES),
  sessionId: z.optional(z.string()),
  challengeId: z.optional(z.string()),
  verificationId: z.optional(z.string()),
  status: z.optional(z.string()),
});
