import { CHALLENGE_PANEL_PARTS } from '../challenge-panel/parts.js';
import type { RequestState } from '../../flows/permission-requests.js';
import type { Permission } from '../../model/permissions.js';

/** What a row offers, by the permission's state. */
export type RowState = 'on' | 'turn-on' | 'ask-parent' | 'verify-age' | 'verify-to-unlock' | 'not-available' | 'waiting';

/** Every part of the age gate, for a host that embeds the form to pass on. */
export const AGE_GATE_PARTS = ['age-gate', 'age-title', 'age-lead', 'birth-date', 'age-field', 'age-select', 'age-problem', 'age-submit'];

/** The panel's parts, passed on as `challenge-*`. */
export const CHALLENGE_EXPORTS = CHALLENGE_PANEL_PARTS.map((part) => `${part}: challenge-${part}`).join(', ');

/** What a host that embeds this element (the session status's set-up) passes on in turn. */
export const FIRST_CONSENT_PARTS = ['base', 'list', 'row', 'label', 'state', 'message', 'action', 'outcome', 'outcome-text', 'retry', 'dismiss', 'challenge', ...AGE_GATE_PARTS, ...CHALLENGE_PANEL_PARTS.map((part) => `challenge-${part}`)];

/** `permissions="voice-chat, text-chat-private"` as a list. */
export const listConverter = {
  fromAttribute: (value: string | null) =>
    value
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  toAttribute: (value: readonly string[] | undefined) => value?.join(','),
};

/**
 * What a permission's row offers, by its state and the conversation's. For an adult who
 * has not proved it (`unverifiedAdult`), what the minor's defaults withhold waits for an
 * age check, not a parent (k-ID's order of lock labels).
 */
export function rowState(permission: Permission, current: RequestState, unverifiedAdult = false): RowState {
  if (current.state === 'waiting' && current.pending.kind === 'upgrade' && current.pending.permissions.includes(permission.name)) return 'waiting';
  if (permission.enabled) return 'on';
  if (permission.managedBy === 'PROHIBITED') return 'not-available';
  if (unverifiedAdult) return 'verify-to-unlock';
  if (permission.verifiedAgeThreshold !== undefined) return 'verify-age';
  return permission.managedBy === 'GUARDIAN' ? 'ask-parent' : 'turn-on';
}
