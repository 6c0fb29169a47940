/** English: a new player's age gate. */
export const ageGate = {
  title: 'How old are you?',
  lead: 'We ask so that we can keep your account safe.',
  dateOfBirth: 'Date of birth',
  age: 'Age',
  submit: 'Continue',
  checking: 'Checking…',
  failed: 'We could not check your age.',
  invalid: 'Enter your date of birth, or your age in whole years.',
  start: 'Set up my account',
  noJurisdiction: 'This game has not said which country the player is in, so the age check cannot start.',
};
