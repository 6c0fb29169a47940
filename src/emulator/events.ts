import type { EmulatorContext } from './context.js';
import { jurisdictionRules, permissionDefinition, PRODUCT } from './world.js';

/** What happens on a vendor's side on its own, triggered from the control API. */

/** The player reaches the next age band. k-ID sends no webhook for this (wire.md A.4). */
export function ageUp(ctx: EmulatorContext, sessionId: string): string | undefined {
  const session = ctx.kid.live(sessionId);
  if (!session) return 'No live session with that id';
  const rules = jurisdictionRules(session.jurisdiction);
  session.age = session.age < rules.digitalConsentAge ? rules.digitalConsentAge : session.age < rules.civilAge ? rules.civilAge : session.age + 1;
  ctx.kid.touch(session);
  return undefined;
}

/** A parent turns a feature on or off in their family portal. */
export function parentChange(ctx: EmulatorContext, sessionId: string, permission: string, enabled: boolean): string | undefined {
  const session = ctx.kid.live(sessionId);
  if (!session) return 'No live session with that id';
  if (!permissionDefinition(permission)) return `Unknown permission ${permission}`;
  if (enabled && ctx.kid.managedBy(session, permission) === 'PROHIBITED') return `${permission} is prohibited for this player`;
  if (enabled) session.enabled.add(permission);
  else session.enabled.delete(permission);
  ctx.kid.touch(session);
  ctx.webhooks.send({ eventType: 'Session.ChangePermissions', data: { id: session.sessionId, productId: PRODUCT.productId } });
  return undefined;
}

/** A parent revokes all access: the session is gone, and consenting again makes a new one. */
export function revoke(ctx: EmulatorContext, sessionId: string): string | undefined {
  const session = ctx.kid.live(sessionId);
  if (!session) return 'No live session with that id';
  session.deleted = true;
  ctx.webhooks.send({ eventType: 'Session.Delete', data: { id: session.sessionId, productId: PRODUCT.productId } });
  return undefined;
}
