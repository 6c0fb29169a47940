import * as z from 'zod/mini';

/** Who may turn a permission on. */
export const ManagedBySchema = z.enum(['PLAYER', 'GUARDIAN', 'PROHIBITED']);
export type ManagedBy = z.infer<typeof ManagedBySchema>;

/** One feature the player may or may not use, and who decides. */
export const PermissionSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  managedBy: ManagedBySchema,
  /** Set on features that need a verified age at or above this, not a parent. */
  verifiedAgeThreshold: z.optional(z.number()),
});
export type Permission = z.infer<typeof PermissionSchema>;

/** How the backend classifies the player's age in their jurisdiction. */
export const AgeStatusSchema = z.enum(['DIGITAL_MINOR', 'DIGITAL_YOUTH', 'LEGAL_ADULT']);
export type AgeStatus = z.infer<typeof AgeStatusSchema>;

/** A player's permissions session. One per player per product; revocation makes a new id. */
export const SessionSchema = z.object({
  sessionId: z.string().check(z.minLength(1)),
  /** `ACTIVE` is the documented value; others (`HOLD`, …) pass through unchanged. */
  status: z.string(),
  /** Opaque version tag for conditional reads. */
  etag: z.optional(z.string()),
  jurisdiction: z.optional(z.string()),
  ageStatus: z.optional(AgeStatusSchema),
  /** Present only once a parent has verified consent. */
  kuid: z.optional(z.string()),
  dateOfBirth: z.optional(z.string()),
  /**
   * An adult who has not proved it yet (`unverified`) has a minor's defaults until an age
   * check passes. Left out where the vendor does not say.
   */
  ageVerification: z.optional(z.enum(['unverified', 'verified'])),
  permissions: z.array(PermissionSchema),
});
export type Session = z.infer<typeof SessionSchema>;

/** An age check the player started: where it is done (a page to frame), and its id to ask about. */
export interface AgeVerification {
  verificationId: string;
  url: string;
}

/** Where an age check is: still open, passed or not. */
export type AgeVerificationStatus = 'PENDING' | 'PASS' | 'FAIL';

/** A request that a parent (or an age check) must answer on another device. */
export const ChallengeSchema = z.object({
  challengeId: z.string().check(z.minLength(1)),
  /** The vendor's own name for the kind of challenge, verbatim, for logs and the game's events; never branch on it. */
  type: z.string(),
  /** Who answers: a `parent` on their own device, or the player proving their own age (`age-check`). */
  purpose: z.enum(['parent', 'age-check']),
  /** Short code the parent types in; it expires, the challenge does not. */
  oneTimePassword: z.optional(z.string()),
  /** Where the parent approves; also the QR code payload. Expires with the code. */
  url: z.optional(z.string()),
  /** Where a parent types the code, as people read it (`asktoplay.com`), when the vendor has such a place. */
  codeEntry: z.optional(z.string()),
  /** When the code and URL stop working, epoch milliseconds, when known. */
  otpExpiresAt: z.optional(z.number()),
  /** The player may play in a limited mode while waiting: a valid state, not an error. */
  limitedAccessWhileWaiting: z.optional(z.boolean()),
  /** The features on in that limited mode, when the vendor says (no session exists yet). */
  limitedPermissions: z.optional(z.array(z.string())),
});
export type Challenge = z.infer<typeof ChallengeSchema>;

export const ChallengeStatusSchema = z.enum(['PENDING', 'IN_PROGRESS', 'PASS', 'FAIL', 'POLL_TIMEOUT']);
export type ChallengeStatus = z.infer<typeof ChallengeStatusSchema>;

/** The authoritative answer to a challenge. `sessionId` may be missing even on PASS. */
export const ChallengeResultSchema = z.object({
  status: ChallengeStatusSchema,
  sessionId: z.optional(z.string()),
});
export type ChallengeResult = z.infer<typeof ChallengeResultSchema>;

/** A fresh one-time code for a challenge. */
export const OneTimeCodeSchema = z.object({
  oneTimePassword: z.string(),
  expiresAt: z.optional(z.number()),
  url: z.optional(z.string()),
});
export type OneTimeCode = z.infer<typeof OneTimeCodeSchema>;

/** What the age check said: go ahead, ask a parent, or no. */
export type AgeCheckResult =
  | { status: 'PASS'; session?: Session }
  | { status: 'CHALLENGE'; challenge: Challenge; session?: Session }
  | { status: 'PROHIBITED' };

/** What an upgrade request did. */
export type UpgradeResult =
  /** Enabled at once (PLAYER-managed, or an age already verified). */
  | { status: 'PASS'; session: Session }
  /** A parent or an age check must answer first. */
  | { status: 'CHALLENGE'; challenge: Challenge };

/** A conditional read: `unchanged` when the etag still matches. */
export type SessionRead = { changed: false } | { changed: true; session: Session };

/** Whether to show an age gate at all in this jurisdiction, the ages that matter, and how the age may be asked. */
export interface AgeGateRequirements {
  shouldDisplay: boolean;
  ageAssuranceRequired?: boolean;
  digitalConsentAge?: number;
  civilAge?: number;
  minimumAge?: number;
  /** How the vendor approved asking for the age here: by date of birth, by age, or both (both false: unknown, a date of birth is asked). */
  methods: { dateOfBirth: boolean; age: boolean };
}
