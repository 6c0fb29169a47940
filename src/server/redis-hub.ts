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
  /** node-redis reports a lost connection as `error`, each attempt to reconnect as `reconnecting`, and a restored one as `ready`. */
  on(event: 'error' | 'reconnecting' | 'ready', listener: (...args: unknown[]) => void): unknown;
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

interface Subscription {
  player: string;
  /** The newest event id it heard: where a catch-up reads from. */
  lastId: string;
  listener: (stored: StoredEvent) => void;
  /** While reconnecting and catching up: where to read from, and the live messages that wait. */
  held?: { from: string; events: StoredEvent[] };
}

/** Redis stream ids ("ms-seq") in order. */
function newer(id: string, than: string): boolean {
  const [ms = 0, seq = 0] = id.split('-').map(Number);
  const [thanMs = 0, thanSeq = 0] = than.split('-').map(Number);
  return ms > thanMs || (ms === thanMs && seq > thanSeq);
}

function hear(subscription: Subscription, stored: StoredEvent): void {
  if (newer(stored.id, subscription.lastId)) subscription.lastId = stored.id;
  try {
    subscription.listener(stored);
  } catch {
    // A listener's failure is its own; the others still hear.
  }
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
  const subscriptions = new Set<Subscription>();
  const parse = (entry: { id: string; message: Record<string, string> }): StoredEvent[] => {
    try {
      return [{ id: entry.id, event: JSON.parse(entry.message.event ?? '') as StoredEvent['event'] }];
    } catch {
      return [];
    }
  };
  // Pub/sub forgets what it sent while the subscriber was away (a Redis restart, a network
  // blip). From the moment node-redis starts reconnecting, each subscription holds its live
  // messages; once it is ready again (resubscribed), each reads what its player's log gained
  // since the last id it heard, then passes on what it held: the log in order, nothing
  // missed. Streams dedupe by id.
  const holdAll = () => {
    for (const subscription of subscriptions) subscription.held ??= { from: subscription.lastId, events: [] };
  };
  const catchUp = () =>
    Promise.all(
      [...subscriptions].map(async (subscription) => {
        if (!subscription.held) return;
        const entries = await client.xRange(key('events', subscription.player), `(${subscription.held.from}`, '+').catch(() => 'away' as const);
        // Redis went away again: keep holding until it is back.
        if (entries === 'away') return;
        const later = subscription.held.events;
        subscription.held = undefined;
        for (const stored of (entries ?? []).flatMap(parse)) hear(subscription, stored);
        // What the log already gave is not passed on twice.
        for (const stored of later) if (newer(stored.id, subscription.lastId)) hear(subscription, stored);
      }),
    );
  let subscriber: Promise<RedisSubscriber> | undefined;
  const connectedSubscriber = () => {
    subscriber ??= (async () => {
      const sub = client.duplicate();
      // Without a listener, a lost connection would throw from the emitter and end the process.
      sub.on('error', () => undefined);
      await sub.connect();
      sub.on('reconnecting', holdAll);
      sub.on('ready', () => {
        catchUp().catch(() => undefined);
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
        const newest = await client.xRevRange(key('events', player), '+', '-', { COUNT: 1 });
        const subscription: Subscription = { player, lastId: newest?.[0]?.id ?? '0-0', listener };
        const onMessage = (message: string) => {
          let stored: StoredEvent;
          try {
            stored = JSON.parse(message) as StoredEvent;
          } catch {
            return; // Not ours.
          }
          if (subscription.held) subscription.held.events.push(stored);
          else hear(subscription, stored);
        };
        await sub.subscribe(key('events', player), onMessage);
        subscriptions.add(subscription);
        return () => {
          subscriptions.delete(subscription);
          sub.unsubscribe(key('events', player), onMessage).catch(() => undefined);
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
