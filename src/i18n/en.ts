import type { PlaygateErrorKind } from '../model/error.js';

/**
 * The English catalog, and the shape every other locale follows. Functions take what
 * varies; plurals and durations are formatted with `Intl` by the caller.
 */
export const en = {
  status: {
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
    enabledCount: (on: string, total: string) => `${on} of ${total} on`,
    noSession: 'Your account has no permissions set up yet.',
    revoked: 'A parent reset your account, so it needs to be set up again.',
    error: 'We could not check your account.',
    retry: 'Try again',
    dismiss: 'Dismiss',
    changesHeading: 'What changed',
  },
  changes: {
    canNowYourself: (feature: string) => `You can now turn on ${feature} yourself.`,
    parentOn: (feature: string) => `A parent turned on ${feature}.`,
    parentOff: (feature: string) => `A parent turned off ${feature}.`,
    approved: (feature: string) => `Your request was approved: ${feature} is on.`,
    nowParent: (feature: string) => `A parent now decides about ${feature}.`,
    noLongerAvailable: (feature: string) => `${feature} is no longer available.`,
    nowAvailable: (feature: string) => `${feature} is now available.`,
    newSession: 'Your account was set up again.',
  },
  consent: {
    title: { legal: 'Terms of service', gameRules: 'Game rules', serverRules: 'Server rules' },
    missing: 'Please read these and accept them to continue.',
    outdated: "We've updated our terms. Please read them again and accept them to continue.",
    outdatedRules: "We've updated the rules. Please read them again and accept them to continue.",
    step: (round: string) => `Step ${round}`,
    stepOf: (round: string, total: string) => `Step ${round} of ${total}`,
    loading: 'Loading…',
    scrollHint: 'Scroll to the end to accept.',
    accept: 'I accept',
    signing: 'Saving…',
    decline: 'Decline',
    retry: 'Try again',
    close: 'Close',
    agreedOn: (date: string) => `You agreed to these on ${date}.`,
    loadFailed: 'We could not load the document.',
    signFailed: 'We could not save your answer. Nothing was lost: try again.',
  },
  errors: {
    network: 'You seem to be offline.',
    timeout: 'The server took too long to answer.',
    rate_limited: 'Too many tries. Wait a moment.',
    server: 'The server had a problem.',
    invalid_response: 'The server sent something we did not understand.',
    other: 'Something went wrong.',
  } satisfies Partial<Record<PlaygateErrorKind | 'other', string>>,
};

export type Messages = typeof en;
