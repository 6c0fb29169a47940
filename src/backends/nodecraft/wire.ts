import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';

// Nodecraft's wire shapes (wire.md C.1, C.2). Extra fields are dropped, not rejected.

/** `{code, message, success, data, error}` around every answer. */
export function envelope<T>(data: ZodMiniType<T>) {
  return z.object({
    code: z.optional(z.string()),
    message: z.optional(z.string()),
    success: z.optional(z.boolean()),
    data,
  });
}

export const NodecraftErrorBody = z.object({
  code: z.string(),
  message: z.optional(z.string()),
  data: z.optional(z.unknown()),
  type: z.optional(z.string()),
});

const NodecraftConsentType = z.enum(['legal', 'rules']);

export const NodecraftConsentPage = z.object({
  page_id: z.string(),
  page_content_id: z.string(),
  type: z.optional(z.string()),
  entity: z.optional(z.string()),
  entity_id: z.optional(z.string()),
  status: z.optional(z.string()),
  date_signed: z.optional(z.nullable(z.string())),
});

/** Game consents (before sign-in) and player consents (after) share this shape. */
export const NodecraftConsents = z.object({
  consents: z.array(NodecraftConsentPage),
  content: z.string(),
  status_all: z.optional(z.enum(['missing', 'outdated', 'signed'])),
  date_all_signed: z.optional(z.nullable(z.string())),
});
export type NodecraftConsents = z.infer<typeof NodecraftConsents>;

export const NodecraftServer = z.object({
  server: z.optional(z.unknown()),
  rules: NodecraftConsents,
});

export const NodecraftIdent = z.object({
  token: z.string().check(z.minLength(1)),
  date_expires: z.optional(z.nullable(z.string())),
  player: z.optional(
    z.object({
      id: z.optional(z.string()),
      username: z.optional(z.nullable(z.string())),
      display_name: z.optional(z.nullable(z.string())),
    }),
  ),
});

/** The docs say only "queue token": accept it bare or in an object. */
export const NodecraftQueueToken = z.union([
  z.string().check(z.minLength(1)),
  z.object({ token: z.string().check(z.minLength(1)) }),
  z.object({ queue_token: z.string().check(z.minLength(1)) }),
]);

export const NodecraftConflictType = z.object({ type: NodecraftConsentType });
