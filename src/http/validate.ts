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

interface Issue {
  path?: readonly PropertyKey[];
  message?: string;
  code?: string;
  errors?: readonly (readonly Issue[])[];
}

/**
 * A union failure sits at its own path and hides why each shape failed. Report the
 * shape that got furthest, since that is almost always the one the backend meant.
 */
function deepest(issue: Issue): { path: PropertyKey[]; message: string } {
  const here = [...(issue.path ?? [])];
  let best = { path: here, message: issue.message ?? 'invalid' };
  for (const option of issue.errors ?? []) {
    for (const inner of option) {
      const found = deepest(inner);
      const path = [...here, ...found.path];
      if (path.length > best.path.length) best = { path, message: found.message };
    }
  }
  return best;
}

/** Checks a decoded body against its schema; failure is an `invalid_response` naming the path. */
export function parseWith<T>(schema: ZodMiniType<T>, body: unknown, where: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = deepest(result.error.issues[0] ?? {});
  const path = formatPath(issue.path);
  throw new PlaygateError({
    kind: 'invalid_response',
    message: `Unexpected response from ${where}: ${path}: ${issue.message}`,
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
