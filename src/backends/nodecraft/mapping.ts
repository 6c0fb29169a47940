import type { ConsentDocument, ConsentType, PlayerSession } from '../../model/consent.js';
import type * as z from 'zod/mini';
import type { NodecraftConsents, NodecraftIdent } from './wire.js';

export function toDocument(type: ConsentType, wire: NodecraftConsents): ConsentDocument {
  return {
    type,
    content: wire.content,
    pages: wire.consents.map((page) => ({ pageId: page.page_id, pageContentId: page.page_content_id })),
    ...(wire.status_all ? { status: wire.status_all } : {}),
    ...(wire.date_all_signed ? { signedAt: wire.date_all_signed } : {}),
  };
}

/** The `consents[]` that rides along with a re-sent Ident: one entry per page. */
export function toIdentConsents(documents: readonly ConsentDocument[]) {
  return documents.flatMap((doc) =>
    doc.pages.map((page) => ({ type: doc.type, page_id: page.pageId, page_content_id: page.pageContentId })),
  );
}

/** The body of Sign Consents: a bare array, one entry per page. */
export function toSignBody(accepted: ConsentDocument) {
  return accepted.pages.map((page) => ({ page_id: page.pageId, page_content_id: page.pageContentId, type: accepted.type }));
}

export function toPlayerSession(wire: z.infer<typeof NodecraftIdent>): PlayerSession {
  return {
    token: wire.token,
    ...(wire.date_expires ? { expiresAt: wire.date_expires } : {}),
    ...(wire.player?.id ? { playerId: wire.player.id } : {}),
    ...(wire.player?.display_name || wire.player?.username
      ? { displayName: (wire.player.display_name ?? wire.player.username) as string }
      : {}),
  };
}
