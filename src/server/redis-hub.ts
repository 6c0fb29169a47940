import { EVENTS_KEPT, type Hub, type StoredEvent } from './hub.js';
import { TOKEN_BUCKET_SCRIPT } from './rate-limit.js';

/**
 * The parts of a node-redis (`@redis/client` / `redis`) client the hub uses. Pass your own
 * connected client; playgate does not import Redis itself, so edge builds stay light.
 */
export interface RedisLike {
  get(key: string): Promise<string | null | object>;
  set(key: string, value: string, options?: { NX?: boolean; EX?: number }): Promise<string | null | object>;
  del(key: string): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  xAdd(key: string, id: string, message: Record<string, string>, options?: unknown): Promise<string>;
  xRange(key: string, start: string, end: string): Promise<Array<{ id: string; message: Record<string, string> }> | null>;
  xRevRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<Array<{ id: string; message: Record<string, string> }> | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  duplicate(): RedisSubscriber;
}

export interface RedisSubscriber {
  connect(): Promise<unknown>;
  /** node-redis reports a lost connection as `error` and a restored one as `ready`. */
  on(event: 'error' | 'ready', listener: (...args: unknown[]) => void): unknown;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string, listener?: (message: string) => void): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
}

export interface RedisHubOptions {
  /** Prefixes every key and channel, so several games can share one Redis. */
  prefix?: string;
  /** How long challenge ownership is kept. A parental-consent challenge never expires at k-ID. */
  challengeTtlSeconds?: number;
}

/**
 * Several instances behind a load balancer: ownership and dedupe are keys (with TTLs),
 * events are a capped stream per player plus pub/sub for the live fan-out.
 */
export function redisHub(client: RedisLike, options: RedisHubOptions = {}): Hub & { close(): Promise<void> } {
  const prefix = options.prefix ?? 'playgate';
  const challengeTtl = options.challengeTtlSeconds ?? 90 * 24 * 3600;
  const key = (...parts: string[]) => [prefix, ...parts].join(':');
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  /** Live subscriptions, each with the last event id it heard, for the catch-up after a reconnect. */
  const subscriptions = new Set<{ player: string; lastId: string; listener: (stored: StoredEvent) => void }>();
  const parse = (entry: { id: string; message: Record<string, string> }): StoredEvent[] => {
    try {
      return [{ id: entry.id, event: JSON.parse(entry.message.event ?? '') as StoredEvent['event'] }];
    } catch {
      return [];
    }
  };
  // Pub/sub forgets what it sent while the subscriber was away (a Redis restart, a network
  // blip): once node-redis has reconnected and resubscribed, each subscription reads what
  // its player's stream gained since the last id it heard. Streams dedupe by id.
  const catchUp = async () => {
    for (const subscription of subscriptions) {
      const entries = await client.xRange(key('events', subscription.player), `(${subscription.lastId}`, '+').catch(() => null);
      for (const stored of (entries ?? []).flatMap(parse)) {
        subscription.lastId = stored.id;
        if (subscriptions.has(subscription)) subscription.listener(stored);
      }
    }
  };
  let subscriber: Promise<RedisSubscriber> | undefined;
  const connectedSubscriber = () => {
    subscriber ??= (async () => {
      const sub = client.duplicate();
      // Without a listener, a lost connection would throw from the emitter and end the process.
      sub.on('error', () => undefined);
      await sub.connect();
      sub.on('ready', () => {
        void catchUp();
      });
      return sub;
    })();
    return subscriber;
  };

  return {
    limits: {
      async take(name, capacity, perSecond) {
        return Number(await client.eval(TOKEN_BUCKET_SCRIPT, { keys: [key('limit', name)], arguments: [String(capacity), String(perSecond)] }));
      },
    },
    players: {
      async sessionOf(player) {
        return text(await client.get(key('player', player, 'session')));
      },
      async setSession(player, sessionId) {
        const old = text(await client.get(key('player', player, 'session')));
        if (old) await client.del(key('session', old, 'player'));
        if (sessionId) {
          await client.set(key('player', player, 'session'), sessionId);
          await client.set(key('session', sessionId, 'player'), player);
        } else {
          await client.del(key('player', player, 'session'));
        }
      },
      async playerOfSession(sessionId) {
        return text(await client.get(key('session', sessionId, 'player')));
      },
      async addChallenge(player, challengeId) {
        await client.set(key('challenge', challengeId, 'player'), player, { EX: challengeTtl });
      },
      async playerOfChallenge(challengeId) {
        return text(await client.get(key('challenge', challengeId, 'player')));
      },
    },
    seen: {
      async firstSeen(name, ttlSeconds) {
        // SET NX answers OK only for the first writer, on whichever instance that is.
        return (await client.set(key('seen', name), '1', { NX: true, EX: Math.max(1, Math.ceil(ttlSeconds)) })) === 'OK';
      },
      async forget(name) {
        await client.del(key('seen', name));
      },
    },
    events: {
      async publish(player, event) {
        const payload = JSON.stringify(event);
        const id = await client.xAdd(key('events', player), '*', { event: payload }, {
          TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: EVENTS_KEPT },
        });
        const stored: StoredEvent = { id, event };
        await client.publish(key('events', player), JSON.stringify(stored));
        return stored.id;
      },
      async since(player, lastId) {
        // An id from another store (or garbage) reads as "nothing kept since".
        const entries = await client.xRange(key('events', player), `(${lastId}`, '+').catch(() => []);
        return (entries ?? []).flatMap(parse);
      },
      async subscribe(player, listener) {
        const sub = await connectedSubscriber();
        // Where this subscription starts: the catch-up after a reconnect reads from here.
        const newest = await client.xRevRange(key('events', player), '+', '-', { COUNT: 1 }).catch(() => null);
        const subscription = { player, lastId: newest?.[0]?.id ?? '0-0', listener };
        const onMessage = (message: string) => {
          try {
            const stored = JSON.parse(message) as StoredEvent;
            subscription.lastId = stored.id;
            listener(stored);
          } catch {
            // Not ours; ignore.
          }
        };
        subscriptions.add(subscription);
        await sub.subscribe(key('events', player), onMessage);
        return () => {
          subscriptions.delete(subscription);
          void sub.unsubscribe(key('events', player), onMessage);
        };
      },
    },
    async close() {
      if (!subscriber) return;
      const sub = await subscriber;
      await (sub.close ?? sub.quit)?.call(sub);
    },
  };
}
