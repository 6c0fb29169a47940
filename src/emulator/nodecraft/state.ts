import type { Clock } from '../clock.js';
import { randomHex } from '../clock.js';
import { gamePages, pageContentId, combinedContent, type ConsentType, type Page } from './documents.js';

export interface Server {
  id: string;
  name: string;
  password?: string;
  rules: Page[];
}

export interface Player {
  id: string;
  identKey: string;
  username: string;
  displayName: string;
  /** page id → the revision signed and when. */
  signatures: Map<string, { pageContentId: string; dateSigned: string }>;
}

export type PageStatus = 'missing' | 'outdated' | 'signed';

export interface Requirement {
  scope: 'game' | 'server';
  state: 'missing' | 'outdated';
  type: ConsentType;
}

/** Nodecraft's state: documents by revision, servers, players and their signatures. */
export class NodecraftState {
  pages: Page[] = gamePages();
  readonly servers = new Map<string, Server>();
  readonly players = new Map<string, Player>();
  readonly tokens = new Map<string, string>();
  /** Every signature ever made, so tests can prove each was made exactly once. */
  readonly signatureLog: Array<{ playerId: string; pageId: string; pageContentId: string; at: string; via: 'ident' | 'sign'; repeat: boolean }> = [];

  constructor(private readonly clock: Clock) {
    this.addServer({ id: 'srv-rules', name: 'Creative Friends', rules: [serverRules('srv-rules', 'Creative Friends server rules')] });
    this.addServer({ id: 'srv-open', name: 'Open Plains', rules: [] });
    this.addServer({ id: 'srv-locked', name: 'Secret Base', password: 'letmein', rules: [] });
  }

  addServer(server: Server): void {
    this.servers.set(server.id, server);
  }

  gamePages(type: ConsentType): Page[] {
    return this.pages.filter((page) => page.type === type);
  }

  /** Sign-in: the same platform identity is the same player. */
  identify(identKey: string, displayName: string): { player: Player; token: string } {
    let player = [...this.players.values()].find((p) => p.identKey === identKey);
    if (!player) {
      player = { id: `player-${String(this.players.size + 1).padStart(4, '0')}`, identKey, username: displayName.toLowerCase().replace(/\W+/g, '-'), displayName, signatures: new Map() };
      this.players.set(player.id, player);
    }
    const token = `ncp_${randomHex(16)}`;
    this.tokens.set(token, player.id);
    return { player, token };
  }

  playerByToken(token: string | undefined): Player | undefined {
    const id = token ? this.tokens.get(token) : undefined;
    return id ? this.players.get(id) : undefined;
  }

  status(player: Player | undefined, page: Page): PageStatus {
    const signed = player?.signatures.get(page.pageId);
    if (!signed) return 'missing';
    return signed.pageContentId === pageContentId(page) ? 'signed' : 'outdated';
  }

  /** Nodecraft's consents object for a set of pages, as this player sees it. */
  document(pages: readonly Page[], player?: Player) {
    const statuses = pages.map((page) => this.status(player, page));
    const all: PageStatus = statuses.includes('missing') ? 'missing' : statuses.includes('outdated') ? 'outdated' : 'signed';
    const dates = pages.map((page) => player?.signatures.get(page.pageId)?.dateSigned).filter((d): d is string => !!d).sort();
    return {
      consents: pages.map((page, i) => ({
        page_id: page.pageId,
        page_content_id: pageContentId(page),
        type: page.type,
        entity: page.entity,
        entity_id: page.entityId,
        ...(player ? { status: statuses[i], date_signed: player.signatures.get(page.pageId)?.dateSigned ?? null } : {}),
      })),
      content: combinedContent(pages),
      ...(player ? { status_all: all, date_all_signed: all === 'signed' ? (dates.at(-1) ?? null) : null } : {}),
    };
  }

  /** The first layer still to sign, in Nodecraft's order: game legal, game rules, then server. */
  firstRequirement(player: Player | undefined, server?: Server): Requirement | undefined {
    const layers: Array<[Requirement['scope'], ConsentType, Page[]]> = [
      ['game', 'legal', this.gamePages('legal')],
      ['game', 'rules', this.gamePages('rules')],
      ...(server ? [['server', 'rules', server.rules] as [Requirement['scope'], ConsentType, Page[]]] : []),
    ];
    for (const [scope, type, pages] of layers) {
      const statuses = pages.map((page) => this.status(player, page));
      if (statuses.includes('missing')) return { scope, state: 'missing', type };
      if (statuses.includes('outdated')) return { scope, state: 'outdated', type };
    }
    return undefined;
  }

  /** The page a signature names, if it names the current revision of a known page. */
  currentPage(pageId: unknown, contentId: unknown, type?: ConsentType): Page | undefined {
    const all = [...this.pages, ...[...this.servers.values()].flatMap((s) => s.rules)];
    const page = all.find((p) => p.pageId === pageId && (type === undefined || p.type === type));
    return page && pageContentId(page) === contentId ? page : undefined;
  }

  /**
   * Records a signature. Signing the revision already signed changes nothing; through
   * Sign Consents it is logged as a repeat, so tests can prove each is made exactly once.
   * (A re-sent Ident carries earlier rounds' consents again by design: those are not logged.)
   */
  sign(player: Player, page: Page, via: 'ident' | 'sign'): void {
    const current = pageContentId(page);
    const repeat = player.signatures.get(page.pageId)?.pageContentId === current;
    if (repeat && via === 'ident') return;
    const at = new Date(this.clock.now()).toISOString();
    if (!repeat) player.signatures.set(page.pageId, { pageContentId: current, dateSigned: at });
    this.signatureLog.push({ playerId: player.id, pageId: page.pageId, pageContentId: current, at, via, repeat });
  }

  /** A new revision of the game's documents of this type: every signature is now outdated. */
  publish(type: ConsentType): void {
    for (const page of this.gamePages(type)) page.revision += 1;
  }
}

export function serverRules(serverId: string, title: string): Page {
  return { pageId: `rules-${serverId}`, type: 'rules', entity: 'server', entityId: serverId, title, revision: 1 };
}
