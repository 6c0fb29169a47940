import { isPlaygateError } from '../model/error.js';
import type { Messages } from './en.js';

/** "2 hours", "15 minutes": the largest whole unit, in the locale's words. */
export function duration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [value, unit] = minutes >= 120 ? [Math.round(minutes / 60), 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * A sentence with plural forms, as CLDR names them (`one`, `few`, `many`, `other`, …):
 * `Intl.PluralRules` picks the form for `count`, and `{name}` takes `values[name]`.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(forms: Plural, count: number, locale: string, values: Readonly<Record<string, string>>): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

export function integer(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A feature's name for people: the game's own label, or its slug in words. */
export function featureLabel(name: string, labels: Readonly<Record<string, string>> = {}): string {
  return labels[name] ?? name.replace(/[-_]+/g, ' ').trim();
}

/** An error in words a player can act on. Never the vendor's raw message. */
export function errorText(error: unknown, messages: Messages): string {
  const kind = isPlaygateError(error) ? error.kind : 'other';
  const known = messages.errors as Partial<Record<string, string>>;
  return known[kind] ?? messages.errors.other;
}
