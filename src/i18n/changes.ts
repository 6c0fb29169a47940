import type { SessionDiff } from '../flows/session-diff.js';
import { addEnglish, type Messages } from './en.js';
import { changes } from './en/changes.js';

// The English words it speaks, with it.
addEnglish({ changes });

/** The player-facing sentences for what changed, most useful first. */
export function describeChanges(diff: SessionDiff, messages: Messages, label: (name: string) => string): string[] {
  const m = messages.changes;
  if (diff.cause === 'new-session') return [m.newSession];
  const lines: string[] = [];
  for (const change of diff.changes) {
    if (change.kind === 'manager') {
      const feature = label(change.permission);
      if (change.to === 'PLAYER' && change.from !== 'PLAYER') lines.push(change.from === 'PROHIBITED' ? m.nowAvailable(feature) : m.canNowYourself(feature));
      else if (change.to === 'PROHIBITED') lines.push(m.noLongerAvailable(feature));
      else if (change.to === 'GUARDIAN') lines.push(m.nowParent(feature));
    } else if (change.kind === 'enabled') {
      const feature = label(change.permission);
      if (diff.cause === 'approval' && change.enabled) lines.push(m.approved(feature));
      else if (change.managedBy !== 'PLAYER') lines.push(change.enabled ? m.parentOn(feature) : m.parentOff(feature));
    }
  }
  return lines;
}
