/**
 * Yields to the event loop once, so fetches and renders can progress while a test polls
 * for a state. A MessageChannel task: unlike requestAnimationFrame or timers, a page in
 * the background does not pause or throttle it.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Polls `check` between tasks until it holds, or fails after `ms` naming `what` (and what `seen` says). */
export async function waitFor(check: () => boolean, what: string, ms = 15_000, seen?: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${seen ? `; seen: ${seen()}` : ''}`);
    await nextTask();
  }
}
