// The emulated game world: one product, its permissions, jurisdictions, documents,
// servers and players. Scenarios (scenarios.ts) start from here.

export type AgeStatus = 'DIGITAL_MINOR' | 'DIGITAL_YOUTH' | 'LEGAL_ADULT';
export type ManagedBy = 'PLAYER' | 'GUARDIAN' | 'PROHIBITED';

export interface PermissionDefinition {
  name: string;
  /** What a parent reads on the approval page. */
  label: string;
  description: string;
  managedBy?: Record<AgeStatus, ManagedBy>;
  /** Threshold permissions need a verified age, never a parent. */
  verifiedAgeThreshold?: number;
}

export const PRODUCT = { productId: 'prod-blockgame', name: 'Block Game', minimumAge: 5 };

export const PERMISSIONS: PermissionDefinition[] = [
  {
    name: 'voice-chat',
    label: 'Voice chat',
    description: 'talk with other players using a microphone',
    managedBy: { DIGITAL_MINOR: 'GUARDIAN', DIGITAL_YOUTH: 'GUARDIAN', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'text-chat-private',
    label: 'Private messages',
    description: 'send and receive private messages with other players',
    managedBy: { DIGITAL_MINOR: 'GUARDIAN', DIGITAL_YOUTH: 'PLAYER', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'text-chat-public',
    label: 'Public chat',
    description: 'read and write in the public chat of a server',
    managedBy: { DIGITAL_MINOR: 'GUARDIAN', DIGITAL_YOUTH: 'PLAYER', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'user-generated-content',
    label: 'Share creations',
    description: 'publish their builds for other players to see',
    managedBy: { DIGITAL_MINOR: 'GUARDIAN', DIGITAL_YOUTH: 'PLAYER', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'in-game-purchases',
    label: 'In-game purchases',
    description: 'buy items with real money',
    managedBy: { DIGITAL_MINOR: 'GUARDIAN', DIGITAL_YOUTH: 'GUARDIAN', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'targeted-ads',
    label: 'Personalised ads',
    description: 'see ads chosen from their activity',
    managedBy: { DIGITAL_MINOR: 'PROHIBITED', DIGITAL_YOUTH: 'PROHIBITED', LEGAL_ADULT: 'PLAYER' },
  },
  {
    name: 'loot-boxes-paid-gameplay-impacting',
    label: 'Paid loot boxes',
    description: 'buy random rewards that affect gameplay',
    verifiedAgeThreshold: 18,
  },
];

/** Digital consent age and civil age by jurisdiction (country, or country-region). */
const CONSENT_AGES: Record<string, number> = { DE: 16, NL: 16, IE: 16, FR: 15, ES: 14, IT: 14, KR: 14 };
const CIVIL_AGES: Record<string, number> = { KR: 19 };

export interface JurisdictionRules {
  digitalConsentAge: number;
  civilAge: number;
  minimumAge: number;
}

export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

export function jurisdictionRules(jurisdiction: string): JurisdictionRules {
  const country = jurisdiction.slice(0, 2);
  return {
    digitalConsentAge: CONSENT_AGES[country] ?? 13,
    civilAge: CIVIL_AGES[country] ?? 18,
    minimumAge: PRODUCT.minimumAge,
  };
}

export function ageStatusFor(age: number, jurisdiction: string): AgeStatus {
  const rules = jurisdictionRules(jurisdiction);
  if (age < rules.digitalConsentAge) return 'DIGITAL_MINOR';
  if (age < rules.civilAge) return 'DIGITAL_YOUTH';
  return 'LEGAL_ADULT';
}

/** Who manages a permission for a player of this age. */
export function managedByFor(definition: PermissionDefinition, age: number, jurisdiction: string): ManagedBy {
  if (definition.verifiedAgeThreshold !== undefined) return age >= definition.verifiedAgeThreshold ? 'PLAYER' : 'PROHIBITED';
  return definition.managedBy?.[ageStatusFor(age, jurisdiction)] ?? 'PROHIBITED';
}

export function permissionDefinition(name: string): PermissionDefinition | undefined {
  return PERMISSIONS.find((p) => p.name === name);
}

/** Whole years between a date of birth (YYYY-MM-DD) and now. */
export function ageFromDateOfBirth(dateOfBirth: string, now: number): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const today = new Date(now);
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return age >= 0 && age < 150 ? age : undefined;
}
