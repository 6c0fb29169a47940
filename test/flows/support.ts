/** An answer still on its way: the test settles it by hand, when it wants the flow to see it. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: Error) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

/** What a fake port's call gives back: a value, a rejection, or an answer held open. */
export type Reply<T> = T | Error | Deferred<T>;

export function reply<T>(value: Reply<T>): Promise<T> {
  if (value instanceof Deferred) return value.promise;
  if (value instanceof Error) return Promise.reject(value);
  return Promise.resolve(value);
}

/** Lets the promise chains of answers already given run to the end (fakes answer in microtasks). */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** Where simulated time starts in every flow test. */
export const T0 = 1_000_000;

/** Where the session store keeps the session id across reloads (its own constant, not exported). */
export const SESSION_KEY = 'kid-session-id';
