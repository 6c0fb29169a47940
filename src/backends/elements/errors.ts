import type { ErrorDecoder } from '../../http/client.js';
import type { PlaygateErrorKind } from '../../model/error.js';
import { ElementsErrorBody } from './wire.js';

const KIND_BY_CODE: Record<string, PlaygateErrorKind> = {
  INVALID_DATA: 'bad_request',
  INVALID_PARAMETER: 'bad_request',
  NOT_FOUND: 'not_found',
  DUPLICATE: 'conflict',
  CONFLICT: 'conflict',
  OVERLOAD: 'server',
};

/** `{code, message, validationFailureMessages}` (wire.md B.5) into playgate terms. */
export const decodeElementsError: ErrorDecoder = (response, generic) => {
  const parsed = ElementsErrorBody.safeParse(response.body);
  if (!parsed.success) return generic;
  const { code, message, validationFailureMessages } = parsed.data;
  return {
    ...generic,
    kind: KIND_BY_CODE[code] ?? generic.kind,
    vendorCode: code,
    message: message ?? generic.message,
    ...(validationFailureMessages?.length ? { details: validationFailureMessages } : {}),
  };
};

/**
 * On a call made with the session secret, 401 (expired) and 403 (unknown secret, or
 * expired on the refresh path) both mean the sign-in is gone.
 */
export const decodeAuthenticatedError: ErrorDecoder = (response, generic) => {
  const decoded = decodeElementsError(response, generic);
  return response.status === 401 || response.status === 403 ? { ...decoded, kind: 'session_expired' } : decoded;
};

/** Signing in: a refusal means wrong credentials, not an expired session. */
export const decodeSignInError: ErrorDecoder = (response, generic) => {
  const decoded = decodeElementsError(response, generic);
  const refused = response.status === 401 || response.status === 403 || response.status === 404;
  return refused ? { ...decoded, kind: 'invalid_credentials' } : decoded;
};
