import { EVENTS_KEPT, type PlayerEvents, type StoredEvent } from './hub.js';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** What the browser waits before reconnecting. */
  retryMs?: number;
  /**
   * Bytes queued for a client that does not read before it is dropped (its browser
   * reconnects with `Last-Event-ID` and gets what it missed). Default 64 KiB.
   */
  maxBufferedBytes?: number;
}

/** Called once when this stream ends (the player left, or the stream was cancelled). */
type OnClose = () => void;

const encoder = new TextEncoder();

function frame(stored: StoredEvent): Uint8Array {
  return encoder.encode(`id: ${stored.id}\nevent: ${stored.event.type}\ndata: ${JSON.stringify(stored.event)}\n\n`);
}

/**
 * A player's Server-Sent Events stream. With `Last-Event-ID`, the events kept since then
 * come first, then live ones, each exactly once.
 */
export async function eventStream(events: PlayerEvents, player: string, request: Request, options: EventStreamOptions = {}, onClose: OnClose = () => undefined): Promise<Response> {
  const lastId = request.headers.get('Last-Event-ID') ?? new URL(request.url).searchParams.get('lastEventId');
  const delivered = new Set<string>();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let backlogSent = false;
  let live = false;
  const queued: StoredEvent[] = [];
  const send = (stored: StoredEvent) => {
    if (delivered.has(stored.id)) return;
    delivered.add(stored.id);
    // Overlaps (backlog and live, a catch-up after a reconnect) are recent: the newest ids suffice.
    if (delivered.size > 2 * EVENTS_KEPT) delivered.delete(delivered.values().next().value ?? '');
    enqueue(frame(stored));
  };
  /** Queues a frame; a client too far behind is dropped, so it cannot hold memory or slow the rest. */
  const enqueue = (chunk: Uint8Array) => {
    try {
      controller.enqueue(chunk);
    } catch {
      // Closed under us; the abort handler cleans up.
      return;
    }
    // The backlog (at most the events kept) goes in at once; from then on the bound holds.
    if (live && (controller.desiredSize ?? 0) < 0) stop(new Error('the client stopped reading'));
  };
  // Subscribe before reading the backlog, so nothing falls between the two.
  const unsubscribe = await events.subscribe(player, (stored) => {
    if (backlogSent) send(stored);
    else queued.push(stored);
  });
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  /** Ends the stream: closed when the player left, errored (its queue dropped) when it fell behind. */
  const stop = (dropped?: Error) => {
    if (stopped) return;
    stopped = true;
    onClose();
    clearInterval(heartbeat);
    unsubscribe();
    try {
      if (dropped) controller.error(dropped);
      else controller.close();
    } catch {
      // Already closed.
    }
  };
  const body = new ReadableStream<Uint8Array>({
    async start(c) {
      controller = c;
      c.enqueue(encoder.encode(`retry: ${String(options.retryMs ?? 2000)}\n: connected\n\n`));
      try {
        if (lastId) for (const stored of await events.since(player, lastId)) send(stored);
      } catch (error) {
        stop(error instanceof Error ? error : new Error('the backlog could not be read'));
      }
      // The player may have left (or the hub failed) while the backlog was read.
      if (stopped) return;
      backlogSent = true;
      for (const stored of queued.splice(0)) send(stored);
      live = true;
      heartbeat = setInterval(() => {
        enqueue(encoder.encode(': heartbeat\n\n'));
      }, options.heartbeatMs ?? 15_000);
    },
    cancel: () => {
      stop();
    },
  }, { highWaterMark: options.maxBufferedBytes ?? 64 * 1024, size: (chunk) => chunk.byteLength });
  request.signal.addEventListener('abort', () => {
    stop();
  }, { once: true });
  // Gone before the stream was ready: 'abort' will not fire again.
  if (request.signal.aborted) stop();
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
