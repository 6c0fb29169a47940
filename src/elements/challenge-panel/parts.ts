/**
 * Every part of the challenge panel, for a host to pass on with `exportparts` (under a
 * `challenge-` prefix). Apart from the panel, whose code loads late.
 */
export const CHALLENGE_PANEL_PARTS = ['panel', 'title', 'lead', 'progress', 'qr-label', 'qr', 'code-label', 'code', 'copy', 'countdown', 'code-error', 'email', 'email-label', 'email-input', 'email-hint', 'email-send', 'email-note', 'parent-device', 'parent-link', 'close'];
