import type { Plural } from '../format.js';

/** English: the account's status, and the words every k-ID element shares. */
export const status = {
  regionLabel: 'Account status',
  loading: 'Checking your account…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  playingAs: (name: string) => `Playing as ${name}`,
  noProfile: 'No game profile chosen',
  profileOnly: 'Leaderboards, purchases and saved progress need a game profile.',
  signedOut: 'Not signed in',
  expiresIn: (duration: string) => `Signed in for ${duration} more`,
  expired: 'Your sign-in has ended. Sign in again to keep playing.',
  ageStatus: { DIGITAL_MINOR: 'Child account', DIGITAL_YOUTH: 'Teen account', LEGAL_ADULT: 'Adult account' },
  region: (code: string) => `Region ${code}`,
  account: (id: string) => `Account ${id}`,
  groups: { PLAYER: 'You decide', GUARDIAN: 'A parent decides', PROHIBITED: 'Not available' },
  on: 'On',
  off: 'Off',
  /** Chosen by the total: "{on} of {total}". */
  enabledCount: { one: '{on} of {total} feature on', other: '{on} of {total} features on' } as Plural,
  noSession: 'Your account has no permissions set up yet.',
  revoked: 'A parent reset your account, so it needs to be set up again.',
  error: 'We could not check your account.',
  retry: 'Try again',
  dismiss: 'Dismiss',
  changesHeading: 'What changed',
};
