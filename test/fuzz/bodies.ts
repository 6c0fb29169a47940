// What a broken or hostile backend answers, as fast-check arbitraries: wrong types,
// missing and extra fields, nulls, huge strings, deep nesting, truncated JSON, wrong
// content types and any status. Objects are built from the vendors' own field names, so
// many of them come close to a valid answer, which is where parsers break.
import fc from 'fast-check';

/** Field names the three vendors use (wire.md), plus a few that none do. */
const KEYS = [
  'session', 'sessionId', 'permissions', 'name', 'enabled', 'managedBy', 'status', 'ageStatus', 'jurisdiction', 'etag',
  'challenge', 'challengeId', 'type', 'oneTimePassword', 'otp', 'url', 'otpExpiresAt', 'expiresAt', 'shouldDisplay',
  'data', 'consents', 'content', 'page_id', 'page_content_id', 'status_all', 'token', 'queue_token', 'player', 'code',
  'sessionSecret', 'user', 'profile', 'id', 'displayName', 'level', 'expiry', 'success', 'error', 'errorMsg', 'message',
  '__proto__', 'constructor', 'toString', '', ' ', 'ünïcødé',
];

const HUGE = 'A'.repeat(1_000_000);

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e308, -0),
  fc.string(),
  fc.constantFrom('', 'PASS', 'CHALLENGE', 'PLAYER', 'GUARDIAN', 'PROHIBITED', 'legal', 'rules', 'missing', '2026-11-22T00:00:00Z', 'https://example.com/', 'javascript:alert(1)', HUGE),
);

/** A JSON value made of vendor field names, nested a few levels. */
const nearly: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** An object or array wrapped `depth` times: parsers that recurse without a bound fall over. */
const deep = fc.integer({ min: 100, max: 5_000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);

export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
  /** How it was made, for the failure message. */
  kind: string;
}

const json = (kind: string, value: fc.Arbitrary<unknown>) =>
  value.map((v) => ({ kind, body: JSON.stringify(v), contentType: 'application/json' }));

const bodies = fc.oneof(
  json('nearly valid', nearly),
  json('anything', fc.jsonValue()),
  json('wrapped', nearly.map((inner) => ({ data: inner, success: true }))),
  json('session-like', nearly.map((inner) => ({ session: inner, status: 'PASS', challenge: inner }))),
  deep.map((body) => ({ kind: 'deep nesting', body, contentType: 'application/json' })),
  fc.tuple(fc.jsonValue(), fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify({ session: value, data: value });
    return { kind: 'truncated', body: text.slice(0, cut % Math.max(1, text.length)), contentType: 'application/json' };
  }),
  fc.constantFrom('<!doctype html><title>502 Bad Gateway</title>', '', 'null', 'undefined', '\u0000\u0001', '{"a":1}{"b":2}').map((body) => ({ kind: 'not JSON', body, contentType: 'application/json' })),
  json('wrong content type', nearly).map((answer) => ({ ...answer, kind: 'wrong content type', contentType: 'text/html; charset=utf-8' })),
  fc.constant({ kind: 'huge string', body: JSON.stringify({ content: HUGE, data: { content: HUGE }, session: { sessionId: HUGE } }), contentType: 'application/json' }),
);

export const answers: fc.Arbitrary<FuzzAnswer> = fc
  .tuple(bodies, fc.constantFrom(200, 200, 200, 201, 204, 304, 400, 401, 403, 404, 409, 410, 429, 500, 502, 503))
  .map(([answer, status]) => ({ ...answer, status }));

/** A fetch that answers every request with `answer` (a 204 or 304 with no body, as fetch insists). */
export function answering(answer: FuzzAnswer): typeof fetch {
  return () => {
    const empty = answer.status === 204 || answer.status === 304;
    return Promise.resolve(new Response(empty ? null : answer.body, { status: answer.status, headers: { 'Content-Type': answer.contentType } }));
  };
}

/** The seed and run count: fixed and short in `npm test`, longer in `npm run fuzz`. */
export async function fuzzSettings(): Promise<{ seed: number; runs: number }> {
  const response = await fetch('/__fuzz/settings');
  return (await response.json()) as { seed: number; runs: number };
}

/** Collects what escapes to the page (uncaught errors, unhandled rejections) between start and stop. */
export function escapes() {
  const escaped: string[] = [];
  const onError = (event: ErrorEvent) => escaped.push(String(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => escaped.push(String(event.reason));
  return {
    start() {
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
    },
    /** Stops listening, and returns what escaped. */
    stop(): string[] {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      return escaped;
    },
  };
}
