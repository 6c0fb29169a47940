import type { AgeStatus, ManagedBy, Permission, Session } from '../model/permissions.js';

/** One thing that differs between two reads of a session. */
export type SessionChange =
  /** Who manages a feature changed, e.g. GUARDIAN → PLAYER when the player ages up. */
  | { kind: 'manager'; permission: string; from: ManagedBy; to: ManagedBy }
  /** A feature was turned on or off. */
  | { kind: 'enabled'; permission: string; enabled: boolean; managedBy: ManagedBy }
  | { kind: 'age-status'; from?: AgeStatus; to?: AgeStatus }
  | { kind: 'added'; permission: string }
  | { kind: 'removed'; permission: string }
  /** A different session: consent was given again after a revoke. */
  | { kind: 'session-replaced'; from: string; to: string };

/**
 * Why it changed, as far as the client can tell. k-ID sends no webhook at age-up, so a
 * manager loosening without any other cause reads as `age-up`.
 */
export type ChangeCause = 'age-up' | 'parent' | 'approval' | 'new-session';

export interface SessionDiff {
  cause: ChangeCause;
  changes: SessionChange[];
  before: Session;
  after: Session;
}

const AGE_ORDER: readonly AgeStatus[] = ['DIGITAL_MINOR', 'DIGITAL_YOUTH', 'LEGAL_ADULT'];
const LOOSER: Record<ManagedBy, number> = { PROHIBITED: 0, GUARDIAN: 1, PLAYER: 2 };

function byName(permissions: readonly Permission[]): Map<string, Permission> {
  return new Map(permissions.map((p) => [p.name, p]));
}

/**
 * Compares two reads of a session: permissions (`enabled`, `managedBy`), `ageStatus` and
 * the session id. Undefined when nothing that matters changed.
 * `approved` names features a challenge just approved, so they read as an approval.
 */
export function diffSessions(before: Session, after: Session, approved: readonly string[] = []): SessionDiff | undefined {
  const changes: SessionChange[] = [];
  if (before.sessionId !== after.sessionId) changes.push({ kind: 'session-replaced', from: before.sessionId, to: after.sessionId });
  if (before.ageStatus !== after.ageStatus) changes.push({ kind: 'age-status', from: before.ageStatus, to: after.ageStatus });
  const old = byName(before.permissions);
  const now = byName(after.permissions);
  for (const [name, next] of now) {
    const prev = old.get(name);
    if (!prev) {
      changes.push({ kind: 'added', permission: name });
      continue;
    }
    if (prev.managedBy !== next.managedBy) changes.push({ kind: 'manager', permission: name, from: prev.managedBy, to: next.managedBy });
    if (prev.enabled !== next.enabled) changes.push({ kind: 'enabled', permission: name, enabled: next.enabled, managedBy: next.managedBy });
  }
  for (const name of old.keys()) if (!now.has(name)) changes.push({ kind: 'removed', permission: name });
  if (changes.length === 0) return undefined;
  return { cause: causeOf(changes, approved), changes, before, after };
}

function causeOf(changes: readonly SessionChange[], approved: readonly string[]): ChangeCause {
  if (changes.some((c) => c.kind === 'session-replaced')) return 'new-session';
  const turnedOn = changes.filter((c) => c.kind === 'enabled' && c.enabled).map((c) => (c as { permission: string }).permission);
  if (turnedOn.length > 0 && turnedOn.every((name) => approved.includes(name))) return 'approval';
  const olderNow = changes.some(
    (c) => c.kind === 'age-status' && c.from !== undefined && c.to !== undefined && AGE_ORDER.indexOf(c.to) > AGE_ORDER.indexOf(c.from),
  );
  const loosened = changes.some((c) => c.kind === 'manager' && LOOSER[c.to] > LOOSER[c.from]);
  const onlyManagers = changes.every((c) => c.kind === 'manager' || c.kind === 'age-status');
  return (olderNow || loosened) && onlyManagers ? 'age-up' : 'parent';
}
