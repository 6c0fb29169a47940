/**
 * Every part of the age check dialog, for a host to pass on with `exportparts` (under an
 * `age-check-` prefix). Apart from the dialog, whose code loads late.
 */
export const AGE_CHECK_DIALOG_PARTS = ['dialog', 'bar', 'title', 'close', 'frame'];
