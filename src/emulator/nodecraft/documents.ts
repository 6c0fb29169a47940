// The emulated documents: what a child actually reads. Long enough to need scrolling.

export type ConsentType = 'legal' | 'rules';

export interface Page {
  pageId: string;
  type: ConsentType;
  entity: 'platform' | 'game' | 'server';
  entityId: string;
  title: string;
  /** Bumped when a new revision is published; signatures of older ones are outdated. */
  revision: number;
}

const PARAGRAPHS: Record<string, string[]> = {
  'legal-platform': [
    'Nodecraft runs the servers you play on. To do that we keep your player name, your sign-in method and the times you play.',
    'We never sell your information. We keep it only as long as you have an account, and you can ask us to delete it at any time.',
    'If something goes wrong, such as a server being unreachable, we will tell you in the game.',
  ],
  'legal-game': [
    'Welcome to Block Game! These terms explain what you agree to when you play.',
    'Be kind to other players. Do not share personal information such as your address, school or phone number.',
    'Things you build belong to you, but by sharing them in the game you let other players see and visit them.',
    'We may change the game and these terms. When the terms change, we will ask you to read them again before you play.',
    'If you break these terms, a moderator may remove your builds or stop you from joining servers for a while.',
  ],
  'rules-game': [
    'Play fair: no cheats, hacks or exploits.',
    'No bullying, hate or threats, in chat or in builds.',
    'Report problems to a moderator instead of fighting back.',
  ],
};

function paragraphs(page: Page): string[] {
  return PARAGRAPHS[page.pageId] ?? [
    `${page.title} for this server:`,
    'Respect other players and their builds.',
    'Keep chat friendly and on topic.',
    'Moderators have the last word.',
  ];
}

export function pageContentId(page: Page): string {
  return `${page.pageId}-r${page.revision}`;
}

/** Every page's text, in layer order, as Nodecraft's one combined `content` string. */
export function combinedContent(pages: readonly Page[]): string {
  return pages
    .map((page) => {
      const updated = page.revision > 1 ? `\n(Revision ${page.revision}: updated ${page.revision - 1} time${page.revision > 2 ? 's' : ''} since you may last have read it.)` : '';
      return `${page.title}${updated}\n\n${paragraphs(page).join('\n\n')}`;
    })
    .join('\n\n');
}

export function gamePages(): Page[] {
  return [
    { pageId: 'legal-platform', type: 'legal', entity: 'platform', entityId: 'nodecraft', title: 'Nodecraft Terms of Service', revision: 1 },
    { pageId: 'legal-game', type: 'legal', entity: 'game', entityId: 'game-blockgame', title: 'Block Game Terms of Service', revision: 1 },
    { pageId: 'rules-game', type: 'rules', entity: 'game', entityId: 'game-blockgame', title: 'Block Game Rules', revision: 1 },
  ];
}
