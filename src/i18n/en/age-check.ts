/** English: the player's own age check. */
export const ageCheck = {
  title: "Check your age",
  close: "Close the age check",
  frameTitle: "Age check",
  resume: "Continue the age check",
  failed: "The age check did not work this time. You can try again.",
  retry: "Try again",
  verifyToUnlock: "Verify to unlock",
  unverifiedLead: "Some features stay locked until you check your age.",
};
