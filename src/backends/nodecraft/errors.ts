import type { ErrorDecoder } from '../../http/client.js';
import type { PlaygateErrorKind } from '../../model/error.js';
import type { ConsentAction, ConsentRequirement, ConsentType } from '../../model/consent.js';
import { NodecraftConflictType, NodecraftErrorBody } from './wire.js';

const CONSENT_CODES: Record<string, Pick<ConsentRequirement, 'scope' | 'state'>> = {
  'consents.game_missing': { scope: 'game', state: 'missing' },
  'consents.game_outdated': { scope: 'game', state: 'outdated' },
  'consents.server_missing': { scope: 'server', state: 'missing' },
  'consents.server_outdated': { scope: 'server', state: 'outdated' },
};

const KIND_BY_CODE: Record<string, PlaygateErrorKind> = {
  'discovery.server.password_required': 'password_required',
  'discovery.server.invalid_password': 'invalid_password',
};

/** `{code, message, success, data, error}` (wire.md C.1) into playgate terms. */
export const decodeNodecraftError: ErrorDecoder = (response, generic) => {
  const parsed = NodecraftErrorBody.safeParse(response.body);
  if (!parsed.success) return generic;
  const { code, message } = parsed.data;
  const kind = CONSENT_CODES[code] && response.status === 409 ? 'consent_required' : KIND_BY_CODE[code];
  return { ...generic, kind: kind ?? generic.kind, vendorCode: code, message: message ?? generic.message };
};

/** For an action that consents may interrupt: a 409 `consents.*` carries its requirement. */
export function decodeInterruptible(action: ConsentAction, base: ErrorDecoder): ErrorDecoder {
  return (response, generic) => {
    const decoded = base(response, generic);
    if (decoded.kind !== 'consent_required') return decoded;
    const requirement = consentRequirement(decoded.vendorCode, response.body, action);
    return requirement ? { ...decoded, requirement } : decoded;
  };
}

/** Calls made with the player's token: a refused token means the player must sign in again. */
export const decodePlayerCallError: ErrorDecoder = (response, generic) => {
  const decoded = decodeNodecraftError(response, generic);
  return decoded.kind === 'unauthorized' ? { ...decoded, kind: 'session_expired' } : decoded;
};

/**
 * The requirement behind a 409 `consents.*`. The type's place in the body is not
 * documented (wire.md C.1): it is looked for in `data.type`, then `type`.
 */
export function consentRequirement(code: string | undefined, body: unknown, action: ConsentAction): ConsentRequirement | undefined {
  const base = code === undefined ? undefined : CONSENT_CODES[code];
  if (!base) return undefined;
  const type = consentTypeIn(body);
  return { ...base, action, ...(type ? { type } : {}) };
}

function consentTypeIn(body: unknown): ConsentType | undefined {
  const parsed = NodecraftErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const fromData = NodecraftConflictType.safeParse(parsed.data.data);
  if (fromData.success) return fromData.data.type;
  const fromTop = NodecraftConflictType.safeParse(parsed.data);
  return fromTop.success ? fromTop.data.type : undefined;
}
