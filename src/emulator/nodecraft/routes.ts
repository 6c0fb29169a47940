import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.js';
import { readAnyJson, readJson } from '../http.js';
import type { ConsentType, Page } from './documents.js';
import type { Player, Requirement } from './state.js';

type Status = 200 | 400 | 401 | 404 | 409 | 429 | 500 | 503;

/** Nodecraft's envelope (wire.md C.1), for success and failure alike. */
export function envelope(c: Context, status: Status, code: string, message: string, data: unknown = null) {
  const ok = status < 400;
  return c.json({ code, message, success: ok, data, error: !ok }, status);
}

function token(c: Context): string | undefined {
  // The plugin and API reference say x-nodecraft-token; the prose docs x-nodecraft-auth.
  return c.req.header('x-nodecraft-token') ?? c.req.header('x-nodecraft-auth');
}

function consentConflict(c: Context, requirement: Requirement) {
  const code = `consents.${requirement.scope}_${requirement.state}`;
  const words = requirement.state === 'missing' ? 'must be accepted' : 'have changed and must be accepted again';
  return envelope(c, 409, code, `The ${requirement.scope} ${requirement.type} ${words}`, { type: requirement.type });
}

/** Nodecraft's API under `/nodecraft/v1/`. */
export function nodecraftRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const { nodecraft } = ctx;

  const gameOnly = (c: Context) => (token(c) === ctx.config.gameToken ? undefined : envelope(c, 401, 'auth.invalid_token', 'A valid game access token is required'));
  const playerOf = (c: Context): Player | Response => nodecraft.playerByToken(token(c)) ?? envelope(c, 401, 'auth.invalid_token', 'A valid player access token is required');

  app.post('/ident/token', async (c) => {
    const refused = gameOnly(c);
    if (refused) return refused;
    const body = await readJson(c);
    const data = body.data;
    if (typeof body.type !== 'string' || data === null || typeof data !== 'object') return envelope(c, 400, 'ident.invalid', 'type and data are required');
    const fields = data as Record<string, unknown>;
    const who = [fields.identity, fields.email, fields.ticket].find((v): v is string => typeof v === 'string' && v !== '');
    if (!who) return envelope(c, 400, 'ident.invalid', 'data must identify the player');
    const { player, token: playerToken } = nodecraft.identify(`${body.type}:${who}`, typeof fields.display_name === 'string' ? fields.display_name : who);
    if (body.consents !== undefined) {
      const pages = acceptedPages(ctx, body.consents);
      if (!pages) return envelope(c, 400, 'consents.invalid', 'consents must name the current pages');
      for (const page of pages) nodecraft.sign(player, page, 'ident');
    }
    const requirement = nodecraft.firstRequirement(player);
    if (requirement) {
      nodecraft.tokens.delete(playerToken);
      return consentConflict(c, requirement);
    }
    return envelope(c, 200, 'ident.success', 'Successfully identified.', {
      token: playerToken,
      date_expires: new Date(ctx.clock.now() + 24 * 3600 * 1000).toISOString(),
      server_region_id: 'emulator',
      player: { id: player.id, username: player.username, display_name: player.displayName },
    });
  });

  app.get('/consents/game/:type{legal|rules}', (c) => {
    const refused = gameOnly(c);
    if (refused) return refused;
    const type = c.req.param('type') as ConsentType;
    return envelope(c, 200, `consents.${type}`, `Successfully retrieved ${type} consent documentation.`, nodecraft.document(nodecraft.gamePages(type)));
  });

  app.get('/consents/player/:type{legal|rules}', (c) => {
    const player = playerOf(c);
    if (player instanceof Response) return player;
    const type = c.req.param('type') as ConsentType;
    return envelope(c, 200, `consents.${type}`, `Successfully retrieved ${type} consents.`, nodecraft.document(nodecraft.gamePages(type), player));
  });

  app.post('/consents/player/:type{legal|rules}', async (c) => {
    const player = playerOf(c);
    if (player instanceof Response) return player;
    const type = c.req.param('type') as ConsentType;
    // Sign Consents takes a bare array of pages.
    const pages = acceptedPages(ctx, await readAnyJson(c), type);
    if (!pages || pages.length === 0) return envelope(c, 400, 'consents.invalid', 'The body must be an array of the current pages to sign');
    for (const page of pages) nodecraft.sign(player, page, 'sign');
    return envelope(c, 200, 'consents.signed', 'Successfully signed consents.', nodecraft.document(pages, player));
  });

  app.get('/server/:id', (c) => {
    const player = playerOf(c);
    if (player instanceof Response) return player;
    const server = nodecraft.servers.get(c.req.param('id'));
    if (!server) return envelope(c, 404, 'server.not_found', 'Server not found');
    return envelope(c, 200, 'server.get', 'Successfully retrieved server.', {
      server: { id: server.id, name: server.name, password_protected: server.password !== undefined },
      rules: nodecraft.document(server.rules, player),
    });
  });

  app.post('/server/:id/join', async (c) => {
    const player = playerOf(c);
    if (player instanceof Response) return player;
    const server = nodecraft.servers.get(c.req.param('id'));
    if (!server) return envelope(c, 404, 'server.not_found', 'Server not found');
    const body = await readJson(c);
    if (server.password !== undefined) {
      if (typeof body.password !== 'string' || body.password === '') return envelope(c, 400, 'discovery.server.password_required', 'This server needs a password');
      if (body.password !== server.password) return envelope(c, 400, 'discovery.server.invalid_password', 'That password is not right');
    }
    // Layered: game legal, then game rules, then the server's rules; one 409 at a time.
    const requirement = nodecraft.firstRequirement(player, server);
    if (requirement) return consentConflict(c, requirement);
    return envelope(c, 200, 'server.join', 'Joined the queue.', { token: `queue-${server.id}-${player.id}`, position: 1 });
  });

  return app;
}

/** The current pages a `consents[]` or Sign Consents body names, or undefined if any is not current. */
function acceptedPages(ctx: EmulatorContext, value: unknown, type?: ConsentType): Page[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const pages: Page[] = [];
  for (const entry of value) {
    const item = (entry ?? {}) as Record<string, unknown>;
    const page = ctx.nodecraft.currentPage(item.page_id, item.page_content_id, type);
    if (!page) return undefined;
    pages.push(page);
  }
  return pages;
}
