import type { ChallengeWait, ChallengePush } from '../challenge-wait.js';
import type { ChallengeResult } from '../../model/permissions.js';
import type { PushedChallenge } from '../push-channel.js';

type Listener = ConstructorParameters<typeof ChallengeWait>[2];

/** The game server's pushed challenge answers, handed to the waits that want them. */
export class PushFanout implements ChallengePush {
  private readonly challenges = new Map<string, Set<(result: ChallengeResult) => void>>();
  private readonly connections = new Set<() => void>();

  constructor(
    /** Whether the stream is open now. */
    readonly connected: () => boolean,
  ) {}

  subscribe(challengeId: string, listener: Listener): () => void {
    const listeners = this.challenges.get(challengeId) ?? new Set();
    listeners.add(listener);
    this.challenges.set(challengeId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.challenges.delete(challengeId);
    };
  }

  watchConnection(listener: () => void): () => void {
    this.connections.add(listener);
    return () => this.connections.delete(listener);
  }

  deliver({ challengeId, ...result }: PushedChallenge): void {
    for (const listener of this.challenges.get(challengeId) ?? []) listener(result);
  }

  connectionChanged(): void {
    for (const listener of this.connections) listener();
  }
}
