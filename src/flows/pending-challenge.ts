import type { AgeInput } from '../model/ports.js';
import type { KeyValueStorage } from './storage.js';

/** What a challenge is for: features for an existing session, or the first consent. */
export type PendingChallenge =
  /** `ageCheck`: the player proves their own age (a threshold feature), not a parent. */
  | { kind: 'upgrade'; challengeId: string; permissions: readonly string[]; ageCheck?: true }
  /** First consent: the age entered is kept, since a PASS without a session id means asking again. */
  | { kind: 'consent'; challengeId: string; jurisdiction: string; age: AgeInput };

const KEY = 'kid-pending-challenge';

/**
 * The challenge a player waits on, kept so a reload resumes the wait. Only ids, feature
 * names and the age the player typed: nothing secret, nothing about the parent.
 */
export const pendingChallenge = {
  read(storage: KeyValueStorage): PendingChallenge | undefined {
    const raw = storage.get(KEY);
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Partial<PendingChallenge> & Record<string, unknown>;
      if (typeof value.challengeId !== 'string' || value.challengeId === '') return undefined;
      if (value.kind === 'upgrade' && Array.isArray(value.permissions)) {
        const permissions = value.permissions.filter((name): name is string => typeof name === 'string');
        return { kind: 'upgrade', challengeId: value.challengeId, permissions, ...(value.ageCheck === true ? { ageCheck: true as const } : {}) };
      }
      if (value.kind === 'consent' && typeof value.jurisdiction === 'string' && isAge(value.age)) {
        return { kind: 'consent', challengeId: value.challengeId, jurisdiction: value.jurisdiction, age: value.age };
      }
    } catch {
      // An older or foreign value: nothing to resume.
    }
    return undefined;
  },
  write(storage: KeyValueStorage, pending: PendingChallenge | undefined): void {
    if (pending) storage.set(KEY, JSON.stringify(pending));
    else storage.remove(KEY);
  },
};

function isAge(value: unknown): value is AgeInput {
  if (typeof value !== 'object' || value === null) return false;
  const { age, dateOfBirth } = value as Record<string, unknown>;
  return (typeof age === 'number') !== (typeof dateOfBirth === 'string');
}
