import type { PlaygateErrorKind } from '../model/error.js';
import type { status } from './en/status.js';
import type { changes } from './en/changes.js';
import type { consent } from './en/consent.js';
import type { request } from './en/request.js';
import type { challenge } from './en/challenge.js';
import type { ageCheck } from './en/age-check.js';
import type { ageGate } from './en/age-gate.js';
import type { history } from './en/history.js';

/**
 * The English catalog's shape, which every other locale follows. Functions take what
 * varies; plural forms (`Plural`) are picked by `Intl.PluralRules`, and durations are
 * formatted with `Intl` by the caller.
 */
export interface Messages {
  status: typeof status;
  changes: typeof changes;
  consent: typeof consent;
  request: typeof request;
  challenge: typeof challenge;
  ageCheck: typeof ageCheck;
  ageGate: typeof ageGate;
  history: typeof history;
  errors: typeof errors;
}

const errors = {
  network: 'You seem to be offline.',
  timeout: 'The server took too long to answer.',
  rate_limited: 'Too many tries. Wait a moment.',
  server: 'The server had a problem.',
  invalid_response: 'The server sent something we did not understand.',
  session_deleted: 'Your account needs to be set up again.',
  unauthorized: 'The game could not confirm who you are. Sign in to the game again.',
  not_found: 'That is no longer there.',
  bad_request: 'The server could not do that.',
  other: 'Something went wrong.',
} satisfies Partial<Record<PlaygateErrorKind | 'other', string>>;

/**
 * English. Its sections come with the elements that speak them (`addEnglish`, when their
 * module loads), so a game ships only the words of the elements it uses; the errors are
 * everyone's.
 */
export const en = { errors } as Messages;

/** Adds sections to the English catalog (each element's own words, once). */
export function addEnglish(sections: Partial<Messages>): void {
  Object.assign(en, sections);
}

const filled = new WeakMap<Messages, Messages>();

/**
 * The catalog with this copy's English for any section it lacks. Two copies of playgate
 * on a page each have their own English: a provider from one may hand its words to an
 * element of the other, whose own sections only its copy registered.
 */
export function withEnglish(messages: Messages): Messages {
  if (messages === en) return en;
  let whole = filled.get(messages);
  if (!whole) {
    whole = new Proxy(messages, { get: (target, key): unknown => Reflect.get(target, key) ?? Reflect.get(en, key) });
    filled.set(messages, whole);
  }
  return whole;
}
