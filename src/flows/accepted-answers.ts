import type { ConsentDocument } from '../model/consent.js';
import type { KeyValueStorage } from './storage.js';

const ACCEPTED_KEY = 'consent-accepted';

/** The pages of a document, as one comparable key. */
export function pagesKey(doc: ConsentDocument): string {
  return `${doc.type}:${doc.pages.map((p) => `${p.pageId}@${p.pageContentId}`).join(',')}`;
}

/** Accepted documents not yet known to be signed, kept across reloads (page ids and versions only). */
export class AcceptedAnswers {
  constructor(private readonly storage: KeyValueStorage) {}

  all(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.get(ACCEPTED_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      return [];
    }
  }

  keep(keys: readonly string[]): void {
    if (keys.length) this.storage.set(ACCEPTED_KEY, JSON.stringify(keys));
    else this.storage.remove(ACCEPTED_KEY);
  }

  forget(doc: ConsentDocument): void {
    this.keep(this.all().filter((key) => key !== pagesKey(doc)));
  }
}
