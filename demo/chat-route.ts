// The demo game's one privileged route: posting in the public chat. The widget hides the
// chat from a player without the permission, but that is only UX: the game's server
// checks the player's k-ID session itself (k-ID's trust boundary).
import { requirePermission, type PermissionChecker } from '../src/server/index.js';

export function chatRoute(guard: PermissionChecker) {
  return requirePermission(guard, 'text-chat-public', async (request) => {
    const body = (await request.json().catch(() => ({}))) as { message?: unknown };
    const message = typeof body.message === 'string' ? body.message.trim().slice(0, 200) : '';
    if (!message) return Response.json({ error: 'EMPTY', errorMsg: 'Write something first' }, { status: 400 });
    return Response.json({ posted: message });
  });
}
