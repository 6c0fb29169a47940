import type { ZodMiniType } from 'zod/mini';
import { PlaygateError } from '../model/error.js';

/** `["session","permissions",0,"name"]` → `session.permissions[0].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Checks a decoded body against its schema; failure is an `invalid_response` naming the path. */
export function parseWith<T>(schema: ZodMiniType<T>, body: unknown, where: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  throw new PlaygateError({
    kind: 'invalid_response',
    message: `Unexpected response from ${where}: ${path}: ${issue?.message ?? 'invalid'}`,
    path,
  });
}

/** JSON.parse that reports failure as `invalid_response` instead of a SyntaxError. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PlaygateError({
      kind: 'invalid_response',
      message: `Response from ${where} is not JSON`,
      path: '(body)',
      cause,
    });
  }
}
