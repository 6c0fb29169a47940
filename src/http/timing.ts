/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
}

/**
 * `Retry-After` in seconds: either delta-seconds or an HTTP date. Undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Exponential back-off with full jitter between half and all of the step. */
export function backoff(attempt: number, baseMs: number, random = Math.random): number {
  const step = baseMs * 2 ** attempt;
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Combines the caller's signal with a deadline, and says which one fired. */
export class Deadline {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout>;
  private detach: () => void = () => {};

  constructor(timeoutMs: number, outer?: AbortSignal) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException('Timed out', 'TimeoutError'));
    }, timeoutMs);
    if (outer) {
      const forward = () => {
        this.controller.abort(outer.reason);
      };
      if (outer.aborted) forward();
      outer.addEventListener('abort', forward, { once: true });
      this.detach = () => {
        outer.removeEventListener('abort', forward);
      };
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.detach();
  }
}
