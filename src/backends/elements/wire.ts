import * as z from 'zod/mini';
import { UserLevelSchema } from '../../model/identity.js';

// Namazu Elements wire shapes (wire.md B.3, B.5). Extra fields are dropped, not rejected.

const ElementsApplication = z.object({ id: z.string(), name: z.optional(z.string()) });

export const ElementsUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.optional(z.nullable(z.string())),
  level: UserLevelSchema,
  displayName: z.optional(z.nullable(z.string())),
});

export const ElementsProfile = z.object({
  id: z.string(),
  displayName: z.string(),
  imageUrl: z.optional(z.nullable(z.string())),
  application: z.optional(z.nullable(ElementsApplication)),
  lastLogin: z.optional(z.number()),
});
export type ElementsProfile = z.infer<typeof ElementsProfile>;

export const ElementsSession = z.object({
  user: ElementsUser,
  profile: z.optional(z.nullable(ElementsProfile)),
  application: z.optional(z.nullable(ElementsApplication)),
  /** Epoch milliseconds (a Java long). */
  expiry: z.number(),
});
export type ElementsSession = z.infer<typeof ElementsSession>;

export const ElementsSessionCreation = z.object({
  sessionSecret: z.string().check(z.minLength(1)),
  session: ElementsSession,
});

export const ElementsErrorBody = z.object({
  code: z.string(),
  message: z.optional(z.string()),
  validationFailureMessages: z.optional(z.array(z.string())),
});
