import type * as z from 'zod/mini';
import type { AgeGateRequirements, Challenge, OneTimeCode, Session } from '../../model/permissions.js';
import type { KidChallenge, KidInstant, KidOtpBody, KidRequirementsBody, KidSession, KidSessionBody } from './wire.js';

/** The challenge types the player answers by proving their own age, not a parent. */
const AGE_CHECKS: ReadonlySet<string> = new Set(['CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE', 'CHALLENGE_AGE_GATE_AGE_ASSURANCE']);

export function unwrapSession(body: z.infer<typeof KidSessionBody>): KidSession {
  return 'session' in body ? body.session : body;
}

export function toSession(wire: KidSession): Session {
  return {
    sessionId: wire.sessionId,
    status: wire.status ?? 'ACTIVE',
    etag: wire.etag,
    jurisdiction: wire.jurisdiction,
    ageStatus: wire.ageStatus,
    kuid: wire.kuid,
    dateOfBirth: wire.dateOfBirth,
    ...(wire.ageVerificationStatus === 'unverified' || wire.ageVerificationStatus === 'verified' ? { ageVerification: wire.ageVerificationStatus } : {}),
    permissions: wire.permissions.map((p) => ({
      name: p.name,
      enabled: p.enabled,
      managedBy: p.managedBy,
      ...(p.verifiedAgeThreshold === undefined ? {} : { verifiedAgeThreshold: p.verifiedAgeThreshold }),
    })),
  };
}

/** Epoch milliseconds from seconds, milliseconds or an ISO date; undefined if unreadable. */
export function toEpochMs(value: z.infer<typeof KidInstant> | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function toChallenge(wire: KidChallenge): Challenge {
  return {
    challengeId: wire.challengeId,
    type: wire.type,
    purpose: AGE_CHECKS.has(wire.type) ? 'age-check' : 'parent',
    oneTimePassword: wire.oneTimePassword,
    url: wire.url,
    codeEntry: codeEntryOf(wire.url),
    otpExpiresAt: toEpochMs(wire.otpExpiresAt),
    limitedAccessWhileWaiting: wire.childLiteAccessEnabled,
  };
}

/**
 * Where a parent types the code: for k-ID's own links its short address for parents,
 * asktoplay.com (the vendor's guide: "Enter at asktoplay.com"); for another host (the
 * emulator) the link's page without the code.
 */
function codeEntryOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { host, pathname } = new URL(url);
    return /(^|\.)k-id\.com$/.test(host) ? 'asktoplay.com' : `${host}${pathname === '/' ? '' : pathname}`;
  } catch {
    return undefined;
  }
}

export function toOneTimeCode(wire: z.infer<typeof KidOtpBody>): OneTimeCode {
  if ('otp' in wire) return { oneTimePassword: wire.otp, expiresAt: toEpochMs(wire.expiresAt), url: wire.url };
  const code = 'challenge' in wire ? wire.challenge : wire;
  return { oneTimePassword: code.oneTimePassword, expiresAt: toEpochMs(code.otpExpiresAt), url: code.url };
}

/**
 * How the age may be asked, from k-ID's `approvedAgeCollectionMethods` (names like
 * `date-of-birth`, `age`): matched loosely, since the sources list no fixed set.
 */
export function toRequirements({ approvedAgeCollectionMethods: methods = [], ...rest }: z.infer<typeof KidRequirementsBody>): AgeGateRequirements {
  return { ...rest, methods: { dateOfBirth: methods.some((m) => /birth/i.test(m)), age: methods.some((m) => /^(?!.*birth).*age/i.test(m)) } };
}
