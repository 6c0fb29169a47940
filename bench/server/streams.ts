/// <reference types="node" />
// Many Server-Sent Events streams from one process, a socket each, with what they hear.
import { get } from 'node:http';

export interface BenchStream {
  player: string;
  open: boolean;
  /** Events heard, with their id and when (epoch ms), in order. */
  events: Array<{ id: string; type: string; data: string; at: number }>;
  /** Set when the server ended the stream (or the connection broke). */
  ended: boolean;
  /** Stops reading (a client that hangs), or reads again. */
  pause(): void;
  resume(): void;
  close(): void;
}

/**
 * Opens one stream as `player` (resuming after `lastEventId`, as a browser's EventSource
 * does); resolves once the server answered (open or not).
 */
export function openStream(url: string, player: string, lastEventId?: string): Promise<BenchStream> {
  return new Promise((resolve) => {
    const stream: BenchStream = { player, open: false, events: [], ended: false, pause: () => undefined, resume: () => undefined, close: () => undefined };
    const headers: Record<string, string> = { Accept: 'text/event-stream', cookie: `player=${player}`, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) };
    const request = get(`${url}/api/kid/events`, { headers, agent: false }, (response) => {
      stream.open = response.statusCode === 200;
      stream.pause = () => response.pause();
      stream.resume = () => response.resume();
      response.on('close', () => {
        stream.ended = true;
      });
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          if (type) stream.events.push({ id: /^id: (.*)$/m.exec(block)?.[1] ?? '', type, data: /^data: (.*)$/m.exec(block)?.[1] ?? '', at: Date.now() });
        }
      });
      response.on('error', () => undefined);
      resolve(stream);
    });
    request.on('error', () => {
      stream.ended = true;
      resolve(stream);
    });
    stream.close = () => {
      request.destroy();
    };
  });
}

/** Opens `count` streams, 500 at a time, each where `where(i)` says. */
export async function openStreams(count: number, where: (index: number) => { url: string; player: string }): Promise<BenchStream[]> {
  const streams: BenchStream[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => where(start + i));
    streams.push(...(await Promise.all(batch.map(({ url, player }) => openStream(url, player)))));
  }
  return streams;
}

/** The p-th percentile (nearest rank) of some milliseconds; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `run(0…count-1)`, `width` at a time, and answers what each gave, in order. */
export async function inBatches<T>(count: number, width: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += width) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, i) => run(start + i)))));
  }
  return out;
}
