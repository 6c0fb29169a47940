// What several proxy instances must share: who owns which session and challenge, which
// webhooks were already seen, and each player's recent events. Small interfaces, so a
// game can put them on the engine it already runs (memory and Redis ship with playgate).

import type { PushEvent } from '../model/push.js';
import { RateLimiter } from './rate-limit.js';

/** What a player's open widgets hear about: the push protocol both sides share (`src/model/push.ts`). */
export type PlayerEvent = PushEvent;

export interface StoredEvent {
  id: string;
  event: PlayerEvent;
}

/** Which player owns which k-ID session and challenge. */
export interface PlayerStore {
  sessionOf(player: string): Promise<string | undefined>;
  /** Sets (or, with undefined, forgets) the player's current session. */
  setSession(player: string, sessionId: string | undefined): Promise<void>;
  playerOfSession(sessionId: string): Promise<string | undefined>;
  addChallenge(player: string, challengeId: string): Promise<void>;
  playerOfChallenge(challengeId: string): Promise<string | undefined>;
}

/**
 * How a verification the proxy created for a player is filed in the PlayerStore, beside
 * their challenges (so a game's own store needs nothing new).
 */
export const verificationKey = (verificationId: string) => `verification:${verificationId}`;

/** Remembers keys for a while: webhook replays and at-least-once duplicates. */
export interface SeenSet {
  /** True the first time `key` is seen within `ttlSeconds`. */
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
  /** Forgets `key`, so a webhook whose relay failed is taken again when k-ID retries it. */
  forget?(key: string): Promise<void>;
}

/** Each player's recent events, fanned out to every instance. */
export interface PlayerEvents {
  /** Stores and fans out an event; answers its id. */
  publish(player: string, event: PlayerEvent): Promise<string>;
  /** Kept events after `lastId`, oldest first, for a stream that resumes. */
  since(player: string, lastId: string): Promise<StoredEvent[]>;
  /** Live events; resolves once listening, to a function that stops. */
  subscribe(player: string, listener: (stored: StoredEvent) => void): Promise<() => void>;
}

/** How often a player may call, counted across every instance that shares the hub. */
export interface RateLimits {
  /**
   * Takes one call from `key`'s token bucket (`capacity` at once, refilled at `perSecond`):
   * 0 when it may go ahead, else the seconds to wait (nothing is taken then).
   */
  take(key: string, capacity: number, perSecond: number): Promise<number>;
}

export interface Hub {
  players: PlayerStore;
  seen: SeenSet;
  events: PlayerEvents;
  /** Optional for a game's own hub: without it, each instance counts alone. */
  limits?: RateLimits;
}

/** How many events per player are kept for resuming streams. */
export const EVENTS_KEPT = 100;

/** One process: everything in memory. */
export function memoryHub(now: () => number = Date.now): Hub {
  const sessions = new Map<string, string>();
  const sessionOwners = new Map<string, string>();
  const challengeOwners = new Map<string, string>();
  const seen = new Map<string, number>();
  const logs = new Map<string, StoredEvent[]>();
  const listeners = new Map<string, Set<(stored: StoredEvent) => void>>();
  let sequence = 0;
  // Ids are "<boot>-<n>": a browser still holding ids from before a restart does not take new ones for old.
  const boot = now();

  const buckets = new RateLimiter(60, 2, now);
  return {
    limits: { take: (key, capacity, perSecond) => Promise.resolve(buckets.take(key, capacity, perSecond)) },
    players: {
      sessionOf: (player) => Promise.resolve(sessions.get(player)),
      setSession(player, sessionId) {
        const old = sessions.get(player);
        if (old) sessionOwners.delete(old);
        if (sessionId) {
          sessions.set(player, sessionId);
          sessionOwners.set(sessionId, player);
        } else {
          sessions.delete(player);
        }
        return Promise.resolve();
      },
      playerOfSession: (sessionId) => Promise.resolve(sessionOwners.get(sessionId)),
      addChallenge(player, challengeId) {
        challengeOwners.set(challengeId, player);
        return Promise.resolve();
      },
      playerOfChallenge: (challengeId) => Promise.resolve(challengeOwners.get(challengeId)),
    },
    seen: {
      firstSeen(key, ttlSeconds) {
        const until = seen.get(key);
        if (until !== undefined && until > now()) return Promise.resolve(false);
        seen.set(key, now() + ttlSeconds * 1000);
        return Promise.resolve(true);
      },
      forget(key) {
        seen.delete(key);
        return Promise.resolve();
      },
    },
    events: {
      publish(player, event) {
        sequence += 1;
        const stored = { id: `${String(boot)}-${String(sequence)}`, event };
        const log = logs.get(player) ?? [];
        log.push(stored);
        if (log.length > EVENTS_KEPT) log.shift();
        logs.set(player, log);
        for (const listener of listeners.get(player) ?? []) listener(stored);
        return Promise.resolve(stored.id);
      },
      since(player, lastId) {
        const [fromBoot, after] = lastId.split('-').map(Number);
        // An id from before this process started: everything kept is newer. Garbage: nothing.
        if (fromBoot === undefined || after === undefined || Number.isNaN(fromBoot) || Number.isNaN(after)) return Promise.resolve([]);
        const kept = logs.get(player) ?? [];
        return Promise.resolve(fromBoot === boot ? kept.filter((stored) => Number(stored.id.split('-')[1]) > after) : fromBoot < boot ? kept : []);
      },
      subscribe(player, listener) {
        const set = listeners.get(player) ?? new Set();
        set.add(listener);
        listeners.set(player, set);
        return Promise.resolve(() => {
          set.delete(listener);
        });
      },
    },
  };
}
