/**
 * The emulator's time. Expiry (one-time codes, sign-ins) follows this clock, so tests
 * and the demo move time forward instead of waiting.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export function randomHex(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Six characters without look-alikes (no 0/O, 1/I/L), as a parent types them. */
export function oneTimeCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const data = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(data, (b) => alphabet[b % alphabet.length]).join('');
}
