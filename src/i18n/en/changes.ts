/** English: what changed since last time. */
export const changes = {
  canNowYourself: (feature: string) => `You can now turn on ${feature} yourself.`,
  parentOn: (feature: string) => `A parent turned on ${feature}.`,
  parentOff: (feature: string) => `A parent turned off ${feature}.`,
  approved: (feature: string) => `Your request was approved: ${feature} is on.`,
  nowParent: (feature: string) => `A parent now decides about ${feature}.`,
  noLongerAvailable: (feature: string) => `${feature} is no longer available.`,
  nowAvailable: (feature: string) => `${feature} is now available.`,
  newSession: 'Your account was set up again.',
};
