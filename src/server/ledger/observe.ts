// What the server keeps of the k-ID answers it passes on and the webhooks it verifies:
// ids, statuses and permission names, picked one by one. Nothing else of a body is ever
// copied, so a one-time code, a challenge link, an email or a date of birth cannot slip in.
import type { ServerObservation } from '../../model/receipt.js';
import { newRecordId } from './ledger.js';

export interface Observed {
  /** The record's id: deterministic where the same fact can arrive twice (polling, replays). */
  id: string;
  observation: ServerObservation;
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown, most = 200): string | undefined => (typeof value === 'string' && value !== '' && value.length <= most ? value : undefined);
/** A status word, as short as the schema wants it. */
const word = (value: unknown) => text(value, 100);

/** Only the fields that are there: the schema's optional fields are absent, never undefined. */
function observation(event: string, fields: Omit<ServerObservation, 'event'>): ServerObservation {
  const out: ServerObservation = { event };
  for (const [name, value] of Object.entries(fields) as Array<[keyof typeof fields, unknown]>) {
    if (value !== undefined) Object.assign(out, { [name]: value });
  }
  return out;
}

function permissionNames(requested: unknown): string[] | undefined {
  if (!Array.isArray(requested)) return undefined;
  const names = requested.map((item) => text(object(item).name)).filter((name): name is string => name !== undefined);
  return names.length ? names.slice(0, 100) : undefined;
}

const TERMINAL = new Set(['PASS', 'FAIL']);

type Observer = (sent: { body: Json; query: URLSearchParams }, answer: Json) => Observed | undefined;

/** A terminal challenge status, once per challenge and status however often it is polled. */
const challengeStatus: Observer = (sent, answer) => {
  const status = word(answer.status);
  const challengeId = text(sent.query.get('challengeId'));
  if (!status || !TERMINAL.has(status) || !challengeId) return undefined;
  return { id: `challenge:${challengeId}:${status}`, observation: observation('challenge/get-status', { status, challengeId, sessionId: text(answer.sessionId) }) };
};

/** Per proxied k-ID path: what its successful answer leaves in the player's ledger. */
export const OBSERVERS: Readonly<Record<string, Observer>> = {
  'session/upgrade'(sent, answer) {
    const challengeId = text(object(answer.challenge).challengeId);
    const status = word(answer.status);
    return {
      id: challengeId ? `upgrade:${challengeId}` : newRecordId('upgrade'),
      observation: observation('session/upgrade', { status, challengeId, sessionId: text(sent.body.sessionId), permissions: permissionNames(sent.body.requestedPermissions) }),
    };
  },
  'age-gate/check'(_sent, answer) {
    const challengeId = text(object(answer.challenge).challengeId);
    const sessionId = text(object(answer.session).sessionId) ?? text(answer.sessionId);
    const id = challengeId ? `age-gate:${challengeId}` : sessionId ? `age-gate:session:${sessionId}` : newRecordId('age-gate');
    return { id, observation: observation('age-gate/check', { status: word(answer.status), challengeId, sessionId }) };
  },
  'age-verification/perform-access-age-verification'(sent, answer) {
    const verificationId = text(answer.id);
    if (!verificationId) return undefined;
    return { id: `verification:${verificationId}:created`, observation: observation('age-verification/perform-access-age-verification', { verificationId, sessionId: text(sent.body.sessionId) }) };
  },
  'age-verification/get-status'(sent, answer) {
    const status = word(answer.status);
    const verificationId = text(sent.query.get('id'));
    if (!status || !TERMINAL.has(status) || !verificationId) return undefined;
    return { id: `verification:${verificationId}:${status}`, observation: observation('age-verification/get-status', { status, verificationId, sessionId: text(answer.sessionId) }) };
  },
  'challenge/get-status': challengeStatus,
  'challenge/await': challengeStatus,
};

/** k-ID's webhooks a ledger keeps. */
const KEPT_WEBHOOKS = new Set([
  'Challenge.StateChange',
  'Session.ChangePermissions',
  'Session.Delete',
  'Verification.Result',
  'AgeAssurance.Result',
  'Verification.Revoke',
  'ParentalConsent.Granted',
]);

/**
 * A verified webhook as a record. Its id is the request's signature: a replay of the very
 * same signed request adds nothing, whichever instance (or restarted hub) takes it.
 */
export function observeWebhook(eventType: string, data: Json, signatureHex: string): Observed | undefined {
  if (!KEPT_WEBHOOKS.has(eventType)) return undefined;
  const id = text(data.id);
  const verification = eventType.startsWith('Verification.') || eventType === 'AgeAssurance.Result';
  const session = eventType.startsWith('Session.');
  const status = eventType === 'Verification.Revoke' ? 'REVOKED' : (word(data.status) ?? word(data.result));
  return {
    id: `webhook:${signatureHex}`,
    observation: observation(eventType, {
      status,
      challengeId: eventType === 'Challenge.StateChange' ? id : undefined,
      verificationId: verification ? id : undefined,
      sessionId: session ? id : text(data.sessionId),
    }),
  };
}
