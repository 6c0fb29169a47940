/// <reference types="node" />
// A Server-Sent Events reader for Node tests, on fetch's streaming body.

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseStream {
  /** The next event (heartbeats and comments skipped), or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  status: number;
  headers: Headers;
}

export async function openStream(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: SseEvent[] = [];

  async function fill(): Promise<void> {
    if (!reader) throw new Error(`no stream (status ${String(response.status)})`);
    const { done, value } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event: SseEvent = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data += line.slice(6);
      }
      if (event.event) pending.push(event);
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    async next(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (pending.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          fill(),
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              reject(new Error('no event in time'));
            }, left);
          }),
        ]).finally(() => {
          clearTimeout(timer);
        });
      }
      return pending.shift() as SseEvent;
    },
    close() {
      controller.abort();
    },
  };
}
