/** English: the consent prompt. */
export const consent = {
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
};
