import * as z from 'zod/mini';
import { AgeStatusSchema, ManagedBySchema } from '../../model/permissions.js';

// k-ID's wire shapes (wire.md A.2, A.3). Unknown extra fields are dropped, not rejected.

export const KidPermission = z.object({
  name: z.string(),
  enabled: z.boolean(),
  managedBy: ManagedBySchema,
  verifiedAgeThreshold: z.optional(z.number()),
});

export const KidSession = z.object({
  sessionId: z.string().check(z.minLength(1)),
  status: z.optional(z.string()),
  etag: z.optional(z.string()),
  jurisdiction: z.optional(z.string()),
  dateOfBirth: z.optional(z.string()),
  ageStatus: z.optional(AgeStatusSchema),
  kuid: z.optional(z.string()),
  /** `unverified` | `verified` (wire.md A.7); other values are dropped. */
  ageVerificationStatus: z.optional(z.string()),
  permissions: z.array(KidPermission),
});
export type KidSession = z.infer<typeof KidSession>;

/** The docs wrap the session in `{session, status}`; the older sample reads it bare. */
export const KidSessionBody = z.union([
  z.object({ session: KidSession, status: z.optional(z.string()) }),
  KidSession,
]);

/** k-ID's challenge types (wire.md A.2); the last three are seen only in a sample. */
export const KidChallengeType = z.enum([
  'CHALLENGE_PARENTAL_CONSENT',
  'CHALLENGE_SESSION_UPGRADE',
  'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE',
  'CHALLENGE_AGE_GATE_AGE_ASSURANCE',
  'CHALLENGE_BULK_APPROVAL_REQUEST',
  'CHALLENGE_UPDATE_JURISDICTION',
]);

/** Seconds, milliseconds or an ISO date: the sources do not agree on a format. */
export const KidInstant = z.union([z.number(), z.string()]);

export const KidChallenge = z.object({
  challengeId: z.string().check(z.minLength(1)),
  type: KidChallengeType,
  oneTimePassword: z.optional(z.string()),
  url: z.optional(z.string()),
  otpExpiresAt: z.optional(KidInstant),
  childLiteAccessEnabled: z.optional(z.boolean()),
});
export type KidChallenge = z.infer<typeof KidChallenge>;

export const KidChallengeBody = z.union([z.object({ challenge: KidChallenge }), KidChallenge]);

/**
 * A session inside an age-gate answer may be whole, just an id, or have no id yet: while a
 * parent decides with limited access, only the reduced permissions (wire.md A.7).
 */
const KidMaybeSession = z.union([KidSession, z.object({ sessionId: z.optional(z.string()), permissions: z.optional(z.array(KidPermission)) })]);

export const KidAgeCheckBody = z.object({
  status: z.enum(['PASS', 'CHALLENGE', 'PROHIBITED']),
  session: z.optional(KidMaybeSession),
  challenge: z.optional(KidChallenge),
});

export const KidUpgradeBody = z.object({
  status: z.enum(['PASS', 'CHALLENGE']),
  session: z.optional(KidSession),
  challenge: z.optional(KidChallenge),
});

export const KidChallengeStatusBody = z.object({
  status: z.enum(['PENDING', 'IN_PROGRESS', 'PASS', 'FAIL', 'POLL_TIMEOUT']),
  sessionId: z.optional(z.string()),
  approverEmail: z.optional(z.string()),
});

/** `{otp, expiresAt}` on one k-ID page, the challenge's own fields on another (wire.md A.7): both. */
export const KidOtpBody = z.union([
  z.object({ otp: z.string().check(z.minLength(1)), expiresAt: z.optional(KidInstant), url: z.optional(z.string()) }),
  z.object({ challenge: z.object({ oneTimePassword: z.string().check(z.minLength(1)), otpExpiresAt: z.optional(KidInstant), url: z.optional(z.string()) }) }),
  z.object({ oneTimePassword: z.string().check(z.minLength(1)), otpExpiresAt: z.optional(KidInstant), url: z.optional(z.string()) }),
]);

/** `/age-verification/perform-access-age-verification`'s answer. */
export const KidVerificationBody = z.object({
  id: z.string().check(z.minLength(1)),
  url: z.string().check(z.minLength(1)),
  shortUrl: z.optional(z.string()),
});

/** `/age-verification/get-status`'s answer: PASS and FAIL end it; anything else is still open. */
export const KidVerificationStatusBody = z.object({ status: z.string() });

export const KidRequirementsBody = z.object({
  shouldDisplay: z.boolean(),
  ageAssuranceRequired: z.optional(z.boolean()),
  digitalConsentAge: z.optional(z.number()),
  civilAge: z.optional(z.number()),
  minimumAge: z.optional(z.number()),
  approvedAgeCollectionMethods: z.optional(z.array(z.string())),
});

export const KidErrorBody = z.object({
  error: z.string(),
  errorMsg: z.optional(z.string()),
});
