import type { ErrorDecoder } from '../../http/client.js';
import type { PlaygateErrorKind } from '../../model/error.js';
import { KidErrorBody } from './wire.js';

const KIND_BY_CODE: Record<string, PlaygateErrorKind> = {
  INVALID_EMAIL: 'invalid_email',
  NOT_FOUND: 'not_found',
};

/** `{error, errorMsg}` (wire.md A.1) into playgate terms. */
export const decodeKidError: ErrorDecoder = (response, generic) => {
  const parsed = KidErrorBody.safeParse(response.body);
  if (!parsed.success) return generic;
  const { error, errorMsg } = parsed.data;
  return {
    ...generic,
    kind: KIND_BY_CODE[error] ?? generic.kind,
    vendorCode: error,
    message: errorMsg ?? generic.message,
  };
};

/**
 * A deleted session answers 400 `NOT_FOUND` per the docs and 404 per k-ID's own skills,
 * and briefly 404 right after a challenge passes. Both mean: treat it as gone.
 */
export const decodeKidSessionError: ErrorDecoder = (response, generic) => {
  const decoded = decodeKidError(response, generic);
  const deleted = response.status === 404 || (response.status === 400 && decoded.vendorCode === 'NOT_FOUND');
  return deleted ? { ...decoded, kind: 'session_deleted' } : decoded;
};
