import * as z from 'zod/mini';

export const UserLevelSchema = z.enum(['UNPRIVILEGED', 'USER', 'SUPERUSER']);

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.optional(z.string()),
  email: z.optional(z.string()),
  level: UserLevelSchema,
});
export type User = z.infer<typeof UserSchema>;

export const ProfileSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  imageUrl: z.optional(z.string()),
  applicationId: z.optional(z.string()),
  applicationName: z.optional(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * Who is signed in. Always a user; a profile when the sign-in is profile-scoped, which
 * profile-only features (leaderboards, purchases, matchmaking) need. Has no id: the
 * secret behind it is held by the identity port, never here.
 */
export const IdentitySchema = z.object({
  user: UserSchema,
  profile: z.optional(ProfileSchema),
  applicationId: z.optional(z.string()),
  /** When the sign-in lapses, epoch milliseconds. Slides forward on every call. */
  expiresAt: z.number(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export type IdentityScope = 'user' | 'profile';

export function identityScope(identity: Identity): IdentityScope {
  return identity.profile ? 'profile' : 'user';
}

/** Username (or email, or id) and password. */
export interface PasswordCredentials {
  userId: string;
  password: string;
  profileId?: string;
}
