import type { Messages } from '../../i18n/en.js';
import type { ConsentRequirement } from '../../model/consent.js';

/** The document's kind in words: terms, or the game's or a server's rules. */
export function consentHeading(messages: Messages, requirement: ConsentRequirement): string {
  const { title } = messages.consent;
  const type = requirement.type ?? (requirement.scope === 'server' ? 'rules' : 'legal');
  if (type === 'legal') return title.legal;
  return requirement.scope === 'server' ? title.serverRules : title.gameRules;
}
